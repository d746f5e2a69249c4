import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { compilePack } from './pack-cache.js';
import { evidenceAt, resultFrom } from './text.js';

/** A word from a law's `forbid` list, case-insensitive on word boundaries; names the law broken. */
export function lawViolation(text: string, ctx: CriticContext): CriticResult {
  const evidence: CriticEvidence[] = [];
  for (const law of compilePack(ctx.pack).laws) {
    law.regex.lastIndex = 0;
    for (const m of text.matchAll(law.regex)) {
      const start = m.index ?? 0;
      evidence.push(evidenceAt(text, start, start + m[0].length, `breaks law "${law.id}": ${law.text}`));
    }
  }
  return resultFrom('law-violation', evidence, 0.5);
}
