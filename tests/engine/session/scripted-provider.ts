// A tiny scripted Provider for engine tests that need exact control over failures (an error
// before any text, a stream cut midway). The main session tests use the real offline narrator.
import type { GenerateRequest, Provider, ProviderEvent, ProviderFailure } from '../../../src/engine/types.js';

export interface Script {
  /** Text for candidate i at a turn; undefined sends no text. */
  text?: (turn: number, candidate: number, request: GenerateRequest) => string | undefined;
  /** Candidates that fail with a provider error after their text (if any). */
  fail?: (turn: number, candidate: number) => boolean;
  /** Throw from the stream (after the first deltas) to mimic a dying connection. */
  throwAfterText?: boolean;
  /** Reasoning sent before candidate i's text, as a reasoning model streams it. */
  reasoning?: (turn: number, candidate: number) => string | undefined;
  /** The failure `fail` sends (default: a retryable 500). */
  failure?: ProviderFailure;
}

export function scriptedProvider(script: Script = {}): Provider & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  return {
    id: 'scripted',
    label: 'scripted test provider',
    offline: true,
    requests,
    async complete() {
      return 'summary';
    },
    async *generate(request: GenerateRequest): AsyncIterable<ProviderEvent> {
      requests.push(request);
      const turn = request.context.turn;
      for (let i = 0; i < request.candidates.length; i++) {
        if (request.signal?.aborted) return;
        const text = script.text
          ? script.text(turn, i, request)
          : `Reply ${turn}.${i} (${request.candidates[i].variant.label}). Wren looks up. "What now?"`;
        const thought = script.reasoning?.(turn, i);
        if (thought) yield { type: 'reasoning', candidate: i, text: thought };
        if (text) {
          const half = Math.ceil(text.length / 2);
          yield { type: 'delta', candidate: i, text: text.slice(0, half) };
          if (script.throwAfterText) throw new Error('socket hang up');
          // Like a real stream: an abort ends it where it is.
          if (request.signal?.aborted) return;
          yield { type: 'delta', candidate: i, text: text.slice(half) };
          yield { type: 'usage', candidate: i, usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 } };
        }
        if (script.fail?.(turn, i)) {
          yield {
            type: 'error',
            candidate: i,
            error: script.failure ?? { kind: 'server', message: 'The server failed (500); try again.', status: 500, retryable: true },
          };
          continue;
        }
        yield { type: 'done', candidate: i, incomplete: false };
      }
    },
  };
}

/** A clock that moves 1 second per reading, so records have distinct times. */
export function steppingClock(start = Date.UTC(2026, 10, 29, 4, 35)): { now(): number } {
  let t = start;
  return { now: () => (t += 1000) };
}
