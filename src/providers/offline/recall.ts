/**
 * What the player established (memory facts: a name, a promise, a relation, something carried,
 * where they come from), read back from the ledger's own wording into a shape a character can
 * acknowledge in the scene, and whether the story already has. A fact just stated is taken up
 * within a turn or two; an older one comes back now and then, never twice in quick succession.
 */
import type { Fact, NarrationContext, StoryMessage } from '../../engine/types.js';
import { hashSeed, seededRandom } from '../../engine/random.js';
import type { Recalled } from './templates/types.js';
import { escapeRegExp } from '../../text/regexp.js';

export interface Memory {
  fact: Fact;
  recalled: Recalled;
  /** Found in a reply that already acknowledged the fact. */
  mark: RegExp;
}

function phraseMark(phrase: string): RegExp {
  return new RegExp(escapeRegExp(phrase), 'i');
}

/** Reads the English ledger lines of engine/memory/facts.ts. */
function readEnglish(text: string, player: string): Omit<Memory, 'fact'> | undefined {
  const t = text.trim();
  let m = /^The player's character is named (.+)\.$/.exec(t);
  if (m) return { recalled: { kind: 'name', name: m[1] }, mark: new RegExp(`["“]${escapeRegExp(m[1])}\\b`) };
  m = /^(.+?) promised: "(.+)"\.$/.exec(t);
  if (m && m[1] === player) return { recalled: { kind: 'promise', words: m[2] }, mark: /\b(promise|your word|your words)\b/i };
  // "is from / lives in" is how sessions saved before the ledger told homes from origins say it.
  m = /^(.+?) (?:comes from|lives in|is from \/ lives in) (.+)\.$/.exec(t);
  if (m && m[1] === player) return { recalled: { kind: 'place', place: m[2] }, mark: phraseMark(m[2]) };
  m = /^(.+?) is (.+?)'s ([a-z][a-z ]*)\.$/.exec(t);
  if (m && m[2] === player) return { recalled: { kind: 'kin', person: m[1], rel: m[3], ofPlayer: true }, mark: phraseMark(`your ${m[3]}`) };
  if (m && m[1] === player)
    return { recalled: { kind: 'kin', person: m[2], rel: m[3], ofPlayer: false }, mark: phraseMark(`${m[2]}'s ${m[3]}`) };
  m = /^(.+?) has (.+)\.$/.exec(t);
  if (m && m[1] === player) {
    // "a silver key from my mother": the key is what a glance falls on; the rest is the player's to tell.
    const bare = m[2].replace(/\s+(?:from|of|for|that|which|who|in|on|at|with|to|under|inside|behind|and)\b.*$/i, '');
    const thing = bare.replace(/^(a|an|the|some|this|that|their)\s+/i, 'your ');
    const owned = /^your\s/.test(thing) ? thing : `your ${thing}`;
    return { recalled: { kind: 'thing', thing: owned }, mark: phraseMark(owned) };
  }
  return undefined;
}

/** Reads the Chinese ledger lines of engine/memory/facts.ts. */
function readChinese(text: string, player: string): Omit<Memory, 'fact'> | undefined {
  const t = text.trim();
  let m = /^玩家角色名叫(.+)。$/.exec(t);
  if (m) return { recalled: { kind: 'name', name: m[1] }, mark: new RegExp(`“${escapeRegExp(m[1])}`) };
  m = /^(.+?)承诺：“(.+)”。$/.exec(t);
  if (m && m[1] === player) return { recalled: { kind: 'promise', words: m[2] }, mark: /答应|那句话|承诺/ };
  m = /^(.+?)(?:来自\/住在|来自|住在)(.+)。$/.exec(t) ?? /^(.+?)在(.+)长大。$/.exec(t);
  if (m && m[1] === player) return { recalled: { kind: 'place', place: m[2] }, mark: phraseMark(m[2]) };
  m = /^(.+?)有(.+)。$/.exec(t);
  if (m && m[1] === player) {
    // "一把刀" is what they carry; "你那把刀" is how someone facing them says it.
    const thing = `你${m[2].replace(/^一/, '那').replace(/^(?!那)/, '那')}`;
    return { recalled: { kind: 'thing', thing }, mark: phraseMark(thing) };
  }
  m = /^(.+?)是(.+?)的(.+)。$/.exec(t);
  if (m && m[2] === player) return { recalled: { kind: 'kin', person: m[1], rel: m[3], ofPlayer: true }, mark: phraseMark(`你的${m[3]}`) };
  if (m && m[1] === player)
    return { recalled: { kind: 'kin', person: m[2], rel: m[3], ofPlayer: false }, mark: phraseMark(`${m[2]}的${m[3]}`) };
  return undefined;
}

/** The facts a reply in this pack's language can take up; a fact written in the other language is left alone. */
export function memoriesOf(context: NarrationContext, cjk: boolean): Memory[] {
  const player = context.persona.name.trim();
  const out: Memory[] = [];
  for (const fact of context.memory.facts) {
    const read = cjk ? readChinese(fact.text, player) : readEnglish(fact.text, player);
    if (read && !/[{}]/.test(fact.text)) out.push({ fact, ...read });
  }
  return out;
}

/** How many turns a fact just stated waits for an acknowledgement before it counts as old. */
const FRESH_TURNS = 4;
/** The chance a candidate brings back an old fact not mentioned lately. */
const OLD_CHANCE = 0.12;

function mentionedSince(memory: Memory, history: readonly StoryMessage[], turn: number): boolean {
  return history.some((m) => m.role === 'narrator' && m.turn >= turn && memory.mark.test(m.text));
}

/**
 * The fact candidate `index` should acknowledge, if any. Just stated, or stated lately and not yet
 * acknowledged: every candidate takes it up, so whichever the player keeps answers it. Already
 * acknowledged: one candidate in eight or so brings it back, when the last ten replies did not
 * mention it. The same inputs always give the same pick.
 */
export function recallFor(context: NarrationContext, memories: readonly Memory[], index: number, baseSeed: number): Memory | undefined {
  const random = seededRandom(hashSeed(baseSeed, context.seed, context.turn, index, 'recall'));
  const fresh = memories
    .filter((m) => context.turn - m.fact.turn <= FRESH_TURNS && !mentionedSince(m, context.history, m.fact.turn))
    .sort((a, b) => b.fact.turn - a.fact.turn);
  if (fresh[0]) return fresh[0];
  const lately = context.history.filter((m) => m.role === 'narrator').slice(-10);
  const old = memories.filter((m) => m.recalled.kind !== 'name' && !fresh.includes(m) && !lately.some((r) => m.mark.test(r.text)));
  if (old.length === 0 || random() >= OLD_CHANCE) return undefined;
  return old[Math.floor(random() * old.length) % old.length];
}
