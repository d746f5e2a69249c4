/**
 * Chooses the provider for a run. Precedence: `--offline`; then `--profile`, `--base-url` and
 * `--model` flags; then the active profile; then OPENAI_BASE_URL / OPENAI_API_KEY; else the offline
 * narrator. Providers are imported lazily, so the openai SDK loads only when a model is used.
 */
import type { Provider } from '../engine/types.js';
import type { ApiMode } from '../config/store.js';
import { UsageError } from '../errors.js';
import { envProfile, OFFLINE, resolveProfile, type ResolvedProfile } from '../config/profiles.js';
import { getSetting, type Settings } from '../config/settings.js';
import { presetForURL } from '../config/presets.js';
import { registerSecret } from '../text/redact.js';
import { splitBaseURL } from '../config/url.js';
import type { OpenAIProviderOptions } from './openai/index.js';

/** What a run says about its narrator: `--offline`, `--profile`, `--base-url`, `--model`, `--api`, `--template`, `--seed`. */
export interface EndpointChoice {
  profile?: string;
  baseUrl?: string;
  model?: string;
  offline?: boolean;
  /** The offline narrator's seed. */
  seed?: number;
  /** `chat` or `completions` (text completion through `template`) for this run. */
  api?: ApiMode;
  /** The instruct template of text completion for this run; implies `--api completions`. */
  template?: string;
}

/** The settings a run read already (its active profile), so choosing the endpoint does not read config.json again. */
export type ReadSettings = Pick<Settings, 'activeProfile'>;

/**
 * Which endpoint a run would use, without creating the provider: `offline`, or a resolved profile
 * with the run's `--api` and `--template` over the profile's own. `settings`, when the run has read
 * them, name the active profile; otherwise it is read from config.json.
 */
export function resolveEndpoint(
  options: EndpointChoice,
  env: NodeJS.ProcessEnv = process.env,
  settings?: ReadSettings,
): ResolvedProfile | 'offline' {
  const endpoint = resolveBase(options, env, settings);
  if (!options.api && !options.template) return endpoint;
  if (endpoint === OFFLINE)
    throw new UsageError(
      `The ${options.template ? '--template' : '--api'} option needs a model endpoint; the offline narrator takes no prompt format. Add --profile NAME or --base-url URL.`,
    );
  const api = options.api ?? (options.template ? 'completions' : endpoint.api);
  if (api === 'chat' && options.template)
    throw new UsageError('The --template option is for text completion: use it with --api completions, or leave --api out.');
  return { ...endpoint, api, ...(options.template ? { template: options.template } : {}) };
}

function resolveBase(options: EndpointChoice, env: NodeJS.ProcessEnv, settings: ReadSettings | undefined): ResolvedProfile | 'offline' {
  if (options.offline) return OFFLINE;
  if (options.profile === OFFLINE) return OFFLINE;
  if (options.profile || options.baseUrl || options.model) {
    let base = options.profile ? resolveProfile(options.profile, env) : undefined;
    if (!base && !options.baseUrl) {
      const active = activeProfile(env, settings);
      base = active && active !== OFFLINE ? active : envProfile(env);
    }
    if (!options.baseUrl) {
      if (!base)
        throw new UsageError(
          'The --model option needs an endpoint: add --base-url URL or --profile NAME, or make a profile active with `skald profiles use NAME`.',
        );
      return { ...base, model: options.model ?? base.model, source: options.profile ? 'profile' : base.source };
    }
    const split = splitBaseURL(options.baseUrl, 'The --base-url value');
    const url = split.baseURL;
    // A named profile lends its key and headers to the URL given with it; otherwise the key comes
    // from OPENAI_API_KEY, so a stored key never goes to a URL it was not saved for.
    if (base && (options.profile || base.baseURL === url)) {
      return {
        ...base,
        baseURL: url,
        headers: { ...base.headers, ...split.headers },
        model: options.model ?? base.model,
        source: options.profile ? 'profile' : 'flags',
      };
    }
    registerSecret(env.OPENAI_API_KEY);
    return {
      name: 'flags',
      baseURL: url,
      model: options.model,
      apiKey: env.OPENAI_API_KEY || undefined,
      apiKeyEnv: 'OPENAI_API_KEY',
      headers: split.headers,
      preset: presetForURL(url)?.id,
      supportsN: presetForURL(url)?.supportsN ?? false,
      source: 'flags',
    };
  }
  const active = activeProfile(env, settings);
  if (active === OFFLINE) return OFFLINE;
  if (active) return active;
  return envProfile(env) ?? OFFLINE;
}

function activeProfile(env: NodeJS.ProcessEnv, settings: ReadSettings | undefined): ResolvedProfile | typeof OFFLINE | undefined {
  const name = settings ? settings.activeProfile : getSetting('activeProfile', env);
  if (!name) return undefined;
  if (name === OFFLINE) return OFFLINE;
  return resolveProfile(name, env);
}

/** The provider a run uses (see the module comment for precedence); `settings` as for `resolveEndpoint`. */
export async function resolveProvider(
  options: EndpointChoice,
  env: NodeJS.ProcessEnv = process.env,
  providerOptions: OpenAIProviderOptions & { offlineDelayMs?: number } = {},
  settings?: ReadSettings,
): Promise<Provider> {
  return providerFor(resolveEndpoint(options, env, settings), options, env, providerOptions);
}

/** The provider for an endpoint `resolveEndpoint` already chose (a run that needs the endpoint too resolves it once). */
export async function providerFor(
  endpoint: ResolvedProfile | 'offline',
  options: Pick<EndpointChoice, 'seed'>,
  env: NodeJS.ProcessEnv = process.env,
  providerOptions: OpenAIProviderOptions & { offlineDelayMs?: number } = {},
): Promise<Provider> {
  if (endpoint === OFFLINE) {
    const { createOfflineNarrator } = await import('./offline/index.js');
    return createOfflineNarrator({
      seed: options.seed,
      ...(providerOptions.offlineDelayMs ? { delayMs: providerOptions.offlineDelayMs } : {}),
    });
  }
  const { createOpenAIProvider } = await import('./openai/index.js');
  const template = endpoint.api === 'completions' ? await templateFor(endpoint, env) : undefined;
  const reasoning = await reasoningFor(endpoint, template?.instruct.name, env);
  return createOpenAIProvider(endpoint, {
    ...providerOptions,
    ...(template ? { template } : {}),
    ...(reasoning ? { reasoning } : {}),
  });
}

/**
 * The tags of the model's reasoning: the profile's reasoning template, else the one imported with
 * its instruct template (a master export's), else none (`<think>`).
 */
async function reasoningFor(endpoint: ResolvedProfile, instructName: string | undefined, env: NodeJS.ProcessEnv) {
  if (!endpoint.reasoning && !instructName) return undefined;
  const { findReasoning, pairedReasoning } = await import('./instruct/catalog.js');
  const { reasoningTags } = await import('./think.js');
  const template = endpoint.reasoning ? findReasoning(endpoint.reasoning, env) : pairedReasoning(instructName ?? '', env);
  return template ? reasoningTags(template) : undefined;
}

/** The instruct template a text-completion endpoint names, or a one-line error saying how to name one. */
async function templateFor(endpoint: ResolvedProfile, env: NodeJS.ProcessEnv) {
  const { chosenTemplate, findTemplate, listTemplates } = await import('./instruct/catalog.js');
  if (!endpoint.template) {
    const known = listTemplates(env)
      .templates.map((t) => t.aliases[0] ?? t.key)
      .join(', ');
    const how =
      endpoint.source === 'profile' ? `\`skald profiles set ${endpoint.name} template NAME\` or --template NAME` : '--template NAME';
    throw new UsageError(`Text completion needs an instruct template: ${how} (templates: ${known}).`);
  }
  return chosenTemplate(findTemplate(endpoint.template, env));
}
