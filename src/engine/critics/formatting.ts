import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { ROLE_LINE, LEFTOVER_TAG, SENTENCE_END, SINGLE_STAR } from './markup.js';
import { evidenceAt, resultFrom } from './text.js';

function unbalanced(text: string, evidence: CriticEvidence[]): void {
  const stars = [...text.matchAll(SINGLE_STAR)];
  if (stars.length % 2 === 1) {
    const last = stars[stars.length - 1]!.index ?? 0;
    evidence.push(evidenceAt(text, last, Math.min(text.length, last + 40), 'unbalanced * (an action is never closed)'));
  }
  const straight = [...text.matchAll(/"/g)];
  if (straight.length % 2 === 1) {
    const last = straight[straight.length - 1]!.index ?? 0;
    evidence.push(evidenceAt(text, last, Math.min(text.length, last + 40), 'unbalanced " (a quotation is never closed)'));
  }
  for (const [open, close] of [['“', '”'], ['「', '」'], ['『', '』']] as const) {
    let depth = 0;
    let at = -1;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === open) {
        if (depth === 0) at = i;
        depth++;
      } else if (ch === close) depth = Math.max(0, depth - 1);
    }
    if (depth > 0) evidence.push(evidenceAt(text, at, Math.min(text.length, at + 30), `unbalanced ${open}${close} (a quotation is never closed)`));
  }
}

/** Markup glitches: unbalanced `*`/quotes, chat-template debris, transcript role prefixes, a reply cut mid-sentence. */
export function formatting(text: string, _ctx: CriticContext): CriticResult {
  const evidence: CriticEvidence[] = [];
  unbalanced(text, evidence);
  for (const m of text.matchAll(LEFTOVER_TAG)) {
    const start = m.index ?? 0;
    evidence.push(evidenceAt(text, start, start + m[0].length, 'leftover chat-template tag'));
  }
  for (const m of text.matchAll(ROLE_LINE)) {
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    evidence.push(evidenceAt(text, start, (m.index ?? 0) + m[0].length, 'role prefix from a transcript'));
  }
  const body = text.trimEnd();
  if (body.length > 0 && !SENTENCE_END.test(body)) {
    const tail = Math.max(0, body.length - 30);
    evidence.push(evidenceAt(text, tail, body.length, 'the reply stops mid-sentence'));
  }
  return resultFrom('formatting', evidence, 0.3);
}
