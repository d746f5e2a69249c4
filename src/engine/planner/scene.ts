/**
 * Who is in the scene: the opening's characters, anyone the player spoke to or went to in the
 * last few messages, anyone the narration (not a line of dialogue) named in them, and anyone the
 * thread being told names. The planner picks its actors among them and the offline narrator its
 * cast, so neither brings in someone who is not there.
 */
import type { Character, WorldPack } from '../../world/types.js';
import type { StoryMessage } from '../types.js';
import { escapeRegExp } from '../../text/regexp.js';
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
}

export interface Scene {
  /** Who is here this turn. */
  present: Set<string>;
  /** Who left, was sent away or was left behind since the scene began, and has not come back. */
  left: Set<string>;
}

/** The ids of the people in the scene this turn. */
export function scenePeople(input: SceneInput): Set<string> {
  return sceneOf(input).present;
}

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

/**
 * Who is here and who has gone. The opening's people stay until they leave or the player goes
 * elsewhere; anyone else is here while the last SCENE_MEMORY messages bring them in (a call or a
 * move towards them, the narration naming them) and none since takes them out. The player's own
 * command to go ("Go home, Tomas") takes effect after the reply, which may still be theirs.
 */
export function sceneOf(input: SceneInput): Scene {
  const { pack } = input;
  const messages = [...input.history];
  const latest = messages[messages.length - 1];
  const input_ = input.playerInput.trim();
  if (input_ && !(latest?.role === 'player' && latest.text.trim() === input_)) messages.push({ role: 'player', text: input_, turn: -1 });
  const now = messages.length - 1;

  // The scene begins at the player's latest move somewhere else, or at the opening.
  let begin = 0;
  let base: string[] = [...input.opening];
  // Who the player left behind by going: the opening's people and anyone named or met lately.
  const behind = new Set<string>();
  for (let i = now; i >= 0; i--) {
    const m = messages[i];
    if (m.role !== 'player' || !(readingOf(pack, m).move || backAt(pack, m, input.openingScene))) continue;
    begin = i;
    // Back where the story opened: its people are there, but not one who went off on their own.
    const wentOff = new Set<string>();
    const back = backAt(pack, m, input.openingScene);
    if (back)
      for (const before of messages.slice(0, i)) {
        const reading = readingOf(pack, before);
        for (const id of reading.sentAway) wentOff.add(id);
        for (const e of reading.exits) wentOff.add(e.id);
      }
    base = back ? input.opening.filter((id) => !wentOff.has(id)) : [];
    base.push(...companionsIn(pack.characters, m.text));
    for (const id of input.opening) behind.add(id);
    for (const before of messages.slice(Math.max(0, i - SCENE_MEMORY), i))
      for (const id of before.role === 'player' ? approachedIn(pack, before.text) : mentionedIn(pack, before.text.replace(QUOTED, ' ')))
        behind.add(id);
    break;
  }
  const recentFrom = input.history.length - SCENE_MEMORY;
  const lastIn = new Map<string, number>();
  const lastOut = new Map<string, number>();
  // Someone who left is back only when the story shows them doing something, not when it names them.
  const enter = (id: string, at: number, acting = true): void => {
    if (acting || !lastOut.has(id)) lastIn.set(id, at);
  };
  const leave = (id: string, at: number): void => void lastOut.set(id, at);
  // Left behind by the player's move: like anyone who left, back only when shown acting.
  for (const id of behind) if (!base.includes(id)) leave(id, 2 * begin);
  for (let i = begin; i <= now; i++) {
    const m = messages[i];
    // Positions: two per message, so an exit told after a name in the same reply comes later.
    if (m.role === 'player') {
      if (i >= recentFrom || i === now) for (const id of approachedIn(pack, m.text)) enter(id, 2 * i);
      // Sent away: gone once the reply to this message is told.
      if (i < now) for (const id of readingOf(pack, m).sentAway) leave(id, 2 * i + 3);
    } else {
      for (const e of i >= recentFrom ? narrationEvents(pack, m.text, true) : readingOf(pack, m).exits) {
        if (e.exit) leave(e.id, 2 * i + e.at);
        else enter(e.id, 2 * i + e.at, e.acting);
      }
    }
  }
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
  return { present: ids, left };
}
