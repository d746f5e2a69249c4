import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { ROLE_LINE, LEFTOVER_TAG, SINGLE_STAR } from './markup.js';
import { cutOff } from './endings.js';
import { compilePack } from './pack-cache.js';
import { slotChoices } from './slot-choices.js';
import { evidenceAt, resultFrom } from './text.js';
import { trailingJson } from './trailing-data.js';
import { execAll } from '../../text/regexp.js';

// Placeholders a template left unfilled: "[Insert song title here]", "[Your Name]", "<insert link>".
const PLACEHOLDER =
  /\[(?:insert|add|enter|describe|placeholder|your\s+[a-z]+|name\s+of|link\s+to)\b[^\]\n]{0,80}\]|<(?:insert|add|enter|placeholder)\b[^>\n]{0,80}>/gi;
// The prompt's own name for a part of the reply, left in it as a label: "(Your action: nods)", "[Your thought: ...]",
// "（你的动作：点头）". A template says "use (your action) for actions"; a story never heads its own text that way.
export const FORMAT_LABEL =
  /[([（]\s*(?:your\s+(?:inner\s+)?(?:actions?|thoughts?|speech|dialogue|words|lines?|response|reply|narration|feelings?|emotions?|expression|move)|你的(?:动作|行动|想法|内心想法|心理活动|台词|对白|回复|表情))\s*[:：]/giu;
// A script line with a stage direction: "Man (speaking):", "Hermione (thinking)" at a line's end, "林风（低声）：".
const TRANSCRIPT_LINE =
  /^[ \t]*(?:(\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2})[ \t]*[(（]\p{Ll}[\p{Ll} ]{0,20}[)）][ \t]*(?:[:：]|$)|(\p{Script=Han}{1,4})[(（]\p{Script=Han}{1,6}[)）][:：])/gmu;

// A speaker's name in square brackets heading a line, bold or not ("[Dungeon Master]: ...", "**[Hessa]:**"): a chat
// transcript's tag, whoever the speaker, since prose never opens a line that way.
const BRACKET_TAG = /^[ \t]*(?:\*\*)?\[\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2}\](?:\*\*)?[ \t]*[:：](?:\*\*)?/gmu;

// A frontend macro with a brace missing ("{{user}'s", "{char}}"): no frontend can fill it, so it reaches the reader.
const BROKEN_MACRO = /(?<!\{)\{\{[A-Za-z_]{1,20}\}(?!\})|(?<!\{)\{[A-Za-z_]{1,20}\}\}/g;

/** Transcript lines whose speaker is not one of the pack's characters: the reply writes someone else's turn. */
const ownNames = new WeakMap<object, Set<string>>();
const ownTags = new WeakMap<object, RegExp | null>();

/**
 * A line that opens on one of the pack's characters' names, as written or in capitals, and a bare colon
 * ("春日:「……」", "Wren: Hello", "WREN: Hello"):
 * the reply is laid out as a chat transcript, speaker tag and all. A stage direction in brackets
 * ("Wren (quietly):") is left to the transcript-line rule, which reads it as a script line.
 */
function ownTagRegex(ctx: CriticContext): RegExp | null {
  const compiled = compilePack(ctx.pack);
  let re = ownTags.get(compiled);
  if (re === undefined) {
    const named = [...compiled.characterNames.values()].flat().filter((f) => f.trim().length > 0);
    // A script sets its speakers in capitals ("VITTI:"): the same tag, whatever the case.
    const forms = [...new Set([...named, ...named.map((f) => f.toUpperCase())])];
    const escaped = forms.sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = escaped.length > 0 ? new RegExp(`^[ \\t]*(?:${escaped.join('|')})[ \\t]*[:：](?=[ \\t]*\\S)`, 'gmu') : null;
    ownTags.set(compiled, re);
  }
  return re;
}

function speakerTags(text: string, ctx: CriticContext, evidence: CriticEvidence[]): void {
  if (!text.includes(':') && !text.includes('：')) return;
  const re = ownTagRegex(ctx);
  if (!re) return;
  for (const m of execAll(re, text)) {
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    evidence.push(evidenceAt(text, start, (m.index ?? 0) + m[0].length, 'a speaker tag from a transcript'));
  }
}

/** The pack's character name forms, lower-cased, built once per compiled pack. */
function characterForms(ctx: CriticContext): Set<string> {
  const compiled = compilePack(ctx.pack);
  let own = ownNames.get(compiled);
  if (!own) {
    own = new Set<string>();
    for (const forms of compiled.characterNames.values()) for (const f of forms) own.add(f.toLowerCase());
    ownNames.set(compiled, own);
  }
  return own;
}

function transcriptLines(text: string, ctx: CriticContext, evidence: CriticEvidence[]): void {
  if (!text.includes('(') && !text.includes('（')) return;
  const own = characterForms(ctx);
  for (const m of execAll(TRANSCRIPT_LINE, text)) {
    if (own.has((m[1] ?? m[2] ?? '').toLowerCase())) continue;
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    evidence.push(evidenceAt(text, start, (m.index ?? 0) + m[0].length, 'a transcript line for another speaker'));
  }
}

function unbalanced(text: string, evidence: CriticEvidence[]): void {
  const stars = [...execAll(SINGLE_STAR, text)];
  if (stars.length % 2 === 1) {
    const last = stars[stars.length - 1].index ?? 0;
    evidence.push(evidenceAt(text, last, Math.min(text.length, last + 40), 'unbalanced * (an action is never closed)'));
  }
  const straight = [...text.matchAll(/"/g)];
  if (straight.length % 2 === 1) {
    const last = straight[straight.length - 1].index ?? 0;
    evidence.push(evidenceAt(text, last, Math.min(text.length, last + 40), 'unbalanced " (a quotation is never closed)'));
  }
  for (const [open, close] of [
    ['“', '”'],
    ['「', '」'],
    ['『', '』'],
  ] as const) {
    let depth = 0;
    let at = -1;
    let stray = -1;
    let opened = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === open) {
        if (depth === 0) at = i;
        depth++;
        opened = true;
      } else if (ch === close) {
        if (depth === 0 && opened && stray < 0) stray = i;
        depth = Math.max(0, depth - 1);
      }
    }
    // A closing mark with nothing open, after the reply has opened and closed a quotation with the pair (so the mark
    // is its closing one, not a language's only quote as ”…” in Swedish, nor the end of a speech the last reply began):
    // a quotation closed that never opened.
    if (stray >= 0)
      evidence.push(
        evidenceAt(text, Math.max(0, stray - 30), stray + 1, `unbalanced ${open}${close} (a quotation is closed that never opened)`),
      );
    if (depth > 0)
      evidence.push(evidenceAt(text, at, Math.min(text.length, at + 30), `unbalanced ${open}${close} (a quotation is never closed)`));
  }
}

// A pack that speaks of JSON may ask for it (a card's status block after every reply): its data is not debris.
const asksForJson = new WeakMap<object, boolean>();

function packAsksForJson(ctx: CriticContext): boolean {
  let asks = asksForJson.get(ctx.pack);
  if (asks === undefined) {
    asks = /\bjson\b/i.test(JSON.stringify(ctx.pack));
    asksForJson.set(ctx.pack, asks);
  }
  return asks;
}

/**
 * Markup glitches: unbalanced `*`/quotes, chat-template debris and unfilled placeholders, transcript
 * role prefixes and script lines for other speakers, a reply cut mid-sentence (an emoji or a
 * sign-off is an ending, not a cut).
 */
export function formatting(text: string, ctx: CriticContext): CriticResult {
  const evidence: CriticEvidence[] = [];
  unbalanced(text, evidence);
  for (const m of execAll(LEFTOVER_TAG, text)) {
    const start = m.index ?? 0;
    evidence.push(evidenceAt(text, start, start + m[0].length, 'leftover chat-template tag'));
  }
  for (const m of execAll(ROLE_LINE, text)) {
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    evidence.push(evidenceAt(text, start, (m.index ?? 0) + m[0].length, 'role prefix from a transcript'));
  }
  if (text.includes('[')) {
    for (const m of execAll(BRACKET_TAG, text)) {
      const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
      evidence.push(evidenceAt(text, start, (m.index ?? 0) + m[0].length, 'a bracketed speaker tag from a transcript'));
    }
  }
  if (/your|你的/iu.test(text)) {
    for (const m of execAll(FORMAT_LABEL, text)) {
      const start = m.index ?? 0;
      evidence.push(evidenceAt(text, start, start + m[0].length, "the prompt's label for a part of the reply, left in it"));
    }
  }
  for (const m of execAll(PLACEHOLDER, text)) {
    const start = m.index ?? 0;
    evidence.push(evidenceAt(text, start, start + m[0].length, 'a template placeholder left unfilled'));
  }
  for (const m of execAll(BROKEN_MACRO, text)) {
    const start = m.index ?? 0;
    evidence.push(evidenceAt(text, start, start + m[0].length, 'a template macro with a brace missing'));
  }
  if (text.includes('{')) {
    const data = trailingJson(text);
    if (data && !packAsksForJson(ctx))
      evidence.push(
        evidenceAt(text, data.start, Math.min(data.end, data.start + 60), 'a JSON object left after the prose (data, not story)'),
      );
  }
  transcriptLines(text, ctx, evidence);
  speakerTags(text, ctx, evidence);
  evidence.push(...slotChoices(text));
  const cut = cutOff(text);
  let sure = true;
  if (cut) {
    evidence.push(evidenceAt(text, Math.max(0, cut.end - 30), cut.end, 'the reply stops mid-sentence'));
    // A Chinese reply without a final stop is often complete; alone, that is only a hint.
    sure = cut.sure || evidence.length > 1;
  }
  return resultFrom('formatting', evidence, 0.3, sure ? 0.9 : 0.5);
}
