/**
 * The OpenAI-compatible provider, over the real `openai` SDK. The SDK's own retries are off:
 * skald retries only before a candidate's first token, so a player never sees text restart.
 */
import OpenAI from 'openai';
import type {
  ChatMessage,
  CompleteOptions,
  GenerateRequest,
  Provider,
  ProviderEvent,
  ProviderFailure,
  ResponseFormat,
  Usage,
} from '../../engine/types.js';
import type { ResolvedProfile } from '../../config/profiles.js';
import { registerSecret } from '../../text/redact.js';
import { splitThink, THINK_TAGS, type ReasoningTags } from '../think.js';
import { createLimiter, requestSignal, sleep } from './channel.js';
import { requestEvents } from './request-events.js';
import { classify, modelNotServedMessage, ProviderError, retryAfterMs } from './failures.js';
import { endpointSamplers } from '../../config/presets.js';
import { backoffMs, requestBody, runStreamJob, stopFor, type StreamJob, type StreamPolicy } from './stream.js';
import { templateStops } from '../instruct/render.js';
import type { ChosenTemplate } from '../instruct/catalog.js';
import { completeText, completionsOpener, noCompletionsMessage } from './completions.js';

export { ProviderError } from './failures.js';

export interface OpenAIProviderOptions extends Partial<StreamPolicy> {
  /** Candidates requested at once when each is its own request. Default 3. */
  concurrency?: number;
  /** A custom fetch (tests never need one; the server is real). */
  fetch?: typeof fetch;
  /** The instruct template a `completions` profile renders its prompts with (required there). */
  template?: ChosenTemplate;
  /** The tags of the model's reasoning blocks (a reasoning template's); `<think>` when none is chosen. */
  reasoning?: ReasoningTags;
}

const DEFAULT_POLICY: StreamPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  connectTimeoutMs: 30_000,
  firstTokenTimeoutMs: 120_000,
  idleTimeoutMs: 60_000,
  random: Math.random,
};

// The SDK logs unparsable chunks to the console itself; skald reports them as a failure instead.
const silent = { error() {}, warn() {}, info() {}, debug() {} };

/** The models an endpoint lists at GET /models, or the failure that prevented it. */
export async function listServedModels(
  profile: ResolvedProfile,
  options: { timeoutMs?: number; signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<{ ok: true; models: string[] } | { ok: false; failure: ProviderFailure }> {
  const client = makeClient(profile, options.fetch);
  try {
    const models: string[] = [];
    const page = await client.models.list({ timeout: options.timeoutMs ?? 10_000, signal: options.signal });
    for (const model of page.data) models.push(model.id);
    return { ok: true, models };
  } catch (error) {
    return { ok: false, failure: classify(error, { profile, model: profile.model ?? '' }) };
  }
}

/**
 * What the status line calls the endpoint: a saved profile by its name; one given with --base-url or
 * OPENAI_BASE_URL by its host, since "flags" or "env" tells a player nothing about where the story goes.
 * The host never holds a key (URL credentials and query strings are not part of it).
 */
export function endpointName(profile: ResolvedProfile): string {
  if (profile.source === 'profile') return profile.name;
  try {
    return new URL(profile.baseURL).host || profile.name;
  } catch {
    return profile.name;
  }
}

/** The SDK client for a profile: its key, headers and base URL, with the SDK's own retries and logging off. */
export function makeClient(profile: ResolvedProfile, customFetch?: typeof fetch): OpenAI {
  registerSecret(profile.apiKey);
  return new OpenAI({
    baseURL: profile.baseURL,
    // Local servers take no key, but the SDK insists on one.
    apiKey: profile.apiKey || 'not-needed',
    defaultHeaders: profile.headers,
    maxRetries: 0,
    timeout: DEFAULT_POLICY.connectTimeoutMs,
    logger: silent,
    logLevel: 'off',
    ...(customFetch ? { fetch: customFetch } : {}),
  });
}

/** A provider for an OpenAI-compatible endpoint. */
export function createOpenAIProvider(profile: ResolvedProfile, options: OpenAIProviderOptions = {}): Provider {
  const policy: StreamPolicy = { ...DEFAULT_POLICY, ...definedOnly(options) };
  const concurrency = options.concurrency ?? 3;
  const client = makeClient(profile, options.fetch);
  // Text completion renders every prompt through the template; chat mode sends the messages.
  const text = profile.api === 'completions' ? options.template : undefined;
  if (profile.api === 'completions' && !text) throw new Error(`profile ${profile.name} uses text completion but no template was given`);
  const tags = options.reasoning ?? THINK_TAGS;
  let resolvedModel = profile.model;
  /** Set once the endpoint refused `response_format`, so later calls do not ask twice. */
  let structuredRefused = false;

  // A profile without a model uses whatever the server serves first (llama.cpp, KoboldCpp ...).
  const model = async (signal?: AbortSignal): Promise<string | ProviderFailure> => {
    if (resolvedModel) return resolvedModel;
    const listed = await listServedModels(profile, { signal, fetch: options.fetch });
    if (!listed.ok) return listed.failure;
    const first = listed.models.at(0);
    if (first === undefined) {
      return {
        kind: 'config',
        retryable: false,
        message:
          profile.source === 'profile'
            ? `Profile ${profile.name} names no model and ${profile.baseURL} lists none: add one with \`skald profiles add ${profile.name} --model NAME\`.`
            : `No model was named and ${profile.baseURL} lists none: name one with --model NAME${profile.source === 'env' ? ' (or OPENAI_MODEL)' : ''}.`,
      };
    }
    resolvedModel = first;
    return resolvedModel;
  };

  const explain = async (failure: ProviderFailure): Promise<ProviderFailure> => {
    const listed = await listServedModels(profile, { fetch: options.fetch, timeoutMs: 5_000 });
    const served = listed.ok ? listed.models : undefined;
    const name = resolvedModel ?? '';
    if (served?.includes(name)) {
      if (text) return { ...failure, message: noCompletionsMessage(profile) };
      return {
        ...failure,
        message: `The endpoint at ${profile.baseURL} answered 404 for chat completions: check that the base URL is right (it usually ends in /v1).`,
      };
    }
    return { ...failure, message: modelNotServedMessage(name, profile.baseURL, served) };
  };

  return {
    id: profile.name,
    label: `${endpointName(profile)} · ${profile.model ?? 'first served model'}${text ? ` · text, ${text.instruct.name}` : ''}`,
    offline: false,
    // Text completion leaves the model's last message open: /continue extends it as written.
    ...(text ? { prefill: true } : {}),
    model: profile.model,
    samplers: endpointSamplers(profile),

    sentStop(stop: readonly string[], user?: string, draw?: { seed: number; turn: number }) {
      // As completionBody sends them: the template's first (text completion), then the request's.
      const template = text
        ? templateStops(text.instruct, { ...(user ? { user } : {}), ...(text.context ? { context: text.context } : {}), draw })
        : [];
      return { sent: stopFor(profile, [...new Set([...template, ...stop])]), template };
    },

    generate(request: GenerateRequest): AsyncIterable<ProviderEvent> {
      // Nothing is sent until the first read, as a generator's body would not run before it.
      return requestEvents(
        request.signal,
        async (channel, signal) => {
          const chosen = await model(signal);
          if (typeof chosen !== 'string') {
            request.candidates.forEach((_, candidate) => {
              channel.push({ type: 'error', candidate, error: chosen });
              channel.push({ type: 'done', candidate, incomplete: true });
            });
            return;
          }
          const jobs = planJobs(request, profile.supportsN);
          const limit = createLimiter(concurrency);
          const emit = (e: ProviderEvent) => channel.push(e);
          const ctx = {
            client,
            profile,
            model: chosen,
            candidates: request.candidates.length,
            policy,
            signal,
            emit,
            explain,
            reasoning: tags,
            ...(text ? { open: completionsOpener(client, profile, chosen, text, request, policy.connectTimeoutMs, emit, tags) } : {}),
          };
          await Promise.all(jobs.map((job) => limit(() => runStreamJob(job, ctx))));
        },
        (error, channel) => {
          // A bug, not an endpoint failure; still every candidate ends.
          const failure = classify(error, { profile, model: resolvedModel ?? '' });
          request.candidates.forEach((_, candidate) => {
            channel.push({ type: 'error', candidate, error: failure });
            channel.push({ type: 'done', candidate, incomplete: true });
          });
        },
      );
    },

    async complete(messages: ChatMessage[], opts: CompleteOptions = {}): Promise<string> {
      const chosen = await model(opts.signal);
      if (typeof chosen !== 'string') throw new ProviderError(chosen);
      const body = requestBody(profile, chosen, { messages, maxTokens: opts.maxTokens ?? 512, temperature: opts.temperature, stop: [] }, 1);
      for (let attempt = 0; ; attempt++) {
        const structured = opts.responseFormat && !(opts.orPlain && structuredRefused) ? opts.responseFormat : undefined;
        const request = requestSignal(opts.signal);
        try {
          // A whole reply has no headers until it is written, so the wait is the first-token one.
          const timing = { signal: request.signal, timeout: policy.firstTokenTimeoutMs };
          // Text completion has no structured output: the callers read the answer defensively.
          const { content, usage } = text
            ? await completeText(
                client,
                profile,
                chosen,
                text,
                { messages, maxTokens: opts.maxTokens ?? 512, temperature: opts.temperature, stop: [] },
                { ...timing, reasoning: tags, ...(opts.ending ? { ending: opts.ending } : {}) },
              )
            : await completeChat(client, { ...body, ...responseFormat(structured) }, timing);
          if (usage) opts.onUsage?.(usage);
          return splitThink(content, tags).text.trim();
        } catch (error) {
          let failure = classify(error, { profile, model: chosen });
          if (structured && opts.orPlain && (failure.status === 400 || failure.status === 422)) {
            // The endpoint does not take structured output: ask the same again as plain text, and
            // do not offer it again to this endpoint.
            structuredRefused = true;
            attempt -= 1;
            continue;
          }
          const after = retryAfterMs(error);
          if (failure.retryable && attempt < policy.maxRetries && (after === undefined || after <= policy.maxRetryAfterMs)) {
            if (await sleep(backoffMs(attempt, policy, after), opts.signal)) continue;
            failure = { kind: 'aborted', message: 'The request was cancelled.', retryable: false };
          }
          if (failure.kind === 'not-found') failure = await explain(failure);
          throw new ProviderError(failure);
        } finally {
          request.release();
        }
      }
    },
  };
}

async function completeChat(
  client: OpenAI,
  body: ReturnType<typeof requestBody>,
  timing: { signal?: AbortSignal; timeout: number },
): Promise<{ content: string; usage?: Usage }> {
  const reply = await client.chat.completions.create({ ...body, stream: false }, timing);
  const usage = reply.usage
    ? { promptTokens: reply.usage.prompt_tokens, completionTokens: reply.usage.completion_tokens, totalTokens: reply.usage.total_tokens }
    : undefined;
  return { content: reply.choices[0]?.message?.content ?? '', ...(usage ? { usage } : {}) };
}

/** The request's `response_format` for what the caller asked (strict, so the schema is binding). */
function responseFormat(format: ResponseFormat | undefined) {
  if (!format) return {};
  if (format.type === 'json_object') return { response_format: { type: 'json_object' as const } };
  return { response_format: { type: 'json_schema' as const, json_schema: { name: format.name, schema: format.schema, strict: true } } };
}

/** One request per candidate, or one request with `n` when the endpoint takes it and they share a prompt. */
function planJobs(request: GenerateRequest, supportsN: boolean): StreamJob[] {
  const all = request.candidates;
  const first = all[0];
  // Serialised once, and only when one request could carry them all: a whole prompt is ~0.1 ms.
  const same = (): boolean => {
    const messages = JSON.stringify(first.messages);
    const samplers = JSON.stringify(first.samplers);
    return all.every(
      (c) =>
        c === first ||
        (c.maxTokens === first.maxTokens &&
          c.temperature === first.temperature &&
          c.ending === first.ending &&
          JSON.stringify(c.messages) === messages &&
          JSON.stringify(c.samplers) === samplers),
    );
  };
  if (supportsN && all.length > 1 && same()) {
    return [
      {
        candidates: all.map((_, i) => i),
        messages: first.messages,
        maxTokens: first.maxTokens,
        temperature: first.temperature,
        samplers: first.samplers,
        stop: request.stop,
      },
    ];
  }
  return all.map((c, i) => ({
    candidates: [i],
    messages: c.messages,
    maxTokens: c.maxTokens,
    temperature: c.temperature,
    samplers: c.samplers,
    stop: request.stop,
  }));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
