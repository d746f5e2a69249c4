/**
 * Extractive fact finding in the player's own words: names, relations, promises, possessions,
 * places, likes and dislikes, and trades, in English and Chinese (facts-en.ts, facts-zh.ts). This
 * is the offline path, and the fallback when a model's facts do not arrive. Deliberately
 * conservative: a missed fact can be pinned with `/remember`, a wrong one pollutes every prompt.
 */
import { hashSeed } from '../random.js';
import type { Fact, FactKind } from '../types.js';
import { ENGLISH } from './facts-en.js';
import { CHINESE } from './facts-zh.js';

/** A stable id for a fact, so the same words give the same id across runs. */
export function factId(kind: FactKind, text: string): string {
  return `f-${kind.slice(0, 3)}-${hashSeed(kind, normaliseFact(text)).toString(36)}`;
}

/** The form facts are compared in when deduplicating. */
export function normaliseFact(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s"“”'’.。!！?？,，]+/g, ' ')
    .trim();
}

/**
 * Facts the player established in `text` at `turn`, deduplicated. `language` picks which
 * language's patterns are tried first; both are always tried, since players mix them.
 */
export function extractFacts(text: string, turn: number, playerName: string, language: string): Fact[] {
  const facts: Fact[] = [];
  const seen = new Set<string>();
  // Two patterns reading one stretch of text as the same kind of fact ("我发誓，无论如何，我都会…") give one fact.
  const spans: Array<{ kind: FactKind; from: number; to: number }> = [];
  const zh = language.toLowerCase().startsWith('zh');
  for (const pattern of zh ? [...CHINESE, ...ENGLISH] : [...ENGLISH, ...CHINESE]) {
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m; m = pattern.regex.exec(text)) {
      const found = pattern.render(m, playerName);
      if (!found) continue;
      const from = m.index;
      const to = m.index + m[0].length;
      if (spans.some((s) => s.kind === pattern.kind && s.from < to && from < s.to)) continue;
      // Two patterns can say one thing ("I'm a smith by trade"): the first wording stays.
      const keys = [normaliseFact(found.text), `${pattern.kind}|${normaliseFact(found.subject)}|${normaliseFact(found.value)}`];
      if (keys.some((k) => seen.has(k))) continue;
      keys.forEach((k) => seen.add(k));
      spans.push({ kind: pattern.kind, from, to });
      facts.push({
        id: factId(pattern.kind, found.text),
        text: found.text,
        kind: pattern.kind,
        turn,
        source: 'player',
        subject: found.subject,
        value: found.value,
      });
    }
  }
  return facts;
}
