/**
 * Runs one generation: N candidate requests streamed from the provider, turned into session
 * events as they arrive; each finished candidate is repaired, then scored by the critics. A
 * provider failure or an abort never throws out of here: it becomes an `error` event and the
 * candidates keep whatever text arrived, marked incomplete.
 */
import { neutralize } from '../../text/sanitize.js';
import type { Candidate, CandidateRequest, Clock, NarrationContext, Provider, ProviderFailure, SessionEvent, Usage } from '../types.js';
import { combineJudgement, type TurnJudge, type TurnJudgement } from '../critics/judge-turn.js';
import { aggregateScore, critiqueCandidate, type CriticContext } from '../critics/index.js';
import { loadLanguageDetector } from '../critics/language-id.js';

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
  /** The optional LLM judge: one structured call grades every candidate, after the critics. */
  judge?: Judge;
  /** The pack's regex scripts for a finished reply (regex/scripts.ts): what is stored is their output. */
  storeReply?: (text: string) => string;
  /** The pack's REASONING scripts for a finished reply's reasoning. */
  storeReasoning?: (text: string) => string;
}

/** Grades a generation's candidates in one call (`createTurnJudge` bound to the judge's own provider). */
export type Judge = TurnJudge;

interface Pending {
  text: string;
  reasoning: string;
  usage?: Usage;
  retries: number;
  neutralised?: number;
  error?: ProviderFailure;
  firstAt: number | null;
  /** Why the model stopped, when it said (`length`: the token limit). */
  finishReason?: string;
  finished?: Candidate;
}

/** Streams a generation's events; returns its candidates in request order. */
export async function* runGeneration(job: GenerationJob): AsyncGenerator<SessionEvent, Candidate[]> {
  // Loaded once per process, off the start-up path; a no-op after the first turn or a warm-up.
  await loadLanguageDetector();
  const started = job.clock.now();
  const pending: Pending[] = job.requests.map(() => ({ text: '', reasoning: '', retries: 0, firstAt: null }));
  const index = (i: number) => job.baseIndex + i;
  const finish = (i: number, incomplete: boolean): Candidate => {
    const p = pending[i];
    if (p.finished) return p.finished;
    // A card's scripts change the reply as SillyTavern stores it, before the critics read it.
    const raw = neutralize(job.storeReply ? job.storeReply(p.text) : p.text);
    const ctx = job.criticContext(i);
    // Repaired before ranking; the critics' flags describe what the model sent, the score what the player gets.
    const repaired = raw.trim()
      ? critiqueCandidate(raw, ctx, { lengthLimited: p.finishReason === 'length', unfinished: incomplete || Boolean(p.error) })
      : { text: raw, repairs: [], critics: [], score: 0 };
    const critics = repaired.critics;
    const totalMs = job.clock.now() - started;
    const completion = p.usage?.completionTokens;
    const streamMs = p.firstAt === null ? 0 : job.clock.now() - p.firstAt;
    p.finished = {
      id: `${job.idPrefix}c${index(i)}`,
      text: repaired.text,
      ...(repaired.text !== raw ? { raw } : {}),
      ...(p.reasoning ? { reasoning: neutralize(job.storeReasoning ? job.storeReasoning(p.reasoning) : p.reasoning) } : {}),
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
      ...(p.neutralised ? { neutralised: p.neutralised } : {}),
      ...(job.requests[i].samplers ? { samplers: { ...job.requests[i].samplers, max_tokens: job.requests[i].maxTokens } } : {}),
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
        case 'delta': {
          if (!event.text) break;
          // The reply is written on from the preset's prefill: it begins the text, as the model read it.
          const text = p.firstAt === null ? (job.requests[event.candidate].prefill ?? '') + event.text : event.text;
          if (p.firstAt === null) p.firstAt = job.clock.now();
          p.text += text;
          yield { type: 'delta', turn: job.turn, candidate: index(event.candidate), text };
          break;
        }
        case 'reasoning':
          p.reasoning += event.text;
          yield { type: 'reasoning', turn: job.turn, candidate: index(event.candidate), text: event.text };
          break;
        case 'usage':
          p.usage = event.usage;
          break;
        case 'retry':
          p.retries += 1;
          yield {
            type: 'retry',
            turn: job.turn,
            candidate: index(event.candidate),
            attempt: event.attempt,
            limit: event.limit,
            delayMs: event.delayMs,
            kind: event.kind,
            reason: event.reason,
          };
          break;
        case 'neutralised':
          // A retry renders the same prompt again: the count is set, not added.
          p.neutralised = event.count;
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
          yield {
            type: 'candidate-done',
            turn: job.turn,
            candidate: index(event.candidate),
            result: finish(event.candidate, event.incomplete),
          };
          break;
      }
    }
  } catch (error) {
    const aborted = job.signal?.aborted === true;
    const failure: ProviderFailure = aborted
      ? { kind: 'aborted', message: 'The turn was stopped; what arrived so far is kept.', retryable: true }
      : {
          kind: 'bad-response',
          message: `The model's stream failed (${error instanceof Error ? error.message : String(error)}); try again.`,
          retryable: true,
        };
    if (!aborted) yield { type: 'error', turn: job.turn, error: failure };
  }

  // Whatever the provider left open (an abort, a stream that ended early) is kept as incomplete.
  const candidates: Candidate[] = [];
  for (let i = 0; i < pending.length; i++) {
    const done = pending[i].finished;
    if (done) {
      candidates.push(done);
      continue;
    }
    if (job.signal?.aborted && !pending[i].finishReason) pending[i].finishReason = 'aborted';
    const result = finish(i, true);
    yield { type: 'candidate-done', turn: job.turn, candidate: index(i), result };
    candidates.push(result);
  }
  if (job.judge && !job.signal?.aborted) yield* judgeAll(job, job.judge, candidates);
  return candidates;
}

/**
 * One judging call for every candidate with text; the verdicts are folded into each candidate's
 * critics and its score moves by what they changed. A failed call or an unreadable answer is
 * reported and recorded on the candidates, never fatal: the patterns' verdicts stand.
 */
async function* judgeAll(job: GenerationJob, judge: Judge, candidates: Candidate[]): AsyncGenerator<SessionEvent> {
  const judged = candidates.filter((c) => c.text.trim());
  if (judged.length === 0) return;
  const started = job.clock.now();
  const call = `${job.idPrefix}judge${job.baseIndex}`;
  let judgement: TurnJudgement | undefined;
  let failure: string | undefined;
  try {
    judgement = await judge(
      job.criticContext(candidates.indexOf(judged[0])),
      judged.map((c) => c.text),
      job.signal,
    );
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const ms = job.clock.now() - started;
  judged.forEach((c, i) => {
    const verdicts = judgement?.verdicts[i];
    const error = failure ?? (verdicts ? undefined : (judgement?.error ?? 'the judge did not grade this candidate'));
    c.judge = {
      call,
      candidates: judged.length,
      promptTokens: judgement?.usage?.promptTokens ?? null,
      completionTokens: judgement?.usage?.completionTokens ?? null,
      ms,
      format: judgement?.format ?? 'json_schema',
      ...(error ? { error } : {}),
    };
    if (!verdicts) return;
    const before = aggregateScore(c.critics);
    c.critics = combineJudgement(c.critics, verdicts, c.raw ?? c.text);
    c.score = Math.round(Math.min(1, Math.max(0, c.score + aggregateScore(c.critics) - before)) * 1000) / 1000;
  });
  if (failure) {
    yield {
      type: 'error',
      turn: job.turn,
      error: { kind: 'engine', message: `The judge could not grade this turn (${failure}); the critics' scores stand.`, retryable: true },
    };
  } else if (judgement?.error && judgement.verdicts.every((v) => v === undefined)) {
    yield {
      type: 'error',
      turn: job.turn,
      error: {
        kind: 'engine',
        message: `The judge's answer could not be read (${judgement.error}); the critics' scores stand.`,
        retryable: true,
      },
    };
  }
}
