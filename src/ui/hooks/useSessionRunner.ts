/**
 * Runs the Session's event streams (play, regenerate, edit) for the UI: keeps the streaming text
 * of every candidate, the plan and prompt of the running turn, errors in place, and a Stop that
 * aborts the stream (the engine keeps the partial text). Every decision stays in the engine.
 */
import { useCallback, useRef, useState } from 'react';
import type { SessionHandle } from '../../engine/session/index.js';
import type {
  CandidateVariant,
  PacingEstimate,
  Plan,
  PlayerInput,
  PromptDiagnostics,
  ProviderErrorKind,
  SessionEvent,
  Turn,
} from '../../engine/types.js';
import { redactSecrets } from '../../text/redact.js';
import { neutralize } from '../../text/sanitize.js';

/** Text from a provider or an exception, safe to show: no escapes, no keys. */
const shown = (text: string) => redactSecrets(neutralize(text));

export type RunKind = 'play' | 'regenerate' | 'edit' | 'continue' | 'edit-reply';

export interface StreamState {
  text: string;
  reasoning: string;
  variant?: CandidateVariant;
  done: boolean;
}

/** A candidate's request that failed and is sent again after a wait (a 429, a 500). */
export interface RetryWait {
  kind: ProviderErrorKind;
  attempt: number;
  limit: number;
  delayMs: number;
}

export interface LiveTurn {
  kind: RunKind;
  turn: number;
  input: PlayerInput;
  streams: Record<number, StreamState>;
  /** The candidate whose text the live area shows (the first streamed, or the new one on regenerate). */
  focus: number;
  plan?: Plan;
  pacing?: PacingEstimate;
  prompt?: PromptDiagnostics;
  retries: number;
  /** Candidates waiting to retry, until their text starts or they end. */
  waits: Record<number, RetryWait>;
}

export interface RunError {
  message: string;
  retryable: boolean;
}

export interface RunOutcome {
  turn: Turn | undefined;
  error: RunError | undefined;
  /** The id of the candidate the live area showed being written (the ranking may put another first). */
  watched?: string;
}

export interface SessionRunner {
  live: LiveTurn | undefined;
  error: RunError | undefined;
  /** The turn committed, or the error that stopped it; undefined when a run was already going. */
  run(kind: RunKind, start: (signal: AbortSignal) => AsyncIterable<SessionEvent>, input?: PlayerInput): Promise<RunOutcome | undefined>;
  stop(): void;
  /** A run is going now: set from the moment `run` starts, before `live` (a render's) shows it. */
  busy(): boolean;
  /** Runs a quick session call (choose, switchBranch), showing its failure in place. */
  act<T>(call: () => Promise<T>): Promise<T | undefined>;
  setError(error: RunError | undefined): void;
}

/** The waits without `candidate`'s (the same object when it had none, so nothing re-renders). */
function settled(waits: Record<number, RetryWait>, candidate: number): Record<number, RetryWait> {
  if (!(candidate in waits)) return waits;
  const rest = { ...waits };
  delete rest[candidate];
  return rest;
}

function apply(live: LiveTurn, event: SessionEvent): LiveTurn {
  switch (event.type) {
    case 'plan':
      return { ...live, plan: event.plan, pacing: event.pacing };
    case 'prompt':
      return { ...live, prompt: event.prompt };
    case 'candidate-start': {
      const first = Object.keys(live.streams).length === 0;
      return {
        ...live,
        focus: first ? event.candidate : live.focus,
        streams: { ...live.streams, [event.candidate]: { text: '', reasoning: '', variant: event.variant, done: false } },
      };
    }
    case 'delta': {
      const s = live.streams[event.candidate] ?? { text: '', reasoning: '', done: false };
      return {
        ...live,
        waits: settled(live.waits, event.candidate),
        streams: { ...live.streams, [event.candidate]: { ...s, text: s.text + neutralize(event.text) } },
      };
    }
    case 'reasoning': {
      const s = live.streams[event.candidate] ?? { text: '', reasoning: '', done: false };
      return {
        ...live,
        waits: settled(live.waits, event.candidate),
        streams: { ...live.streams, [event.candidate]: { ...s, reasoning: s.reasoning + neutralize(event.text) } },
      };
    }
    case 'retry': {
      const wait = { kind: event.kind, attempt: event.attempt, limit: event.limit, delayMs: event.delayMs };
      return { ...live, retries: live.retries + 1, waits: { ...live.waits, [event.candidate]: wait } };
    }
    case 'candidate-done': {
      const s = live.streams[event.candidate] ?? { text: '', reasoning: '', done: false };
      return {
        ...live,
        waits: settled(live.waits, event.candidate),
        streams: { ...live.streams, [event.candidate]: { ...s, done: true } },
      };
    }
    default:
      return live;
  }
}

/**
 * Streamed text is published at most once per this many ms. A model sends tokens far faster than
 * a terminal repaints (Ink draws at most 30 frames a second), and each publish re-renders the
 * play screen: batching is what keeps the cost per token small.
 */
export const STREAM_FRAME_MS = 33;

/** The hook: one run at a time, as the Session allows. */
export function useSessionRunner(session: SessionHandle | undefined): SessionRunner {
  const [live, setLive] = useState<LiveTurn | undefined>();
  const [error, setError] = useState<RunError | undefined>();
  const controller = useRef<AbortController | undefined>(undefined);
  const liveRef = useRef<LiveTurn | undefined>(undefined);

  const run = useCallback(
    async (kind: RunKind, start: (signal: AbortSignal) => AsyncIterable<SessionEvent>, input?: PlayerInput) => {
      if (!session || controller.current) return undefined;
      const abort = new AbortController();
      controller.current = abort;
      setError(undefined);
      let done: Turn | undefined;
      let watched: string | undefined;
      // The first error of a run is its cause ("nothing listens at ..."); later ones are consequences.
      let firstError: RunError | undefined;
      let current: LiveTurn = { kind, turn: 0, input: input ?? { text: '' }, streams: {}, focus: 0, retries: 0, waits: {} };
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        liveRef.current = current;
        setLive(current);
      };
      const publish = (next: LiveTurn) => {
        current = next;
        flush();
      };
      // Text deltas wait for the next frame; everything else (a plan, a finished candidate) shows at once.
      const publishText = (next: LiveTurn) => {
        current = next;
        timer ??= setTimeout(flush, STREAM_FRAME_MS);
      };
      try {
        for await (const event of start(abort.signal)) {
          if (event.type === 'turn-start') publish({ ...current, turn: event.turn, input: event.input });
          else if (event.type === 'turn-done') done = event.turn;
          else if (event.type === 'candidate-done' && event.candidate === current.focus) {
            watched = event.result.id;
            publish(apply(current, event));
          } else if (event.type === 'error') {
            if (event.error.kind !== 'aborted') {
              firstError = {
                message: firstError?.message ?? shown(event.error.message),
                retryable: Boolean(firstError?.retryable) || event.error.retryable,
              };
              setError(firstError);
            }
          } else if (event.type === 'delta' || event.type === 'reasoning') publishText(apply(current, event));
          else if (event.type !== 'memory') publish(apply(current, event));
        }
      } catch (failure) {
        // The engine turns failures into events; anything thrown here is a bug we still must not crash on.
        setError({
          message: shown(`Something went wrong (${failure instanceof Error ? failure.message : String(failure)}); try again.`),
          retryable: true,
        });
      } finally {
        if (timer) clearTimeout(timer);
        controller.current = undefined;
        liveRef.current = undefined;
        setLive(undefined);
      }
      // The committed state reaches the screen through the session's store; this is the turn itself,
      // or, when none was committed, what stopped it.
      return { turn: done, error: firstError, ...(watched ? { watched } : {}) };
    },
    [session],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  const busy = useCallback(() => controller.current !== undefined, []);

  const act = useCallback(async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch (failure) {
      setError({ message: shown(failure instanceof Error ? failure.message : String(failure)), retryable: false });
      return undefined;
    }
  }, []);

  return { live, error, run, stop, busy, act, setError };
}
