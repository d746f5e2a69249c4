/**
 * One streamed chat request for one candidate, or for several at once with `n`: retries before
 * the first token, timeouts, abort, reasoning kept out of the story text, and a stream that dies
 * midway kept as an incomplete candidate.
 */
import type OpenAI from 'openai';
import type { ChatMessage, ProviderEvent, ProviderFailure } from '../../engine/types.js';
import type { ResolvedProfile } from '../../config/profiles.js';
import { createThinkSplitter, type ReasoningTags, type ThinkSplitter } from '../think.js';
import { sleep } from './channel.js';
import { classify, retryAfterMs, type FailureContext } from './failures.js';

/** Timeouts and retry policy, all in ms. */
export interface StreamPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `retry-after` longer than this is not waited for: the candidate fails at once. */
  maxRetryAfterMs: number;
  connectTimeoutMs: number;
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  random: () => number;
}

/** One request: its candidates (one, or several with `n`) share the messages. */
export interface StreamJob {
  candidates: number[];
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  /** Sampler fields, fitted to the endpoint by the engine (see engine/samplers/fit.ts). */
  samplers?: Record<string, unknown>;
  stop: string[];
}

export interface StreamContext {
  client: OpenAI;
  profile: ResolvedProfile;
  model: string;
  /** Candidates in the whole turn (a job may carry only one of them), for the rate-limit advice. */
  candidates: number;
  policy: StreamPolicy;
  signal: AbortSignal;
  emit: (event: ProviderEvent) => void;
  /** Fills in a not-found failure with the models the endpoint serves. */
  explain(failure: ProviderFailure): Promise<ProviderFailure>;
  /** Opens the stream some other way than chat completions (text completion: completions.ts). */
  open?: (job: StreamJob, signal: AbortSignal) => Promise<AsyncIterable<StreamChunk>>;
  /** The tags of the model's reasoning blocks; `<think>` when left out. */
  reasoning?: ReasoningTags;
}

/** The part of a streamed chunk this module reads; chat chunks have this shape, other streams are mapped to it. */
export interface StreamChunk {
  choices?: Array<{ index?: number; delta?: unknown; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
}

/** Exponential backoff with jitter (50-100% of the step), or the server's `retry-after`. */
export function backoffMs(attempt: number, policy: StreamPolicy, retryAfter: number | undefined): number {
  if (retryAfter !== undefined) return Math.ceil(retryAfter);
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(step * (0.5 + policy.random() * 0.5));
}

/** The stop strings a request to `profile` goes out with: OpenAI itself takes at most four. */
export function stopFor(profile: ResolvedProfile, stop: readonly string[]): string[] {
  return profile.preset === 'openai' ? stop.slice(0, 4) : [...stop];
}

/** The request body shared by streamed and whole requests. */
export function requestBody(
  profile: ResolvedProfile,
  model: string,
  job: Pick<StreamJob, 'messages' | 'maxTokens' | 'temperature' | 'stop' | 'samplers'>,
  n: number,
) {
  // OpenAI itself wants max_completion_tokens.
  const openai = profile.preset === 'openai';
  const stop = stopFor(profile, job.stop);
  return {
    model,
    messages: job.messages,
    ...(openai ? { max_completion_tokens: job.maxTokens } : { max_tokens: job.maxTokens }),
    ...(job.temperature !== undefined ? { temperature: job.temperature } : {}),
    // Fields the SDK's types do not know (top_k, min_p, dry_multiplier ...) are sent as they are.
    ...job.samplers,
    ...(stop.length > 0 ? { stop } : {}),
    ...(n > 1 ? { n } : {}),
  };
}

class EmptyStreamError extends Error {}

/** Runs a job to the end: every candidate of it gets exactly one `done`, after an `error` if it failed. */
export async function runStreamJob(job: StreamJob, ctx: StreamContext): Promise<void> {
  const { policy, emit } = ctx;
  const splitters = new Map<number, ThinkSplitter>(job.candidates.map((c) => [c, createThinkSplitter(ctx.reasoning)]));
  // A server that numbers a choice we did not ask for still gets its text split, not a crash.
  const splitterOf = (candidate: number): ThinkSplitter => {
    let splitter = splitters.get(candidate);
    if (!splitter) splitters.set(candidate, (splitter = createThinkSplitter(ctx.reasoning)));
    return splitter;
  };
  const finish = new Map<number, string>();
  const ended = new Set<number>();
  let started = false;

  const end = (candidate: number, incomplete: boolean, finishReason?: string) => {
    if (ended.has(candidate)) return;
    ended.add(candidate);
    const rest = splitterOf(candidate).flush();
    if (rest.reasoning) emit({ type: 'reasoning', candidate, text: rest.reasoning });
    if (rest.text) emit({ type: 'delta', candidate, text: rest.text });
    emit({ type: 'done', candidate, incomplete, ...(finishReason ? { finishReason } : {}) });
  };
  const endAll = (incomplete: boolean, finishReason?: string) => {
    for (const c of job.candidates) end(c, incomplete || !finish.has(c), finish.get(c) ?? finishReason);
  };
  const fail = (failure: ProviderFailure) => {
    for (const candidate of job.candidates) {
      emit({ type: 'error', candidate, error: failure });
      end(candidate, true);
    }
  };

  for (let attempt = 0; ; attempt++) {
    if (ctx.signal.aborted) return endAll(true, 'aborted');
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    let timedOut: FailureContext['timedOut'];
    let timer: NodeJS.Timeout | undefined;
    let armed: 'first-token' | 'idle' | undefined;
    const arm = (phase: 'first-token' | 'idle', ms: number) => {
      // Re-armed on every chunk: restarting the same timer is much cheaper than a new one.
      if (timer && armed === phase) {
        timer.refresh();
        return;
      }
      clearTimeout(timer);
      armed = phase;
      timer = setTimeout(() => {
        timedOut = { phase, ms };
        controller.abort();
      }, ms);
    };
    arm('first-token', policy.firstTokenTimeoutMs);
    try {
      const stream: AsyncIterable<StreamChunk> = ctx.open
        ? await ctx.open(job, controller.signal)
        : await ctx.client.chat.completions.create(
            { ...requestBody(ctx.profile, ctx.model, job, job.candidates.length), stream: true, stream_options: { include_usage: true } },
            { signal: controller.signal, timeout: policy.connectTimeoutMs },
          );
      for await (const chunk of stream) {
        for (const choice of chunk.choices ?? []) {
          const candidate = job.candidates[choice.index ?? 0];
          if (candidate === undefined) continue;
          const delta = (choice.delta ?? {}) as { content?: unknown; reasoning_content?: unknown; reasoning?: unknown };
          const reasoning =
            typeof delta.reasoning_content === 'string'
              ? delta.reasoning_content
              : typeof delta.reasoning === 'string'
                ? delta.reasoning
                : '';
          const content = typeof delta.content === 'string' ? delta.content : '';
          if (reasoning || content) {
            started = true;
            arm('idle', policy.idleTimeoutMs);
          }
          if (reasoning) emit({ type: 'reasoning', candidate, text: reasoning });
          if (content) {
            const parts = splitterOf(candidate).push(content);
            if (parts.reasoning) emit({ type: 'reasoning', candidate, text: parts.reasoning });
            if (parts.text) emit({ type: 'delta', candidate, text: parts.text });
          }
          if (choice.finish_reason) finish.set(candidate, choice.finish_reason);
        }
        if (chunk.usage) {
          // With `n` the server reports one total; it is attributed to the first candidate.
          const u = chunk.usage;
          emit({
            type: 'usage',
            candidate: job.candidates[0],
            usage: {
              promptTokens: u.prompt_tokens ?? 0,
              completionTokens: u.completion_tokens ?? 0,
              totalTokens: u.total_tokens ?? (u.prompt_tokens ?? 0) + (u.completion_tokens ?? 0),
            },
          });
        }
      }
      // The SDK ends the iteration quietly when aborted; find out why it ended.
      if (ctx.signal.aborted) return endAll(true, 'aborted');
      if (timedOut) {
        if (started) return endAll(true, 'timeout');
        throw new Error('timed out');
      }
      // A stream that closed with no text and no finish reason is a server that gave up, not a
      // reply: without this the player only hears that "no candidate arrived".
      if (!started && finish.size === 0) throw new EmptyStreamError();
      return endAll(false);
    } catch (error) {
      if (ctx.signal.aborted) return endAll(true, 'aborted');
      // Text already shown is kept: the candidate ends incomplete rather than failing.
      if (started) return endAll(true, timedOut ? 'timeout' : 'interrupted');
      let failure: ProviderFailure =
        error instanceof EmptyStreamError
          ? {
              kind: 'server',
              message: `The endpoint at ${ctx.profile.baseURL} closed the stream without sending any text: try again, or check the server's log.`,
              retryable: true,
            }
          : classify(error, {
              profile: ctx.profile,
              model: ctx.model,
              candidates: ctx.candidates,
              timedOut,
              samplers: Object.keys(job.samplers ?? {}),
            });
      if (failure.retryable && attempt < policy.maxRetries) {
        const after = retryAfterMs(error);
        if (after === undefined || after <= policy.maxRetryAfterMs) {
          const delayMs = backoffMs(attempt, policy, after);
          for (const candidate of job.candidates) {
            emit({
              type: 'retry',
              candidate,
              attempt: attempt + 1,
              limit: policy.maxRetries,
              delayMs,
              kind: failure.kind,
              reason: failure.message,
            });
          }
          if (!(await sleep(delayMs, ctx.signal))) return endAll(true, 'aborted');
          continue;
        }
      }
      if (failure.kind === 'rate-limit') {
        failure = {
          ...failure,
          message: failure.message.replace(
            'is rate limiting requests',
            `is still rate limiting requests after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}`,
          ),
        };
      }
      if (failure.kind === 'not-found') failure = await ctx.explain(failure);
      return fail(failure);
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
    }
  }
}
