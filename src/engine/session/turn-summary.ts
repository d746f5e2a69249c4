/**
 * A turn's rolling summary, written while its replies are. What the summary folds is known once
 * the prompt is built (what left the window, `summaryBatch`), so its request starts before the
 * drafts' and runs beside them; the turn waits for it only after its candidates are in, where it
 * always did, and a turn that saves nothing stops it.
 */
import { summaryBatch, updateSummary, type SummaryUpdate } from '../memory/index.js';
import type { Fact, SessionEvent } from '../types.js';
import { engineError, errorMessage } from './errors.js';
import type { TurnHost } from './host.js';
import { freshModelFacts } from './model-facts.js';
import type { TurnInputs } from './turn-inputs.js';

/** The summary a turn record keeps, and the facts the summary model found for it. */
export interface RolledSummary {
  summary: TurnInputs['summary'];
  found: Fact[];
}

/** A summary being written for a turn. */
export interface SummaryJob {
  /**
   * Waits for the summary: the parent's when nothing was due, else the updated one with the
   * facts the summary model reported. A failed update keeps the parent's summary and says so.
   */
  result(): AsyncGenerator<SessionEvent, RolledSummary>;
  /** Stops the request if it still runs (the turn saves nothing); its answer is never used. */
  drop(): void;
}

type Outcome = { ok: true; updated: SummaryUpdate } | { ok: false; error: unknown };

/**
 * Starts the summary of turn `turn`, whose prompt window held the last `historyMessages` of
 * `inputs.history`. `signal` (the turn's) stops its request too; the summary then falls back to
 * the extractive one, as for any failed request.
 */
export function startSummary(host: TurnHost, inputs: TurnInputs, historyMessages: number, turn: number, signal?: AbortSignal): SummaryJob {
  const { history, memory } = inputs;
  // Nothing due: updateSummary hands the parent's summary back at once, without a request.
  const batch = summaryBatch(history, memory, historyMessages);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  let settled = false;
  const pending: Promise<Outcome> = updateSummary(memory, batch, {
    maxTokens: Math.max(128, Math.floor(host.budget / 16)),
    counter: host.counter,
    playerName: host.persona.name,
    names: host.pack.characters.map((c) => c.name),
    language: host.pack.language,
    signal: controller.signal,
    ...(host.summarize ? { summarize: host.summarize } : {}),
  }).then(
    (updated): Outcome => ({ ok: true, updated }),
    (error: unknown): Outcome => ({ ok: false, error }),
  );
  void pending.then(() => {
    settled = true;
    signal?.removeEventListener('abort', stop);
  });
  return {
    async *result() {
      const outcome = await pending;
      try {
        if (!outcome.ok) throw outcome.error;
        const { updated } = outcome;
        // Facts the summary model found keep their own turn.
        return {
          summary: { summary: updated.summary, summaryThrough: updated.summaryThrough },
          found: freshModelFacts(updated.found, memory.facts, host.tree),
        };
      } catch (error) {
        yield engineError(turn, `The summary could not be updated (${errorMessage(error)}); the previous one is kept.`);
        return { summary: inputs.summary, found: [] };
      }
    },
    drop() {
      // Once the answer is in there is nothing to stop: an abort would only wake listeners.
      if (!settled) stop();
    },
  };
}
