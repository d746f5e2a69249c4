/**
 * The built-in offline narrator: a Provider that composes each candidate from the pack along the
 * planner's directive (compose.ts) and streams it in small chunks, interleaved across candidates,
 * like a model would, so the UI, the critics and the evaluator exercise the same paths offline.
 */
import type { ChatMessage, GenerateRequest, Provider, ProviderEvent } from '../../engine/types.js';
import { countTokens, sharedCounter } from '../../engine/tokens.js';
import { composeReply } from './compose.js';
import { extractiveSummary } from './summary.js';

export interface OfflineNarratorOptions {
  /** Mixed into every reply's seed (the `--seed` of a run). */
  seed?: number;
  /** Pause between chunks, so a UI shows the reply arriving; 0 still yields to the event loop. */
  delayMs?: number;
}

/** Splits a reply into chunks of a few words (or a few characters for unspaced scripts). */
export function chunkText(text: string): string[] {
  const pieces = text.match(/\S+\s*|\s+/g) ?? [];
  const chunks: string[] = [];
  let current = '';
  let words = 0;
  for (const piece of pieces) {
    // A CJK run has no spaces: cut it into pieces of about five characters.
    const chars = Array.from(piece);
    if (chars.length > 6 && /\p{Script=Han}/u.test(piece)) {
      if (current) chunks.push(current);
      current = '';
      words = 0;
      for (let i = 0; i < chars.length; i += 5) chunks.push(chars.slice(i, i + 5).join(''));
      continue;
    }
    current += piece;
    words += 1;
    if (words >= 3) {
      chunks.push(current);
      current = '';
      words = 0;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0) {
      setImmediate(resolve);
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * The system prompt is assembled afresh every turn (summary, lore, directive): it is counted without
 * entering the process-wide cache, where a thousand turns' prompts stayed (~8 MB); the history's
 * messages repeat from turn to turn and are cached.
 */
function promptTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + (m.role === 'system' ? sharedCounter().countOnce(m.content) : countTokens(m.content)) + 4, 0);
}

/** Creates the offline narrator (`id: 'offline'`). */
export function createOfflineNarrator(options: OfflineNarratorOptions = {}): Provider {
  const seed = options.seed ?? 0;
  const delayMs = Math.max(0, options.delayMs ?? 0);

  async function* generate(request: GenerateRequest): AsyncGenerator<ProviderEvent> {
    const { signal } = request;
    const texts = request.candidates.map((c, i) => composeReply(request.context, c, i, seed).text);
    const chunks = texts.map(chunkText);
    const position = texts.map(() => 0);
    const finished = texts.map(() => false);
    const stopAll = function* (): Generator<ProviderEvent> {
      for (let i = 0; i < texts.length; i++) {
        if (!finished[i]) {
          finished[i] = true;
          yield { type: 'done', candidate: i, incomplete: true, finishReason: 'aborted' };
        }
      }
    };
    if (signal?.aborted) {
      yield* stopAll();
      return;
    }
    let open = texts.length;
    while (open > 0) {
      for (let i = 0; i < texts.length; i++) {
        if (finished[i]) continue;
        if (signal?.aborted) {
          yield* stopAll();
          return;
        }
        if (position[i] < chunks[i].length) {
          yield { type: 'delta', candidate: i, text: chunks[i][position[i]] };
          position[i] += 1;
        }
        if (position[i] >= chunks[i].length) {
          finished[i] = true;
          open -= 1;
          const completionTokens = countTokens(texts[i]);
          const prompt = promptTokens(request.candidates[i].messages);
          yield { type: 'usage', candidate: i, usage: { promptTokens: prompt, completionTokens, totalTokens: prompt + completionTokens } };
          yield { type: 'done', candidate: i, incomplete: false, finishReason: 'stop' };
        }
      }
      if (open === 0) break;
      await pause(delayMs, signal);
      if (signal?.aborted) {
        yield* stopAll();
        return;
      }
    }
  }

  return {
    id: 'offline',
    label: 'offline narrator',
    offline: true,
    generate,
    async complete(messages, completeOptions) {
      if (completeOptions?.signal?.aborted) throw new Error('The request was stopped before it finished.');
      await pause(0);
      const words = completeOptions?.maxTokens ? Math.max(8, Math.floor(completeOptions.maxTokens * 0.75)) : 80;
      return extractiveSummary(messages, words);
    },
  };
}
