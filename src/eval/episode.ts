/**
 * One episode: a simulated player plays a world for N turns through the real `Session`. Each
 * turn's failed attempts are recorded and retried (bounded); an episode that cannot get a turn
 * through stops as `failed` with the reason, and `--resume` tries it again.
 */
import type { Session } from '../engine/session/index.js';
import { openSession } from '../engine/session/open.js';
import { MemorySessionStore } from '../engine/session/records.js';
import { criticContext } from '../engine/session/context.js';
import { judgeReply } from '../engine/critics/judge.js';
import type { TokenCounter } from '../engine/tokens.js';
import type { Clock, Provider, SessionEvent, StoryMessage, Turn } from '../engine/types.js';
import type { WorldPack } from '../world/types.js';
import type { SimulatedPlayer } from './players/player.js';
import { recordTurn, round } from './record.js';
import type { Episode, EvalConfig, EvalTurn } from './types.js';

export interface EpisodeDeps {
  pack: WorldPack;
  provider: Provider;
  judge?: Provider;
  player: SimulatedPlayer;
  config: EvalConfig;
  clock: Clock;
  counter: TokenCounter;
  /** Called after every committed or failed turn (the runner saves progress here). */
  onTurn?: () => Promise<void>;
  /** Stops the episode between turns (a turn in progress finishes first). */
  signal?: AbortSignal;
  /** Attempts per turn before the episode gives up (default 3). */
  maxAttempts?: number;
}

/** Plays `episode` on from where its log ends; updates it in place. */
export async function playEpisode(episode: Episode, deps: EpisodeDeps): Promise<Episode> {
  const { config, clock } = deps;
  const store = new MemorySessionStore();
  store.records.push(...episode.log);
  episode.log = store.records;
  const session = await openSession({
    pack: deps.pack,
    provider: deps.provider,
    store,
    clock,
    seed: episode.seed,
    candidates: config.candidates,
    budget: config.budget,
    planner: config.planner,
    id: `eval-${deps.pack.id}-${episode.player}-${episode.seed}`,
    ...(config.samplers ? { samplers: config.samplers } : {}),
    records: episode.log,
  });
  episode.status = 'running';
  delete episode.error;
  // The log is the truth. Another episode's save can catch this one between committing a turn and
  // recording it; after a crash there, the turn is recorded from the log (without the judge).
  const committed = session.turns();
  episode.turns = episode.turns.filter((t) => t.turn <= committed.length);
  for (const t of committed.slice(episode.turns.length)) {
    episode.turns.push(
      recordTurn(t, {
        style: episode.player,
        counter: deps.counter,
        attempts: 1,
        timing: { turnMs: 0, ttftMs: t.candidates[t.chosen]?.timing.ttftMs ?? null, playerMs: 0, judgeMs: null },
      }),
    );
  }
  const maxAttempts = Math.max(1, deps.maxAttempts ?? 3);

  while (session.turns().length < config.turns) {
    if (deps.signal?.aborted) return episode;
    const number = session.turns().length + 1;
    const history = storyOf(session);
    const started = clock.now();
    let turn: Turn | undefined;
    let move: { text: string; director?: string } | undefined;
    let playerMs = 0;
    let attempt = 0;
    let warnings: string[] = [];
    for (attempt = 1; attempt <= maxAttempts && !turn; attempt++) {
      try {
        if (!move) {
          const t0 = clock.now();
          move = await deps.player.next({
            pack: deps.pack,
            persona: session.persona,
            turn: number,
            history,
            opening: session.opening,
            recent: session.turns().slice(-4),
            ...(deps.signal ? { signal: deps.signal } : {}),
          });
          playerMs = clock.now() - t0;
        }
        // No abort signal here: a stopped turn would be committed cut off, and a resumed run would
        // then differ from an uninterrupted one. A stop takes effect between turns.
        const outcome = await drain(session.play({ text: move.text }));
        turn = outcome.turn;
        warnings = outcome.errors;
        if (!turn) {
          episode.failures.push({
            turn: number,
            attempt,
            input: move.text,
            error: outcome.errors.join(' ') || 'No reply was committed.',
            kind: outcome.kind ?? 'engine',
          });
        }
      } catch (error) {
        if (deps.signal?.aborted) return episode;
        episode.failures.push({
          turn: number,
          attempt,
          input: move?.text ?? '',
          error: messageOf(error),
          kind: move ? 'engine' : 'player',
        });
      }
      if (!turn) await deps.onTurn?.();
    }
    if (!turn || !move) {
      episode.status = 'failed';
      episode.error = `Turn ${number} failed ${maxAttempts} times; the last error: ${episode.failures[episode.failures.length - 1]?.error ?? 'unknown'}`;
      await deps.onTurn?.();
      return episode;
    }
    const judged = deps.judge ? await judgeTurn(deps.judge, deps.pack, session, turn, history, clock) : undefined;
    const chosen = turn.candidates[turn.chosen];
    episode.turns.push(
      recordTurn(turn, {
        style: episode.player,
        counter: deps.counter,
        attempts: attempt - 1,
        ...(move.director ? { director: move.director } : {}),
        warnings,
        ...(judged ? { judge: judged.result } : {}),
        timing: {
          turnMs: clock.now() - started - (judged?.ms ?? 0),
          ttftMs: chosen?.timing.ttftMs ?? null,
          playerMs,
          judgeMs: judged?.ms ?? null,
        },
      }),
    );
    await deps.onTurn?.();
  }
  episode.status = 'done';
  return episode;
}

/** Runs a turn's events to the end: the committed turn, or the errors that stopped it. */
async function drain(events: AsyncIterable<SessionEvent>): Promise<{ turn?: Turn; errors: string[]; kind?: string }> {
  const errors: string[] = [];
  let kind: string | undefined;
  let turn: Turn | undefined;
  for await (const event of events) {
    if (event.type === 'error') {
      errors.push(event.error.message);
      kind ??= event.error.kind;
    }
    if (event.type === 'turn-done') turn = event.turn;
  }
  return { ...(turn ? { turn } : {}), errors, ...(kind ? { kind } : {}) };
}

/** The opening and every input and kept reply along the active branch. */
export function storyOf(session: Session): StoryMessage[] {
  const messages: StoryMessage[] = [{ role: 'narrator', text: session.openingText, turn: 0 }];
  for (const t of session.turns()) {
    messages.push({ role: 'player', text: t.input.text, turn: t.number });
    const reply = t.candidates[t.chosen];
    if (reply) messages.push({ role: 'narrator', text: reply.text, turn: t.number });
  }
  return messages;
}

async function judgeTurn(
  judge: Provider,
  pack: WorldPack,
  session: Session,
  turn: Turn,
  history: StoryMessage[],
  clock: Clock,
): Promise<{ result: NonNullable<EvalTurn['judge']>; ms: number }> {
  const t0 = clock.now();
  const ctx = criticContext({
    pack,
    persona: session.persona,
    plan: turn.plan,
    playerInput: turn.input.text,
    history: [...history, { role: 'player', text: turn.input.text, turn: turn.number }],
    facts: session.memory().facts,
    turn: turn.number,
  });
  try {
    const result = await judgeReply(judge, ctx, turn.candidates[turn.chosen]?.text ?? '');
    const why = result.evidence[0]?.why;
    return { result: { flagged: result.flagged, score: round(result.score), ...(why ? { why } : {}) }, ms: clock.now() - t0 };
  } catch (error) {
    // A judge that fails costs the judgement, not the turn.
    return { result: { error: messageOf(error) }, ms: clock.now() - t0 };
  }
}

function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}
