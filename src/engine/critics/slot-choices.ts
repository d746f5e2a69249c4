/**
 * A slot the model left unfilled by listing every way to fill it: "I want to be a better son/brother/father/husband",
 * "她是我的女儿/妹妹/妻子/朋友". A template's alternatives reach the reader instead of the one the story needs, as a
 * "[Your Name]" placeholder does. Two or three ("and/or", "his/her", "rock/paper/scissors") are everyday writing; four
 * or more lower-case words, or Chinese words, slashed together in a noun's place are read.
 */
import type { CriticEvidence } from '../types.js';
import { blankFences, evidenceAt } from './text.js';
import { execAll } from '../../text/regexp.js';

const LATIN = String.raw`\p{Ll}{2,}`;
const HAN = String.raw`\p{Script=Han}{1,4}`;
// The alternatives fill a noun's slot: right after an article or a possessive and at most one word more ("a better
// son/brother/...", "我的女儿/妹妹/..."). A menu put to the player ("You can: fight/flee/talk/hide", "选项：战斗/逃跑/交谈/观察")
// offers the choices on purpose. Nothing word-like or path-like may follow the last one (a path, a link).
const CHOICES = new RegExp(
  String.raw`\b(?:[Aa]n?|[Tt]he|[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hat)\s+(?:\p{Ll}+\s+)?` +
    String.raw`(${LATIN}(?:/${LATIN}){3,})(?![\p{L}\p{N}/\\_-]|\.\p{L})` +
    String.raw`|的(${HAN}(?:[/／]${HAN}){3,})(?![\p{Script=Latin}\p{N}/\\_-])`,
  'gu',
);

/** Each run of four or more slashed alternatives in the reply's prose (fenced blocks are not read). */
export function slotChoices(raw: string): CriticEvidence[] {
  if (!raw.includes('/') && !raw.includes('／')) return [];
  const text = blankFences(raw);
  const out: CriticEvidence[] = [];
  for (const m of execAll(CHOICES, text)) {
    const list = m[1] ?? m[2] ?? '';
    const start = (m.index ?? 0) + m[0].length - list.length;
    out.push(evidenceAt(raw, start, start + list.length, 'alternatives left in place of a choice (an unfilled slot)'));
  }
  return out;
}
