/**
 * Which modes an endpoint offers: one 1-token request to each of chat completions and text
 * completions, for `skald doctor`. A 404 means the route is not there; anything else is reported
 * as the provider would report it.
 */
import type { ProviderFailure } from '../../engine/types.js';
import type { ResolvedProfile } from '../../config/profiles.js';
import type { ApiMode } from '../../config/store.js';
import { classify } from './failures.js';
import { makeClient } from './index.js';
import { requestBody } from './stream.js';

export type ProbeResult = { ok: true; ms: number } | { ok: false; missing: boolean; failure: ProviderFailure };

/** Probes both modes with `model`; `now` is injectable so tests need not race the clock. */
export async function probeModes(
  profile: ResolvedProfile,
  model: string,
  options: { timeoutMs?: number; now?: () => number } = {},
): Promise<Record<ApiMode, ProbeResult>> {
  const client = makeClient(profile);
  const now = options.now ?? Date.now;
  const timeout = options.timeoutMs ?? 60_000;
  const probe = async (ask: () => Promise<unknown>): Promise<ProbeResult> => {
    const started = now();
    try {
      await ask();
      return { ok: true, ms: now() - started };
    } catch (error) {
      const failure = classify(error, { profile, model });
      return { ok: false, missing: failure.status === 404 || failure.status === 405, failure };
    }
  };
  const chat = await probe(() =>
    client.chat.completions.create(
      {
        ...requestBody(profile, model, { messages: [{ role: 'user', content: 'Reply with OK.' }], maxTokens: 1, stop: [] }, 1),
        stream: false,
      },
      { timeout },
    ),
  );
  const completions = await probe(() => client.completions.create({ model, prompt: 'OK', max_tokens: 1 }, { timeout }));
  return { chat, completions };
}
