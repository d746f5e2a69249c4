/**
 * The pacing model: infers, from signals the player never states, where they sit between slow
 * burn (-1) and fast plot (+1). The session estimate is a recency-weighted mean of what each
 * signal says; the long-term profile is a slow average across sessions; the two are blended by
 * confidence, so a new session leans on the profile until its own evidence accumulates.
 */
import type { PacingEstimate, PacingProfile, PacingSignal } from '../types.js';
import { readCues, type MessageCues } from './cues.js';
import { describeEvidence, EVIDENCE_WINDOW, type SessionRecord } from './evidence.js';
import { variantTempo } from './tempo.js';

export { readCues, isWaiting, splitOoc, type MessageCues } from './cues.js';
export { variantTempo } from './tempo.js';

/** A fresh long-term profile: neutral, no confidence. */
export function newProfile(): PacingProfile {
  return { version: 1, score: 0, confidence: 0, turns: 0, sessions: 0, updatedAt: 0, stats: {} };
}

interface Observation {
  value: number;
  weight: number;
  turn: number;
  /** Per-turn decay of the weight; explicit requests fade slower than incidental cues. */
  decay: number;
}

// Weights: an explicit out-of-character request outweighs several messages at once.
const OOC_WEIGHT = 6;
const MESSAGE_WEIGHT = 1;
const WAITING_WEIGHT = 0.3;
const REGENERATE_WEIGHT = 1.2;
const PIVOT_FACTOR = 1.6;
const CHOICE_WEIGHT = 1.4;
const LATENCY_WEIGHT = 0.3;
/** Effective weight at which the session confidence reaches ~63%. */
const CONFIDENCE_SCALE = 2.5;
/** Turns of history at which the long-term confidence reaches ~63%. */
const PROFILE_TURN_SCALE = 40;
/** How far one session can move an established profile. */
const PROFILE_RATE = 0.3;

function clamp(x: number, lo = -1, hi = 1): number {
  return Math.min(hi, Math.max(lo, x));
}

function bump(stats: Record<string, number>, key: string, by = 1): void {
  stats[key] = (stats[key] ?? 0) + by;
}

/** Infers how fast the player wants the story to move, from signals they never state. */
export class PacingModel {
  private readonly base: PacingProfile;
  private readonly observations: Observation[] = [];
  private record: SessionRecord = { messages: [], stats: {} };
  private latestTurn = 0;

  /** `profile`: the player's long-term profile (see `src/store/profile.ts`); none starts neutral. */
  constructor(profile?: PacingProfile) {
    this.base = profile ? sanitizeProfile(profile) : newProfile();
  }

  /** Feeds one signal: a message, a regeneration, or the candidate the player kept. */
  observe(signal: PacingSignal): void {
    this.latestTurn = Math.max(this.latestTurn, signal.turn);
    const stats = this.record.stats;
    if (signal.kind === 'message') {
      this.observeMessage(readCues(signal.text, signal.heard), signal.turn, signal.latencyMs);
    } else if (signal.kind === 'regenerate') {
      const tempo = variantTempo(signal.rejected);
      if (Math.abs(tempo) < 0.15) return;
      // Swiping away a bold reply asks for less; a quiet one, for more; most telling at a pivot.
      const weight = REGENERATE_WEIGHT * Math.abs(tempo) * (signal.pivot ? PIVOT_FACTOR : 1);
      this.push({ value: clamp(-tempo * 0.9), weight, turn: signal.turn, decay: 0.85 });
      bump(stats, tempo > 0 ? 'rejectedBold' : 'rejectedGentle');
      if (signal.pivot) bump(stats, 'rejectedAtPivot');
    } else {
      if (signal.alternatives.length === 0) return;
      const kept = variantTempo(signal.kept);
      const others = signal.alternatives.reduce((sum, v) => sum + variantTempo(v), 0) / signal.alternatives.length;
      const diff = kept - others;
      if (Math.abs(diff) < 0.15) return;
      this.push({ value: clamp(diff * 1.2), weight: CHOICE_WEIGHT * Math.min(1, Math.abs(diff)), turn: signal.turn, decay: 0.85 });
      bump(stats, diff > 0 ? 'keptBolder' : 'keptCalmer');
    }
  }

  private observeMessage(cues: MessageCues, turn: number, latencyMs: number | undefined): void {
    const stats = this.record.stats;
    if (cues.ooc) {
      const value = cues.ooc.direction === 'slower' ? -0.9 : 0.9;
      // An explicit request moves the estimate at once: what pointed the other way is mostly set aside.
      for (const o of this.observations) if (Math.sign(o.value) !== Math.sign(value)) o.weight *= 0.2;
      this.push({ value, weight: OOC_WEIGHT, turn, decay: 0.93 });
      bump(stats, cues.ooc.direction === 'slower' ? 'oocSlower' : 'oocFaster');
      this.record.lastOoc = { direction: cues.ooc.direction, turn };
    }
    if (!cues.inCharacter) return;
    this.record.messages.push({ turn, cues });
    bump(stats, 'messages');
    if (cues.shortImperative) bump(stats, 'shortImperatives');
    if (cues.lingering) bump(stats, 'lingering');
    if (cues.timeSkip) bump(stats, 'timeSkips');
    if (cues.worldQuestion) bump(stats, 'worldQuestions');
    this.push({ value: cues.waiting ? 0.1 : cues.score, weight: cues.waiting ? WAITING_WEIGHT : MESSAGE_WEIGHT, turn, decay: 0.8 });
    if (latencyMs !== undefined && latencyMs > 0 && !cues.waiting) {
      // A long message written slowly is a thoughtful player; a quick short one, an impatient one:
      // either nudges the estimate a little beyond what the words alone say.
      if (latencyMs >= 45_000 && cues.words >= 30) {
        this.push({ value: clamp(cues.score - 0.5), weight: LATENCY_WEIGHT, turn, decay: 0.8 });
        bump(stats, 'slowThoughtful');
      } else if (latencyMs <= 8_000 && cues.words <= 10) {
        this.push({ value: clamp(cues.score + 0.5), weight: LATENCY_WEIGHT, turn, decay: 0.8 });
        bump(stats, 'quickShort');
      }
    }
  }

  private push(observation: Observation): void {
    this.observations.push(observation);
  }

  /** The session's own estimate: recency-weighted, with a confidence from weight and agreement. */
  private sessionEstimate(recency = true): { score: number; confidence: number; weight: number } {
    let weight = 0;
    let sum = 0;
    // Each observation's weight is worked out once for both passes (a power each, as many as the
    // story has turns).
    const observations = this.observations;
    const weights = new Float64Array(observations.length);
    for (let i = 0; i < observations.length; i++) {
      const o = observations[i];
      const w = recency ? o.weight * o.decay ** Math.max(0, this.latestTurn - o.turn) : o.weight;
      weights[i] = w;
      weight += w;
      sum += w * o.value;
    }
    if (weight === 0) return { score: 0, confidence: 0, weight: 0 };
    const score = sum / weight;
    let spread = 0;
    for (let i = 0; i < observations.length; i++) spread += weights[i] * (observations[i].value - score) ** 2;
    const agreement = 1 - 0.5 * Math.min(1, Math.sqrt(spread / weight));
    return { score: clamp(score), confidence: (1 - Math.exp(-weight / CONFIDENCE_SCALE)) * agreement, weight };
  }

  /**
   * The model's state, exactly (every observation: the long-term profile sums them all), for a
   * resume to start from instead of replaying every signal. The evidence reads only the last few
   * messages, so only those are kept.
   */
  snapshot(): PacingState {
    return {
      latestTurn: this.latestTurn,
      observations: this.observations.map((o) => [o.value, o.weight, o.turn, o.decay]),
      messages: structuredClone(this.record.messages.slice(-EVIDENCE_WINDOW)),
      stats: { ...this.record.stats },
      ...(this.record.lastOoc ? { lastOoc: { ...this.record.lastOoc } } : {}),
    };
  }

  /** Takes the state `snapshot` gave, in place of this model's own; false (and nothing changed) when it is malformed. */
  restore(state: PacingState): boolean {
    if (!isPacingState(state)) return false;
    this.latestTurn = state.latestTurn;
    this.observations.length = 0;
    for (const [value, weight, turn, decay] of state.observations) this.observations.push({ value, weight, turn, decay });
    this.record.messages = structuredClone(state.messages);
    this.record.stats = { ...state.stats };
    if (state.lastOoc) this.record.lastOoc = { ...state.lastOoc };
    else delete this.record.lastOoc;
    return true;
  }

  /** The blended estimate the planner uses, with its evidence. */
  estimate(): PacingEstimate {
    const session = this.sessionEstimate();
    const long = this.base;
    const ws = session.confidence;
    const wl = long.confidence * (1 - ws);
    const score = ws + wl > 0 ? (ws * session.score + wl * long.score) / (ws + wl) : 0;
    return {
      score: round(clamp(score)),
      confidence: round(clamp(ws + wl, 0, 1)),
      evidence: describeEvidence(this.record, this.latestTurn, long),
      session: { score: round(session.score), confidence: round(session.confidence) },
      longTerm: { score: round(long.score), confidence: round(long.confidence), turns: long.turns },
    };
  }

  /**
   * The long-term profile with this session folded in. Computed afresh from the profile the
   * session started with, so saving it after every turn never counts a turn twice.
   */
  profile(): PacingProfile {
    const base = this.base;
    const messages = this.record.stats.messages ?? 0;
    const session = this.sessionEstimate(false);
    if (session.weight === 0) return structuredClone(base);
    const rate = base.turns === 0 ? 1 : PROFILE_RATE * session.confidence * Math.min(1, messages / 6);
    const turns = base.turns + messages;
    const stats = { ...base.stats };
    for (const [key, value] of Object.entries(this.record.stats)) bump(stats, key, value);
    return {
      version: 1,
      score: round(clamp(base.score + rate * (session.score - base.score))),
      confidence: round(Math.min(0.9, 1 - Math.exp(-turns / PROFILE_TURN_SCALE))),
      turns,
      // Sessions are counted by whoever starts one (a resumed session must not count twice).
      sessions: Math.max(base.sessions, 1),
      updatedAt: base.updatedAt,
      stats,
    };
  }
}

/** A pacing model's state as `snapshot` gives it (plain JSON). */
export interface PacingState {
  latestTurn: number;
  /** value, weight, turn, decay */
  observations: Array<[number, number, number, number]>;
  messages: Array<{ turn: number; cues: MessageCues }>;
  stats: Record<string, number>;
  lastOoc?: { direction: 'slower' | 'faster'; turn: number };
}

function isPacingState(v: unknown): v is PacingState {
  const s = v as PacingState;
  const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  return (
    typeof s === 'object' &&
    s !== null &&
    finite(s.latestTurn) &&
    Array.isArray(s.observations) &&
    s.observations.every((o) => Array.isArray(o) && o.length === 4 && o.every(finite)) &&
    Array.isArray(s.messages) &&
    s.messages.every((m) => typeof m === 'object' && m !== null && finite(m.turn) && typeof m.cues === 'object' && m.cues !== null) &&
    typeof s.stats === 'object' &&
    s.stats !== null &&
    Object.values(s.stats).every(finite) &&
    (s.lastOoc === undefined || (finite(s.lastOoc.turn) && (s.lastOoc.direction === 'slower' || s.lastOoc.direction === 'faster')))
  );
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Guards against a hand-edited or older profile: out-of-range numbers are clamped, junk dropped. */
function sanitizeProfile(profile: PacingProfile): PacingProfile {
  const num = (x: unknown, fallback: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
  const stats: Record<string, number> = {};
  for (const [key, value] of Object.entries(profile.stats ?? {}))
    if (typeof value === 'number' && Number.isFinite(value)) stats[key] = value;
  return {
    version: 1,
    score: clamp(num(profile.score, 0)),
    confidence: clamp(num(profile.confidence, 0), 0, 1),
    turns: Math.max(0, Math.floor(num(profile.turns, 0))),
    sessions: Math.max(0, Math.floor(num(profile.sessions, 0))),
    updatedAt: num(profile.updatedAt, 0),
    stats,
  };
}
