/**
 * A turn's rolling summary, written while its replies are. What the summary folds is known once
 * the prompt is built (what left the window, `summaryBatch`), but its request starts only once the
 * reply has begun (`beginOnReply`): a server that serves one request at a time (llama.cpp with one
 * slot, some KoboldCpp setups) then queues it behind the reply instead of making the player's first
 * token wait for it, and a server that runs requests side by side still writes it during the reply.
 * The turn waits for it only after its candidates are in, where it always did, and a turn that
 * saves nothing stops it.
 */
import { summaryBatch, updateSummary, type SummaryUpdate } from '../memory/index.js';
import type { Candidate, Fact, SessionEvent } from '../types.js';
import { engineError, errorMessage } from './errors.js';
import type { TurnHost } from './host.js';
import { freshModelFacts } from './model-facts.js';
import type { TurnInputs } from './turn-inputs.js';

/** The summary a turn record keeps, and the facts the summary model found for it. */
export interface RolledSummary {
  summary: TurnInputs['summary'];
  found: Fact[];
}

/** A summary to be written for a turn. */
export interface SummaryJob {
  /**
   * Starts writing the summary; later calls do nothing. A turn already stopped sends no request.
   */
  begin(): void;
  /**
   * Waits for the summary (beginning it if nothing did): the parent's when nothing was due, else
   * the updated one with the facts the summary model reported. A failed update keeps the parent's
   * summary and says so. A turn the player stopped before the model's summary came back keeps the
   * parent's summary too, silently: the next turn folds the batch with the model.
   */
  result(): AsyncGenerator<SessionEvent, RolledSummary>;
  /** Stops the request if it still runs, or keeps it from starting (the turn saves nothing); its answer is never used. */
  drop(): void;
}

type Outcome = { ok: true; updated: SummaryUpdate } | { ok: false; error: unknown } | { ok: 'stopped' };

/**
 * The summary of turn `turn`, whose prompt window held the last `historyMessages` of
 * `inputs.history`, ready to begin. `signal` (the turn's) stops its request too; the summary then
 * falls back to the extractive one, as for any failed request.
 */
export function prepareSummary(
  host: TurnHost,
  inputs: TurnInputs,
  historyMessages: number,
  turn: number,
  signal?: AbortSignal,
): SummaryJob {
  const { history, memory } = inputs;
  // Nothing due: updateSummary hands the parent's summary back at once, without a request.
  const batch = summaryBatch(history, memory, historyMessages);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  let pending: Promise<Outcome> | undefined;
  let settled = false;
  let dropped = false;

  const begin = (): Promise<Outcome> => {
    if (pending) return pending;
    const stopped = signal?.aborted === true;
    // The model's summary of a stopped turn is left to the next turn, which folds the same batch:
    // the extractive one its request would fall back to, laid over a model-written summary, is a
    // few lines that can push the whole of it out of the budget (and the model would rewrite from them).
    if (stopped && host.summarize && batch.length > 0) return (pending = Promise.resolve({ ok: 'stopped' }));
    if (!stopped) signal?.addEventListener('abort', stop, { once: true });
    pending = updateSummary(memory, batch, {
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
    return pending;
  };

  return {
    begin() {
      if (!dropped) void begin();
    },
    async *result() {
      const outcome = await begin();
      // Stopped while the model wrote it: the extractive fallback would stand in for it, as above.
      if (outcome.ok === 'stopped' || (host.summarize && controller.signal.aborted && !dropped))
        return { summary: inputs.summary, found: [] };
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
      dropped = true;
      // Once the answer is in there is nothing to stop: an abort would only wake listeners.
      if (pending && !settled) stop();
    },
  };
}

/**
 * Passes a generation's events through and begins `job` once the reply has begun: at the first
 * text or reasoning delta of any draft, or when a draft ends with none while another still runs.
 * A generation whose drafts all end without a word never begins it: that turn saves nothing.
 */
export async function* beginOnReply(
  events: AsyncGenerator<SessionEvent, Candidate[]>,
  job: SummaryJob,
): AsyncGenerator<SessionEvent, Candidate[]> {
  let running = 0;
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) return next.value;
      const event = next.value;
      if (event.type === 'candidate-start') running += 1;
      else if (event.type === 'delta' || event.type === 'reasoning') job.begin();
      else if (event.type === 'candidate-done' && --running > 0) job.begin();
      yield event;
    }
  } finally {
    // A consumer that stops early stops the generation with it, as `yield*` would.
    await events.return([]);
  }
}
