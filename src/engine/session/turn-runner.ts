/**
 * Runs one generation: N candidate requests streamed from the provider, turned into session
 * events as they arrive; each finished candidate is repaired, then scored by the critics. A
 * provider failure or an abort never throws out of here: it becomes an `error` event and the
 * candidates keep whatever text arrived, marked incomplete.
 */
import { neutralize } from '../../text/sanitize.js';
import type {
  Candidate, CandidateRequest, Clock, CriticResult, NarrationContext, Provider, ProviderFailure, SessionEvent, Usage,
} from '../types.js';
import { critiqueCandidate, type CriticContext } from './pipeline.js';

export interface GenerationJob {
  turn: number;
  /** Session index of the first request's candidate (regenerate appends after existing ones). */
  baseIndex: number;
  /** Prefix of candidate ids, unique in the session. */
  idPrefix: string;
  requests: CandidateRequest[];
  stop: string[];
  context: NarrationContext;
  provider: Provider;
  clock: Clock;
  signal?: AbortSignal;
  /** The critics' context for request `i` (its plan differs by variant). */
  criticContext: (i: number) => CriticContext;
  /** The optional LLM judge: one more rubric score per candidate, after the critics. */
  judge?: Judge;
}

/** Grades one reply with a rubric (`judgeReply` bound to the judge's own provider). */
export type Judge = (ctx: CriticContext, text: string, signal?: AbortSignal) => Promise<CriticResult>;

/** How much the judge's rubric score weighs against the critics' aggregate. */
const JUDGE_WEIGHT = 0.3;

interface Pending {
  text: string;
  reasoning: string;
  usage?: Usage;
  retries: number;
  error?: ProviderFailure;
  firstAt: number | null;
  /** Why the model stopped, when it said (`length`: the token limit). */
  finishReason?: string;
  finished?: Candidate;
}

/** Streams a generation's events; returns its candidates in request order. */
export async function* runGeneration(job: GenerationJob): AsyncGenerator<SessionEvent, Candidate[]> {
  const started = job.clock.now();
  const pending: Pending[] = job.requests.map(() => ({ text: '', reasoning: '', retries: 0, firstAt: null }));
  const index = (i: number) => job.baseIndex + i;
  const finish = (i: number, incomplete: boolean): Candidate => {
    const p = pending[i];
    if (p.finished) return p.finished;
    const raw = neutralize(p.text);
    const ctx = job.criticContext(i);
    // Repaired before ranking; the critics' flags describe what the model sent, the score what the player gets.
    const repaired = raw.trim() ? critiqueCandidate(raw, ctx, { lengthLimited: p.finishReason === 'length' }) : { text: raw, repairs: [], critics: [], score: 0 };
    const critics = repaired.critics;
    const totalMs = job.clock.now() - started;
    const completion = p.usage?.completionTokens;
    const streamMs = p.firstAt === null ? 0 : job.clock.now() - p.firstAt;
    p.finished = {
      id: `${job.idPrefix}c${index(i)}`,
      text: repaired.text,
      ...(repaired.text !== raw ? { raw } : {}),
      ...(p.reasoning ? { reasoning: neutralize(p.reasoning) } : {}),
      variant: job.requests[i].variant,
      critics,
      score: repaired.text.trim() ? repaired.score : 0,
      repairs: repaired.repairs,
      incomplete: incomplete || Boolean(p.error),
      ...(p.error ? { error: p.error } : {}),
      ...(p.finishReason && p.finishReason !== 'stop' ? { finishReason: p.finishReason } : {}),
      timing: {
        ttftMs: p.firstAt === null ? null : p.firstAt - started,
        totalMs,
        tokensPerSecond: completion && streamMs > 0 ? Math.round((completion / streamMs) * 1000 * 10) / 10 : null,
      },
      ...(p.usage ? { usage: p.usage } : {}),
      retries: p.retries,
    };
    return p.finished;
  };

  const reported = new Set<string>();
  for (let i = 0; i < job.requests.length; i++) {
    yield { type: 'candidate-start', turn: job.turn, candidate: index(i), variant: job.requests[i].variant };
  }

  try {
    const stream = job.provider.generate({ candidates: job.requests, stop: job.stop, context: job.context, signal: job.signal });
    for await (const event of stream) {
      const p = pending[event.candidate];
      if (!p || p.finished) continue;
      switch (event.type) {
        case 'delta':
          if (!event.text) break;
          if (p.firstAt === null) p.firstAt = job.clock.now();
          p.text += event.text;
          yield { type: 'delta', turn: job.turn, candidate: index(event.candidate), text: event.text };
          break;
        case 'reasoning':
          p.reasoning += event.text;
          yield { type: 'reasoning', turn: job.turn, candidate: index(event.candidate), text: event.text };
          break;
        case 'usage':
          p.usage = event.usage;
          break;
        case 'retry':
          p.retries += 1;
          yield { type: 'retry', turn: job.turn, candidate: index(event.candidate), attempt: event.attempt, delayMs: event.delayMs, reason: event.reason };
          break;
        case 'error':
          p.error = event.error;
          // One unreachable endpoint fails every candidate the same way: say it once.
          if (!reported.has(event.error.message)) {
            reported.add(event.error.message);
            yield { type: 'error', turn: job.turn, error: event.error };
          }
          yield { type: 'candidate-done', turn: job.turn, candidate: index(event.candidate), result: finish(event.candidate, true) };
          break;
        case 'done':
          if (event.finishReason) p.finishReason = event.finishReason;
          yield { type: 'candidate-done', turn: job.turn, candidate: index(event.candidate), result: finish(event.candidate, event.incomplete) };
          break;
      }
    }
  } catch (error) {
    const aborted = job.signal?.aborted === true;
    const failure: ProviderFailure = aborted
      ? { kind: 'aborted', message: 'The turn was stopped; what arrived so far is kept.', retryable: true }
      : { kind: 'bad-response', message: `The model's stream failed (${error instanceof Error ? error.message : String(error)}); try again.`, retryable: true };
    if (!aborted) yield { type: 'error', turn: job.turn, error: failure };
  }

  // Whatever the provider left open (an abort, a stream that ended early) is kept as incomplete.
  const candidates: Candidate[] = [];
  for (let i = 0; i < pending.length; i++) {
    if (!pending[i].finished) {
      if (job.signal?.aborted && !pending[i].finishReason) pending[i].finishReason = 'aborted';
      const result = finish(i, true);
      yield { type: 'candidate-done', turn: job.turn, candidate: index(i), result };
    }
    candidates.push(pending[i].finished!);
  }
  if (job.judge && !job.signal?.aborted) yield* judgeAll(job, job.judge, candidates);
  return candidates;
}

/** Adds the judge's verdict to each candidate with text; a failed judgement is reported, never fatal. */
async function* judgeAll(job: GenerationJob, judge: Judge, candidates: Candidate[]): AsyncGenerator<SessionEvent> {
  const verdicts = await Promise.allSettled(
    candidates.map((c, i) => (c.text.trim() ? judge(job.criticContext(i), c.text, job.signal) : Promise.resolve(undefined))),
  );
  let failure: string | undefined;
  verdicts.forEach((verdict, i) => {
    if (verdict.status === 'rejected') {
      failure ??= verdict.reason instanceof Error ? verdict.reason.message : String(verdict.reason);
      return;
    }
    if (!verdict.value) return;
    const c = candidates[i];
    c.critics = [...c.critics, verdict.value];
    c.score = Math.round(((1 - JUDGE_WEIGHT) * c.score + JUDGE_WEIGHT * verdict.value.score) * 1000) / 1000;
  });
  if (failure) {
    yield { type: 'error', turn: job.turn, error: { kind: 'engine', message: `The judge could not grade this turn (${failure}); the critics' scores stand.`, retryable: true } };
  }
}
