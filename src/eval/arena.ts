/**
 * The arena: two settings answer the same story, turn by turn. Each round the simulated player
 * writes a line, both sides' Sessions play it, a judge sees the two replies in a seeded random
 * order and picks one with a reason, and the winner's reply continues the story on both sides
 * (the loser's session gets it as a kept candidate, through its own log). The result is side A's
 * win rate with a 95% Wilson interval.
 */
import type { Session } from '../engine/session/index.js';
import { openSession } from '../engine/session/open.js';
import { MemorySessionStore, type SessionRecord } from '../engine/session/records.js';
import { hashSeed, seededRandom } from '../engine/random.js';
import type { RunSamplers } from '../engine/session/samplers.js';
import type { ChatMessage, Clock, Provider, StoryMessage, Turn } from '../engine/types.js';
import type { WorldPack } from '../world/types.js';
import { storyOf } from './episode.js';
import type { SimulatedPlayer } from './players/player.js';
import type { PlayerStyle } from './types.js';
import { wilsonInterval } from './wilson.js';

export interface ArenaSide {
  /** As given: a profile name, `planner` or `no-planner`. */
  name: string;
  provider: Provider;
  planner: boolean;
  /** Sampler layers for this side's sessions (its profile's, then the run's preset and flags). */
  samplers?: RunSamplers;
}

export interface ArenaConfig {
  world: string;
  a: string;
  b: string;
  judge: string;
  rounds: number;
  seed: number;
  player: PlayerStyle;
  candidates: number;
  budget: number;
}

export type Side = 'a' | 'b';

export interface ArenaRound {
  round: number;
  input: string;
  /** Which side was shown first to the judge. */
  order: [Side, Side];
  /** null when the judge gave no readable verdict. */
  winner: Side | 'tie' | null;
  reason: string;
  quotes: string[];
  replies: Record<Side, string>;
  /** Set when a side produced no reply or the judge failed. */
  error?: string;
}

export interface ArenaResult {
  version: 1;
  config: ArenaConfig;
  rounds: ArenaRound[];
  wins: { a: number; b: number; tie: number };
  /** Rounds with a verdict (ties included). */
  decided: number;
  /** Side A's win rate, ties counting half; null before any verdict. */
  winRate: number | null;
  /** 95% Wilson interval of `winRate`. */
  ci: [number, number] | null;
  /** Why the arena stopped early, when it did. */
  error?: string;
}

export interface ArenaDeps {
  pack: WorldPack;
  a: ArenaSide;
  b: ArenaSide;
  judge: Provider;
  player: SimulatedPlayer;
  clock: Clock;
  onRound?(round: ArenaRound, index: number): void;
  signal?: AbortSignal;
}

const RUBRIC = `You are a strict editor of interactive fiction. Two narrators answered the same moment of a role-play; you decide which reply is better.
Judge on: staying in the world and its laws; never acting, speaking or thinking for the player; answering what the player did; moving the story; concrete, fresh prose without stock phrases; a clear hook to answer; the right language and length.
Answer in exactly this order and format:
QUOTES:
- Reply 1: "<an exact quote>" — <what it shows>
- Reply 2: "<an exact quote>" — <what it shows>
PROBLEMS:
- Reply 1: <its problems, most serious first, or "none">
- Reply 2: <its problems, most serious first, or "none">
STRENGTHS:
- Reply 1: <what works>
- Reply 2: <what works>
WINNER: <1 or 2, or "tie" only if they are truly equal>
REASON: <one sentence>`;

/** The judge's messages for one round; `first` and `second` are the replies in the order shown. */
export function arenaPrompt(
  pack: WorldPack,
  playerName: string,
  history: readonly StoryMessage[],
  input: string,
  first: string,
  second: string,
): ChatMessage[] {
  const laws = pack.laws.map((l) => `- ${l.text}`).join('\n');
  const story = history
    .slice(-6)
    .map((m) => `${m.role === 'player' ? playerName : 'Narrator'}: ${m.text}`)
    .join('\n\n');
  const user = [
    `World: ${pack.title} (language ${pack.language}, rating ${pack.rating}). ${pack.summary}`,
    laws ? `Laws:\n${laws}` : '',
    story ? `Story so far:\n${story}` : '',
    `The player (${playerName}) wrote:\n${input}`,
    `Reply 1:\n<<<\n${first}\n>>>`,
    `Reply 2:\n<<<\n${second}\n>>>`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return [
    { role: 'system', content: RUBRIC },
    { role: 'user', content: user },
  ];
}

/** Reads the verdict: the last WINNER line (1, 2 or tie), the reason and the quotes. */
export function parseVerdict(answer: string): { winner: 1 | 2 | 'tie' | null; reason: string; quotes: string[] } {
  const all = [...answer.matchAll(/WINNER[*_\s]*[:：][*_\s]*(?:reply\s*)?(1|2|tie)\b/gi)];
  const last = all[all.length - 1]?.[1]?.toLowerCase();
  const winner = last === '1' ? 1 : last === '2' ? 2 : last === 'tie' ? 'tie' : null;
  const reason = /REASON[*_\s]*[:：][*_\s]*([^\n]+)/i.exec(answer)?.[1]?.trim() ?? '';
  const quotes = [...answer.matchAll(/["“]([^"”\n]{2,300})["”]/g)].map((m) => m[1].trim());
  return { winner, reason, quotes };
}

/** Side A's wins, ties counting half, with the Wilson interval. */
export function arenaScore(rounds: readonly ArenaRound[]): Pick<ArenaResult, 'wins' | 'decided' | 'winRate' | 'ci'> {
  const wins = { a: 0, b: 0, tie: 0 };
  for (const r of rounds) if (r.winner) wins[r.winner] += 1;
  const decided = wins.a + wins.b + wins.tie;
  if (decided === 0) return { wins, decided, winRate: null, ci: null };
  const successes = wins.a + wins.tie / 2;
  return {
    wins,
    decided,
    winRate: Math.round((successes / decided) * 1000) / 1000,
    ci: wilsonInterval(successes, decided).map((v) => Math.round(v * 1000) / 1000) as [number, number],
  };
}

/** Plays the arena to the end (or until a side cannot answer). */
export async function runArena(config: ArenaConfig, deps: ArenaDeps): Promise<ArenaResult> {
  const make = async (side: ArenaSide, records?: SessionRecord[]) => {
    const store = new MemorySessionStore();
    if (records) store.records.push(...records);
    const session = await openSession({
      pack: deps.pack,
      provider: side.provider,
      store,
      clock: deps.clock,
      seed: config.seed,
      candidates: config.candidates,
      budget: config.budget,
      planner: side.planner,
      id: `arena-${side.name}`,
      ...(side.samplers ? { samplers: side.samplers } : {}),
      ...(records ? { records } : {}),
    });
    return { session, store };
  };
  const sides: Record<Side, { session: Session; store: MemorySessionStore }> = { a: await make(deps.a), b: await make(deps.b) };
  const rounds: ArenaRound[] = [];
  let error: string | undefined;

  for (let round = 1; round <= config.rounds; round++) {
    if (deps.signal?.aborted) break;
    const history = storyOf(sides.a.session);
    const move = await deps.player.next({
      pack: deps.pack,
      persona: sides.a.session.persona,
      turn: round,
      history,
      opening: sides.a.session.opening,
      recent: sides.a.session.turns().slice(-4),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    const [ta, tb] = await Promise.all([
      playWithRetries(sides.a.session, move.text, deps.signal),
      playWithRetries(sides.b.session, move.text, deps.signal),
    ]);
    if (!ta.turn || !tb.turn) {
      error = `Round ${round}: ${!ta.turn ? `side A (${deps.a.name})` : `side B (${deps.b.name})`} produced no reply (${(!ta.turn ? ta.error : tb.error) ?? 'unknown error'}).`;
      break;
    }
    const replies = { a: chosenText(ta.turn), b: chosenText(tb.turn) };
    const order: [Side, Side] = seededRandom(hashSeed(config.seed, 'arena-order', round))() < 0.5 ? ['a', 'b'] : ['b', 'a'];
    const messages = arenaPrompt(deps.pack, sides.a.session.persona.name, history, move.text, replies[order[0]], replies[order[1]]);
    let verdict: ReturnType<typeof parseVerdict> | undefined;
    let judgeError: string | undefined;
    for (let attempt = 0; attempt < 2 && !verdict?.winner; attempt++) {
      try {
        verdict = parseVerdict(
          await deps.judge.complete(messages, { maxTokens: 700, temperature: 0, ...(deps.signal ? { signal: deps.signal } : {}) }),
        );
        if (!verdict.winner) judgeError = 'the judge named no winner';
      } catch (e) {
        judgeError = `the judge failed: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    const winner: Side | 'tie' | null =
      verdict?.winner === 1 ? order[0] : verdict?.winner === 2 ? order[1] : verdict?.winner === 'tie' ? 'tie' : null;
    const record: ArenaRound = {
      round,
      input: move.text,
      order,
      winner,
      reason: verdict?.reason ?? '',
      quotes: verdict?.quotes ?? [],
      replies,
      ...(winner ? {} : { error: judgeError ?? 'no verdict' }),
    };
    rounds.push(record);
    deps.onRound?.(record, round - 1);
    // Without a clear winner the reply shown first continues: the order is random, so no side is favoured.
    const keep: Side = winner === 'a' || winner === 'b' ? winner : order[0];
    const lose: Side = keep === 'a' ? 'b' : 'a';
    const kept = (keep === 'a' ? ta.turn : tb.turn).candidates[(keep === 'a' ? ta.turn : tb.turn).chosen];
    const loserTurn = lose === 'a' ? ta.turn : tb.turn;
    const records: SessionRecord[] = [
      ...sides[lose].store.records,
      {
        type: 'candidate',
        at: deps.clock.now(),
        nodeId: loserTurn.id,
        candidate: { ...kept, id: `${loserTurn.id}-arena` },
        chosen: loserTurn.candidates.length,
      },
    ];
    sides[lose] = await make(lose === 'a' ? deps.a : deps.b, records);
  }
  return { version: 1, config, rounds, ...arenaScore(rounds), ...(error ? { error } : {}) };
}

async function playWithRetries(session: Session, text: string, signal?: AbortSignal): Promise<{ turn?: Turn; error?: string }> {
  let error: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (signal?.aborted) return { error: 'stopped' };
    const errors: string[] = [];
    let turn: Turn | undefined;
    for await (const event of session.play({ text }, signal ? { signal } : {})) {
      if (event.type === 'error') errors.push(event.error.message);
      if (event.type === 'turn-done') turn = event.turn;
    }
    if (turn) return { turn };
    error = errors.join(' ') || 'no reply';
  }
  return { error };
}

function chosenText(turn: Turn): string {
  return turn.candidates[turn.chosen]?.text ?? '';
}
