/**
 * A game master who starts playing the player's character: "*I halt mid-step, my axe raised ...*" from a pack whose
 * only voice is the narrator. A narrator has no body and no hands; when its narration says "I" and acts, the "I" is
 * the one character it does not voice, the player's. A card narrated in its own character's first person ("*I lean
 * back in my chair and sip the tea*") is that character speaking of itself, so the rule reads only packs whose every
 * character is a narrator or game master by name. speaks-for-user and reference-confusion report it; no-hook leaves
 * such a turn alone (its ending is the player's own move, for the story to answer).
 */
import type { WorldPack } from '../../world/types.js';
import type { CriticContext } from './context.js';
import type { Finding } from './findings.js';
import { ADVERB_EN, isAct } from './agency.js';
import { voicesOf } from './voices.js';
import { clauseStart } from './who.js';
import { execAll } from '../../text/regexp.js';

const SURE = 0.85;

// The titles of a voice that tells the story rather than lives in it.
const NARRATOR_NAME = /\b(?:narrator|game\s*master|dungeon\s*master|gm|dm)\b|旁白|叙述者|讲述者|游戏主持|主持人|地下城主/iu;

const narratorPacks = new WeakMap<WorldPack, boolean>();

/** Every character of the pack is a narrator or game master by name (and there is one at least). */
export function narratorOnly(pack: WorldPack): boolean {
  let known = narratorPacks.get(pack);
  if (known === undefined) {
    known = pack.characters.length > 0 && pack.characters.every((c) => NARRATOR_NAME.test(c.name));
    narratorPacks.set(pack, known);
  }
  return known;
}

// "I halt", "and then I step", "*I slowly lower": a clause opening on "I" and its verb.
const I_CLAUSE = new RegExp(`${clauseStart('I')}${ADVERB_EN}\\s+(\\p{L}+)`, 'gu');
// The player shown in the narration: the narrator saying "I" while it shows them is talking to them ("I'll let you
// decide"), not playing them.
const YOU = /\byou(?:r|rs|rself)?\b|[你您]/iu;
// A game master's own moves at the table ("*I roll for the goblin*", "I consult my notes"): the narrator's, not a body's.
const TABLE_ACT = /^(?:roll|rolls|rolled|rolling|consult|consults|narrate|narrates|describe|describes)$/iu;
// A text read out in the narration ("The last entry reads: I lock the door ..."): its "I" is the writer's.
const READ_OUT = /\b(?:reads|read|wrote|writes|written|says|said|scrawled|inscribed)\s*[:：]/iu;

let memo: { text: string; ctx: CriticContext; found: Finding[] } | undefined;

/**
 * The narration's "I" clauses when a narrator-only pack's reply tells someone's part as "I" and never shows the
 * player: two clauses at least, one of them a deliberate act (a lone "I" may be the narrator's slip). A pack told in
 * the first person and a plain reply, which cannot tell its narration from its speech, are left out.
 */
export function narratorAsPlayer(text: string, ctx: CriticContext): Finding[] {
  if (memo?.text === text && memo.ctx === ctx) return memo.found;
  const found = find(text, ctx);
  memo = { text, ctx, found };
  return found;
}

function find(text: string, ctx: CriticContext): Finding[] {
  if (ctx.pack.style.pov === 'first' || !narratorOnly(ctx.pack)) return [];
  const voices = voicesOf(text);
  if (voices.shape === 'plain') return [];
  if (voices.narration.some(([s, e]) => YOU.test(text.slice(s, e)) || READ_OUT.test(text.slice(s, e)))) return [];
  const clauses: { finding: Finding; act: boolean }[] = [];
  for (const [s, e] of voices.narration) {
    const segment = text.slice(s, e);
    for (const m of execAll(I_CLAUSE, segment)) {
      if (TABLE_ACT.test(m[1] ?? '')) continue;
      const end = (m.index ?? 0) + m[0].length;
      clauses.push({
        act: isAct(m[1] ?? '', segment.slice(end, end + 12)),
        finding: { start: s + (m.index ?? 0), end: s + end, why: 'the narrator tells the player\'s part as "I"', confidence: SURE },
      });
    }
  }
  return clauses.length >= 2 && clauses.some((c) => c.act) ? clauses.map((c) => c.finding) : [];
}
