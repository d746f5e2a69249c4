/**
 * Who is in the scene: the opening's characters, anyone the player spoke to or went to in the
 * last few messages, anyone the narration (not a line of dialogue) named in them, and anyone the
 * thread being told names. The planner picks its actors among them and the offline narrator its
 * cast, so neither brings in someone who is not there.
 */
import type { Character, WorldPack } from '../../world/types.js';
import type { Plan, StoryMessage } from '../types.js';
import { escapeRegExp, warmRegex } from '../../text/regexp.js';
import { mentionedIn, namesOf } from './actors.js';
import { backToOpening, companionsIn, isPlayerMove, narrationEvents, QUOTED, sentAwayIn, type SceneEvent } from './exits.js';

/** How many of the latest messages still hold someone in the scene once they were brought in. */
export const SCENE_MEMORY = 6;

// Verbs that put the player beside someone: asking, telling, touching, going to find them.
const TOWARD_EN =
  'ask|asks|tell|tells|to|at|face|faces|hug|hugs|kiss|thank|greet|greets|beg|answer|follow|touch|take|find|visit|see|call|calls|join|meet|approach|wake|help|grab|slap|push|shake|embrace|nudge|wave|whisper|shout';
const TOWARD_ZH = '向|问|对|找|给|跟|叫|喊|陪|扶|拉|推|拍|抱|见';

/** Compiled once per character object: asked every turn, for every character. */
const towardRegexes = new WeakMap<Character, RegExp[]>();

function towardRegex(character: Character): RegExp[] {
  let regexes = towardRegexes.get(character);
  if (!regexes) {
    regexes = namesOf(character).map((name) => {
      const n = escapeRegExp(name);
      if (/\p{Script=Han}/u.test(name)) return new RegExp(`^${n}|[，。！？、“「]${n}|${n}[，,！!？?]|(?:${TOWARD_ZH})${n}`, 'u');
      // A call ("Maud?", "Wren, why ...", "..., Ilsa."), or a verb towards them ("I ask Wren", "to find
      // Ilsa"), not towards something of theirs ("I look at Ilsa's note", "at Ilsa Morrow's note").
      return new RegExp(
        `(?:^|[,"“.!?]\\s*)${n}\\s*[,!?.…"”]|,\\s*${n}\\s*(?:[?!.…"”]|$)|\\b(?:${TOWARD_EN})\\s+${n}(?![\\p{L}\\p{N}]|(?:\\s+\\p{Lu}\\p{L}*)?['’]s\\b)`,
        'iu',
      );
    });
    towardRegexes.set(character, regexes);
  }
  return regexes;
}

/**
 * Characters a player's message speaks to or goes to, by id. Only naming someone ("Who is
 * Ilsa?", "why did you sign Ilsa's note?") brings no one into the room.
 */
export function approachedIn(pack: WorldPack, text: string): string[] {
  const trimmed = text.trim();
  return pack.characters.filter((c) => towardRegex(c).some((r) => r.test(trimmed))).map((c) => c.id);
}

/** Compiles each character's approach patterns ahead of the first turn (see `warmPlanner`). */
export function warmApproaches(characters: readonly Character[]): void {
  for (const c of characters) for (const regex of towardRegex(c)) warmRegex(regex);
}

/** Whether `character`'s approach patterns are made (for the warm-up's test). */
export function approachPatternsMade(character: Character): boolean {
  return towardRegexes.has(character);
}

export interface SceneInput {
  pack: WorldPack;
  /** The characters the opening puts in the scene. */
  opening: readonly string[];
  /** The story so far, oldest first (the player's latest message may be last). */
  history: readonly StoryMessage[];
  playerInput: string;
  /** The thread beat told this turn, whose people come with it. */
  threadText?: string;
  /** The opening's scene line: a move to a place it names first goes back to the opening's people. */
  openingScene?: string;
  /**
   * The story as an earlier turn of this one folded it (its `Scene.fold`): only the messages since
   * are read. One that does not fit this story (another pack or opening, a replaced message at its
   * end) is passed over for an older one it came from, or the story is read from the start.
   */
  fold?: SceneFold;
}

export interface Scene {
  /** Who is here this turn. */
  present: Set<string>;
  /** Who left, was sent away or was left behind since the scene began, and has not come back. */
  left: Set<string>;
  /** Of `left`, those the player walked away from (who may follow), not those who went or were sent. */
  behind: Set<string>;
  /** The story up to the messages still read in full, folded: the next turn starts from it. */
  fold: SceneFold;
}

/**
 * What the messages older than the last SCENE_MEMORY say of the scene, once each: where the
 * latest move went and who it left with, and who has gone since. Immutable: a regenerated reply
 * starts again from the fold before it, never from one that holds the reply it replaces.
 */
export interface SceneFold {
  readonly pack: WorldPack;
  readonly opening: readonly string[];
  readonly openingScene: string | undefined;
  /** How many messages are folded, from the story's first. */
  readonly count: number;
  /** The last folded message, to check that the story it is given to is the one it read. */
  readonly last: StoryMessage | undefined;
  /** Where the scene began: the latest player's move among them, or the opening (0). */
  readonly begin: number;
  /** Who was there when it began. */
  readonly base: readonly string[];
  /** Who has gone since it began, by position (two per message, see sceneOf). */
  readonly lastOut: ReadonlyMap<string, number>;
  /** Everyone sent away or gone anywhere in the folded messages: not back at the opening's place with the rest. */
  readonly wentOff: ReadonlySet<string>;
  /** The fold this one went on from. */
  readonly prev: SceneFold | undefined;
}

/** The ids of the people in the scene this turn. */
export function scenePeople(input: SceneInput): Set<string> {
  return sceneOf(input).present;
}

/**
 * Each turn's fold, kept with the turn's plan: the session keeps the plan with its turn, so the
 * next turn on that branch, a regenerate of it or the offline narrator's candidates find the
 * fold of the story they are on. Held by the plan's list of actors, which a candidate's variant
 * of the plan shares (planForVariant copies the plan, not its lists). A resumed session's plans
 * come from the log without one: its first turn reads the story once.
 */
const keptFolds = new WeakMap<readonly string[], SceneFold>();

export function keepFold(plan: Plan, fold: SceneFold): void {
  keptFolds.set(plan.actors, fold);
}

export function keptFold(plan: Plan | undefined): SceneFold | undefined {
  return plan ? keptFolds.get(plan.actors) : undefined;
}

/** Messages read for the scene, counted for the tests that keep a turn's work from growing with the story. */
export const sceneWork = { messagesRead: 0 };

/** What an older message says of comings and goings: all that is read of it once it no longer holds anyone by name. */
interface MessageReading {
  move: boolean;
  sentAway: string[];
  exits: SceneEvent[];
  /** Whether it moves back to the place of `backScene` (the opening's scene line it was last read against). */
  back?: boolean;
  backScene?: string | undefined;
}

/**
 * Per pack and role, by the message's text: a long story's messages are read once, not every turn for every candidate.
 * Keyed by the text itself (the same string from turn to turn, its hash kept by the engine), not a key built from it;
 * and large enough for a 10,000-turn story, whose 20,000 messages thrashed a 4,096-entry cache (every message read
 * again on every turn: ~70 ms a turn at 10,000 turns).
 */
const readings = new WeakMap<WorldPack, { player: Map<string, MessageReading>; narrator: Map<string, MessageReading> }>();
const READINGS_KEPT = 1 << 16;

function readingOf(pack: WorldPack, m: StoryMessage): MessageReading {
  let kept = readings.get(pack);
  if (!kept) readings.set(pack, (kept = { player: new Map(), narrator: new Map() }));
  const player = m.role === 'player';
  const byText = player ? kept.player : kept.narrator;
  let reading = byText.get(m.text);
  if (!reading) {
    reading = {
      move: player && isPlayerMove(m.text),
      sentAway: player ? sentAwayIn(pack.characters, m.text) : [],
      exits: player ? [] : narrationEvents(pack, m.text, false),
    };
    if (byText.size >= READINGS_KEPT) byText.clear();
    byText.set(m.text, reading);
  }
  return reading;
}

/** `backToOpening`, remembered with the message's reading. */
function backAt(pack: WorldPack, m: StoryMessage, scene: string | undefined): boolean {
  const reading = readingOf(pack, m);
  if (reading.back === undefined || reading.backScene !== scene) {
    reading.back = backToOpening(m.text, scene);
    reading.backScene = scene;
  }
  return reading.back;
}

interface Working {
  begin: number;
  base: string[];
  lastOut: Map<string, number>;
  wentOff: Set<string>;
}

function fits(fold: SceneFold, input: SceneInput, upTo: number): boolean {
  if (fold.pack !== input.pack || fold.openingScene !== input.openingScene || fold.count > upTo) return false;
  if (fold.opening.length !== input.opening.length || fold.opening.some((id, k) => input.opening[k] !== id)) return false;
  const last = fold.count > 0 ? input.history[fold.count - 1] : undefined;
  return fold.count === 0 || (last !== undefined && last.role === fold.last?.role && last.text === fold.last.text);
}

/**
 * The scene begins again at a player's move somewhere else: back where the story opened, its
 * people are there but not one who went off on their own; with whoever the player took along.
 * Who was here lately (the opening's people, anyone met or named in the messages before) is
 * left behind, and like anyone who left is back only when shown acting.
 */
function moveAt(input: SceneInput, at: (i: number) => StoryMessage, i: number, state: Working): void {
  const { pack } = input;
  const m = at(i);
  const back = backAt(pack, m, input.openingScene);
  state.begin = i;
  state.base = back ? input.opening.filter((id) => !state.wentOff.has(id)) : [];
  state.base.push(...companionsIn(pack.characters, m.text));
  state.lastOut = new Map();
  const behind = new Set<string>(input.opening);
  for (let k = Math.max(0, i - SCENE_MEMORY); k < i; k++) {
    const before = at(k);
    for (const id of before.role === 'player' ? approachedIn(pack, before.text) : mentionedIn(pack, before.text.replace(QUOTED, ' ')))
      behind.add(id);
  }
  for (const id of behind) if (!state.base.includes(id)) state.lastOut.set(id, 2 * i);
}

function isMove(input: SceneInput, m: StoryMessage): boolean {
  return m.role === 'player' && (readingOf(input.pack, m).move || backAt(input.pack, m, input.openingScene));
}

/** Who went off in message `m`, for a later move back to the opening's place. */
function noteGone(input: SceneInput, m: StoryMessage, wentOff: Set<string>): void {
  const reading = readingOf(input.pack, m);
  for (const id of reading.sentAway) wentOff.add(id);
  for (const e of reading.exits) wentOff.add(e.id);
}

/** Folds messages from `from`'s end up to `upTo` (exclusive): only moves and who went. */
function foldTo(input: SceneInput, from: SceneFold | undefined, upTo: number): SceneFold {
  const { history } = input;
  const state: Working = from
    ? { begin: from.begin, base: [...from.base], lastOut: new Map(from.lastOut), wentOff: new Set(from.wentOff) }
    : { begin: 0, base: [...input.opening], lastOut: new Map(), wentOff: new Set() };
  const start = from?.count ?? 0;
  if (from && start === upTo) return from;
  for (let i = start; i < upTo; i++) {
    const m = history[i];
    sceneWork.messagesRead++;
    if (isMove(input, m)) moveAt(input, (k) => history[k], i, state);
    const reading = readingOf(input.pack, m);
    // Sent away: gone once the reply to this message is told.
    if (m.role === 'player') for (const id of reading.sentAway) state.lastOut.set(id, 2 * i + 3);
    else for (const e of reading.exits) if (e.exit) state.lastOut.set(e.id, 2 * i + e.at);
    noteGone(input, m, state.wentOff);
  }
  return {
    pack: input.pack,
    opening: [...input.opening],
    openingScene: input.openingScene,
    count: upTo,
    last: upTo > 0 ? history[upTo - 1] : undefined,
    begin: state.begin,
    base: state.base,
    lastOut: state.lastOut,
    wentOff: state.wentOff,
    prev: from,
  };
}

/**
 * Who is here and who has gone. The opening's people stay until they leave or the player goes
 * elsewhere; anyone else is here while the last SCENE_MEMORY messages bring them in (a call or a
 * move towards them, the narration naming them) and none since takes them out. The player's own
 * command to go ("Go home, Tomas") takes effect after the reply, which may still be theirs.
 * Older messages only say where the scene began and who went: they are folded once (`fold`),
 * so a turn reads the few messages since the last turn's fold, not the whole story.
 */
export function sceneOf(input: SceneInput): Scene {
  const { pack } = input;
  const messages: StoryMessage[] = input.history.slice(Math.max(0, input.history.length - 2 * SCENE_MEMORY));
  const offset = input.history.length - messages.length;
  const latest = messages[messages.length - 1];
  const input_ = input.playerInput.trim();
  if (input_ && !(latest?.role === 'player' && latest.text.trim() === input_)) messages.push({ role: 'player', text: input_, turn: -1 });
  const now = offset + messages.length - 1;
  const at = (i: number): StoryMessage => messages[i - offset];
  const recentFrom = Math.max(0, input.history.length - SCENE_MEMORY);

  let start = input.fold;
  while (start && !fits(start, input, recentFrom)) start = start.prev;
  const fold = foldTo(input, start, recentFrom);

  const state: Working = { begin: fold.begin, base: [...fold.base], lastOut: new Map(fold.lastOut), wentOff: new Set(fold.wentOff) };
  // The scene begins at the player's latest move somewhere else, or where the fold left it.
  let latestMove = -1;
  for (let i = now; i >= recentFrom && latestMove < 0; i--) if (isMove(input, at(i))) latestMove = i;
  if (latestMove >= 0) {
    for (let i = recentFrom; i < latestMove; i++) noteGone(input, at(i), state.wentOff);
    moveAt(input, at, latestMove, state);
  }
  const lastIn = new Map<string, number>();
  const lastOut = state.lastOut;
  // Someone who left is back only when the story shows them doing something, not when it names them.
  const enter = (id: string, pos: number, acting = true): void => {
    if (acting || !lastOut.has(id)) lastIn.set(id, pos);
  };
  for (let i = Math.max(recentFrom, latestMove); i <= now; i++) {
    const m = at(i);
    sceneWork.messagesRead++;
    // Positions: two per message, so an exit told after a name in the same reply comes later.
    if (m.role === 'player') {
      for (const id of approachedIn(pack, m.text)) enter(id, 2 * i);
      // Sent away: gone once the reply to this message is told.
      if (i < now) for (const id of readingOf(pack, m).sentAway) lastOut.set(id, 2 * i + 3);
    } else {
      for (const e of narrationEvents(pack, m.text, true)) {
        if (e.exit) lastOut.set(e.id, 2 * i + e.at);
        else enter(e.id, 2 * i + e.at, e.acting);
      }
    }
  }
  const base = state.base;
  const ids = new Set<string>();
  const left = new Set<string>();
  const everyone = new Set<string>([...base, ...lastIn.keys(), ...lastOut.keys()]);
  for (const id of everyone) {
    const came = lastIn.get(id);
    const went = lastOut.get(id);
    if (went !== undefined && (came === undefined || came < went)) {
      left.add(id);
      continue;
    }
    // Someone who left and came back is held by the messages that brought them in, like anyone else.
    if ((base.includes(id) && went === undefined) || came !== undefined) {
      ids.add(id);
      left.delete(id);
    }
  }
  if (input.threadText) for (const id of mentionedIn(pack, input.threadText)) ids.add(id);
  // Left behind at the move (moveAt), and gone no other way since: every later leaving comes after it.
  const behind = new Set([...left].filter((id) => lastOut.get(id) === 2 * state.begin));
  return { present: ids, left, behind, fold };
}
