/**
 * The other characters the player speaks for: a table's party, written in the player's own messages under speaker tags
 * ("Ronan: He grips his axe ...", "**[Hessa]:** She took the parchment ..."). A pack has one player, but a message
 * that heads its lines with several names plays them all, so a game master who narrates one of them acting ("Ronan
 * tries to disengage") decides a player's move, as narrating the pack's player by name would, and is as sure: the same
 * clause-start act, the same restatement excused (the member's own lines this turn). Only packs voiced by a narrator or
 * game master are read (a character may well tell of its friends), and names the pack knows are not party members.
 */
import type { CriticContext } from './context.js';
import type { Finding } from './findings.js';
import { ADVERB_EN, isAct } from './agency.js';
import { asideActs, clauseActs } from './aside-acts.js';
import { narratorOnly } from './narrator-as-player.js';
import { compilePack } from './pack-cache.js';
import { voicesOf, withStressRead, within } from './voices.js';
import { clauseStart } from './who.js';
import { escapeRegExp, execAll } from '../../text/regexp.js';

const SURE = 0.8;

// A speaker tag heading a line of the player's message: "Ronan:", "**Ronan:**", "[Ronan]:", "**[Ronan]:**".
const TAG = /^[ \t]*(?:\*\*)?\[?(\p{Lu}[\p{L}'’-]+(?:[ \t]\p{Lu}[\p{L}'’-]+){0,2})\]?(?:\*\*)?[ \t]*:/gmu;
const LINE_TAG = new RegExp(TAG.source, 'u');
// A bolded name opening a line of the player's message and its narration ("**Elara** carefully seals the sample"), as
// play-by-post tables head a character's turn.
const BOLD_HEAD = /^[ \t]*\*\*(\p{Lu}[\p{L}'’-]+(?:[ \t]\p{Lu}[\p{L}'’-]+){0,2})\*\*[ \t]+(?=\p{Ll})/gmu;
const LINE_BOLD = new RegExp(BOLD_HEAD.source, 'u');
// Tags that name no character: notes, the game's own labels, the table's roles.
const NOT_A_NAME =
  /^(?:note|ooc|action|actions|player|players|user|me|narrator|narration|dm|gm|game master|dungeon master|system|scene|round|turn|status|inventory|roll|result|lifeline)$/iu;

/** The names the player's recent messages tag lines with, and each one's own lines (what that member declared). */
function partyOf(ctx: CriticContext): Map<string, string> {
  const messages = [
    ...ctx.history
      .filter((m) => m.role === 'player')
      .slice(-3)
      .map((m) => m.text),
    ctx.playerInput,
  ];
  const known = compilePack(ctx.pack).names;
  const player = ctx.persona.name.toLowerCase();
  const party = new Map<string, string>();
  for (const message of messages)
    for (const m of [...execAll(TAG, message), ...execAll(BOLD_HEAD, message)]) {
      const name = m[1];
      const lower = name.toLowerCase();
      if (NOT_A_NAME.test(name) || known.has(lower) || player.split(/\s+/u).includes(lower)) continue;
      if (!party.has(name)) party.set(name, '');
    }
  // What each member declared this turn: the lines the player's last message tags with their name.
  for (const line of ctx.playerInput.split('\n')) {
    const m = LINE_TAG.exec(line) ?? LINE_BOLD.exec(line);
    if (m && party.has(m[1])) party.set(m[1], `${party.get(m[1])} ${line.slice(m[0].length)}`);
  }
  return party;
}

/**
 * The lines of the player's message that are the player's own: all of it, less the lines it heads with another
 * character's name ("Ronan: He charges"). Empty when the message only plays the rest of the party this turn.
 */
export function ownLines(ctx: CriticContext): string {
  const player = ctx.persona.name.toLowerCase().split(/\s+/u);
  return ctx.playerInput
    .split('\n')
    .filter((line) => {
      const m = LINE_TAG.exec(line) ?? LINE_BOLD.exec(line);
      return (
        !m ||
        NOT_A_NAME.test(m[1]) ||
        m[1]
          .toLowerCase()
          .split(/\s+/u)
          .some((part) => player.includes(part))
      );
    })
    .join('\n');
}

// A member who says what they mean to do ("Let me do this.", "I'll hold them off", "I'm going to try") has declared
// their move: the game master telling it out, in whatever verbs, carries it out rather than decides it.
const INTENT = /\b(?:let\s+me|I['’]ll|I\s+will|I['’]m\s+going\s+to|I\s+am\s+going\s+to)\b/iu;

/**
 * The stem of `verb` in the member's declared lines ("charges" after "he charges the creature" restates their move),
 * or lines that say in the first person what the member means to do.
 */
function declared(verb: string, lines: string): boolean {
  if (INTENT.test(lines)) return true;
  const stem = verb.toLowerCase().slice(0, 4);
  return (lines.toLowerCase().match(/\p{L}+/gu) ?? []).some((w) => w.startsWith(stem));
}

/** Clauses of a game master's narration in which a member of the player's party acts beyond what their lines declared. */
export function partyActs(text: string, ctx: CriticContext): Finding[] {
  if (!narratorOnly(ctx.pack)) return [];
  const party = partyOf(ctx);
  if (party.size === 0) return [];
  const narration = withStressRead(text, voicesOf(text)).narration;
  const names = [...party.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const acts = new RegExp(`${clauseStart(`(${names.join('|')})`)}${ADVERB_EN}\\s+(\\p{L}+)`, 'gu');
  const out: Finding[] = [];
  for (const m of execAll(acts, text)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const [name, verb] = [m[1], m[2]];
    if (!within(start, narration) || !isAct(verb, text.slice(end, end + 12))) continue;
    if (declared(verb, party.get(name) ?? '')) continue;
    out.push(decidedFor({ start, end, name }));
  }
  // The same move told after a clause that sets the moment, or through an aside.
  for (const a of asideActs(text, names)) {
    if (!within(a.start, narration) || declared(a.verb, party.get(a.name) ?? '')) continue;
    if (out.some((f) => f.start < a.end && f.end > a.start)) continue;
    out.push(decidedFor(a));
  }
  // A member's hand moving, or a clause "as" or "while" sets, which often carries on a member's move in other words:
  // read only when the member declared nothing this turn, so there is no move of theirs it could carry on.
  for (const a of clauseActs(text, names)) {
    const lines = party.get(a.name) ?? '';
    if (!within(a.start, narration) || declared(a.verb, lines)) continue;
    if (a.subordinate && (lines.trim() !== '' || ctx.playerInput.trim() === '')) continue;
    if (out.some((f) => f.start < a.end && f.end > a.start)) continue;
    out.push(decidedFor(a));
  }
  return out;
}

/** The finding for a party member's move told by the reply: `name` deciding what they do, at `start`-`end`. */
function decidedFor(act: { start: number; end: number; name: string }): Finding {
  return {
    start: act.start,
    end: act.end,
    why: `narrates ${act.name}, a character the player's message speaks for, deciding what they do`,
    confidence: SURE,
  };
}
