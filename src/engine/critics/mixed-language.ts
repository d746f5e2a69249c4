import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { compilePack } from './pack-cache.js';
import { evidenceAt, resultFrom } from './text.js';

// Runs of Latin words (with spaces/hyphens between them) and runs of CJK or other non-Latin scripts.
const LATIN_RUN = /[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*)*/g;
const FOREIGN_FOR_LATIN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Thai}\p{Script=Devanagari}]+/gu;

/**
 * A reply in the wrong script: Latin words in a Chinese reply beyond the pack's names and ids
 * (and one-letter marks such as "A" or roman numerals), CJK or other scripts in a Latin-script reply.
 */
export function mixedLanguage(text: string, ctx: CriticContext): CriticResult {
  const compiled = compilePack(ctx.pack);
  const evidence: CriticEvidence[] = [];
  if (compiled.cjk) {
    for (const m of text.matchAll(LATIN_RUN)) {
      const words = m[0].toLowerCase().split(/\s+/);
      const foreign = words.filter((w) => w.length > 1 && !compiled.names.has(w.replace(/['’]s$/, '')) && !/^[ivxlcdm]+$/.test(w));
      if (foreign.length === 0) continue;
      const start = m.index ?? 0;
      evidence.push(evidenceAt(text, start, start + m[0].length, `Latin text in a ${ctx.pack.language} reply`));
    }
  } else {
    for (const m of text.matchAll(FOREIGN_FOR_LATIN)) {
      if (compiled.names.has(m[0].toLowerCase())) continue;
      const start = m.index ?? 0;
      evidence.push(evidenceAt(text, start, start + m[0].length, `non-Latin script in a ${ctx.pack.language} reply`));
    }
  }
  return resultFrom('mixed-language', evidence, 0.4);
}
