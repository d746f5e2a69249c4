/**
 * `skald doctor`: checks what a game needs, in the order a player would fix it: Node, the data
 * folder, the profile, the endpoint, the model, a round trip. Each failure says how to fix it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPaths } from '../paths.js';
import { missingKeyVar, type ResolvedProfile } from '../config/profiles.js';
import { redactSecrets } from '../text/redact.js';
import { resolveEndpoint } from '../providers/select.js';
import { neutralize } from '../text/sanitize.js';
import { fileErrorReason, SkaldError } from '../errors.js';
import type { ChosenTemplate } from '../providers/instruct/catalog.js';
import { fixesOnce, modeChecks, templateCheck, type DoctorCheck } from './doctor-modes.js';

const MARK = { ok: '✓', fail: '✗', skip: '-' } as const;

function nodeCheck(): DoctorCheck {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= 20
    ? { name: 'node', status: 'ok', detail: `Node ${process.versions.node}` }
    : {
        name: 'node',
        status: 'fail',
        detail: `Node ${process.versions.node} is too old`,
        fix: 'Install Node 20 or later (nodejs.org, or `nvm install 20`).',
      };
}

function dataCheck(): DoctorCheck {
  const root = dataPaths().root;
  const probe = join(root, `.doctor-${process.pid}`);
  try {
    mkdirSync(root, { recursive: true });
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
    return { name: 'data', status: 'ok', detail: `data folder ${root} is writable` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // mkdir over a file says EEXIST (or ENOTDIR further down): "fix its permissions" would mislead.
    const isFile = code === 'EEXIST' || code === 'ENOTDIR';
    const why = isFile ? 'it, or a part of its path, is a file' : fileErrorReason(error);
    return {
      name: 'data',
      status: 'fail',
      detail: `cannot write to ${root} (${why})`,
      fix: isFile
        ? 'Move that file away, or set SKALD_HOME to a folder you can write.'
        : 'Fix its permissions, or set SKALD_HOME to a folder you can write.',
    };
  }
}

function describeProfile(p: ResolvedProfile): string {
  const key = p.apiKey ? (p.apiKeyEnv && process.env[p.apiKeyEnv] ? `key from $${p.apiKeyEnv}` : 'key stored') : 'no key';
  const origin = p.source === 'env' ? 'from OPENAI_* variables' : p.source === 'flags' ? 'from flags' : `profile ${p.name}`;
  return `${origin}: ${p.baseURL}, ${p.model ? `model ${p.model}` : 'first served model'}, ${key}`;
}

async function endpointChecks(profile: ResolvedProfile): Promise<DoctorCheck[]> {
  const { createOpenAIProvider, listServedModels, ProviderError } = await import('../providers/openai/index.js');
  const checks: DoctorCheck[] = [];
  let template: ChosenTemplate | undefined;
  if (profile.api === 'completions') {
    const chosen = await templateCheck(profile);
    checks.push(chosen.check);
    template = chosen.template;
  }
  const keyVar = missingKeyVar(profile);
  if (keyVar) {
    checks.push({
      name: 'key',
      status: 'fail',
      detail: `$${keyVar} is not set`,
      fix: `Set the key with \`export ${keyVar}=...\`, or store one with \`echo "$KEY" | skald profiles add ${profile.name} --api-key-stdin\`.`,
    });
  }
  const listed = await listServedModels(profile, { timeoutMs: 10_000 });
  if (!listed.ok) {
    const { message } = listed.failure;
    checks.push({ name: 'endpoint', status: 'fail', detail: `GET ${profile.baseURL}/models failed`, fix: message });
    checks.push({ name: 'model', status: 'skip', detail: 'model not checked: the endpoint did not answer' });
    checks.push({ name: 'round-trip', status: 'skip', detail: 'round trip not checked: the endpoint did not answer' });
    return checks;
  }
  const served = listed.models;
  checks.push({
    name: 'endpoint',
    status: 'ok',
    detail: `${profile.baseURL} answers (${served.length} model${served.length === 1 ? '' : 's'})`,
  });
  if (!profile.model) {
    checks.push(
      served.length > 0
        ? { name: 'model', status: 'ok', detail: `no model named; the first served is used: ${served[0]}` }
        : {
            name: 'model',
            status: 'fail',
            detail: 'the endpoint serves no model',
            fix: 'Load a model in the server, or name one with `skald profiles add NAME --model MODEL`.',
          },
    );
  } else if (served.includes(profile.model)) {
    checks.push({ name: 'model', status: 'ok', detail: `model ${profile.model} is served` });
  } else {
    const list = served.length ? `It serves: ${served.slice(0, 12).join(', ')}` : 'It lists no models';
    checks.push({
      name: 'model',
      status: 'fail',
      detail: `model ${profile.model} is not served at ${profile.baseURL}`,
      fix: `${list}; pick one with \`skald profiles add ${profile.name} --model NAME\`.`,
    });
    checks.push({ name: 'round-trip', status: 'skip', detail: 'round trip not checked: the model is not served' });
    return checks;
  }
  const model = profile.model ?? served[0];
  if (profile.api === 'completions' && !template) {
    checks.push({ name: 'round-trip', status: 'skip', detail: 'round trip not checked: no template to render the prompt with' });
  } else {
    const provider = createOpenAIProvider(profile, { maxRetries: 0, firstTokenTimeoutMs: 60_000, ...(template ? { template } : {}) });
    const started = Date.now();
    try {
      await provider.complete([{ role: 'user', content: 'Reply with OK.' }], { maxTokens: 1 });
      checks.push({ name: 'round-trip', status: 'ok', detail: `a 1-token completion took ${Date.now() - started} ms` });
    } catch (error) {
      const fix = error instanceof ProviderError ? error.failure.message : error instanceof Error ? error.message : String(error);
      checks.push({ name: 'round-trip', status: 'fail', detail: 'a 1-token completion failed', fix });
    }
  }
  if (model) checks.push(...(await modeChecks(profile, model)));
  return checks;
}

/** Runs the checks; prints one line each (or JSON) and sets exit code 1 if any failed. */
export async function doctor(options: {
  profile?: string;
  json?: boolean;
  api?: 'chat' | 'completions';
  template?: string;
}): Promise<void> {
  const checks: DoctorCheck[] = [nodeCheck(), dataCheck()];
  let endpoint: ReturnType<typeof resolveEndpoint> | undefined;
  try {
    endpoint = resolveEndpoint({
      profile: options.profile,
      ...(options.api ? { api: options.api } : {}),
      ...(options.template ? { template: options.template } : {}),
    });
  } catch (error) {
    const message = error instanceof SkaldError || error instanceof Error ? error.message : String(error);
    checks.push({ name: 'profile', status: 'fail', detail: 'no usable profile', fix: message });
  }
  if (endpoint === 'offline') {
    checks.push({
      name: 'profile',
      status: 'ok',
      detail: 'the offline narrator (no endpoint to check); add one with `skald profiles add NAME --preset ...`',
    });
  } else if (endpoint) {
    checks.push({ name: 'profile', status: 'ok', detail: describeProfile(endpoint) });
    checks.push(...(await endpointChecks(endpoint)));
  }
  const failed = checks.some((c) => c.status === 'fail');
  const clean = (s: string) => neutralize(redactSecrets(s));
  if (options.json) {
    const safe = checks.map((c) => ({ ...c, detail: clean(c.detail), ...(c.fix ? { fix: clean(c.fix) } : {}) }));
    process.stdout.write(`${JSON.stringify({ ok: !failed, checks: safe }, null, 2)}\n`);
  } else {
    for (const c of fixesOnce(checks)) {
      process.stdout.write(`${MARK[c.status]} ${clean(c.detail)}${c.fix ? `\n    fix: ${clean(c.fix)}` : ''}\n`);
    }
  }
  if (failed) process.exitCode = 1;
}
