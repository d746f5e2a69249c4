// The join measured on replies real models wrote (../shared/corpora/critics-real): each reply is
// cut at seeded points, and the ways models go on when asked to continue are played against the
// join. The join must give back the reply as it was written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinContinuation } from '../../../src/engine/revise/overlap.js';
import { seededRandom } from '../../../src/engine/random.js';
import { CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../../support/corpus.js';

warnIfCorpusAbsent('the continuation join on real replies');

/** Every model-written message of the corpus, long enough to cut. */
function replies(): string[] {
  const out: string[] = [];
  for (const line of readFileSync(CORPUS_FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as { response: string; history: Array<{ role: string; content: string }> };
    for (const text of [c.response, ...c.history.filter((m) => m.role === 'assistant').map((m) => m.content)]) {
      if (text.trim().length >= 40 && !out.includes(text)) out.push(text.trim());
    }
  }
  return out;
}

type Behaviour = 'exact' | 'whole-word' | 'repeat-words' | 'repeat-all';

/** One cut: the reply so far, and what a model sent when asked to continue it. */
function cut(text: string, at: number, behaviour: Behaviour, words: number): { partial: string; continuation: string } | undefined {
  const partial = text.slice(0, at);
  const midWord = /[\p{L}\p{N}]$/u.test(partial) && /^[\p{L}\p{N}]/u.test(text.slice(at));
  // The start of the word the cut is in (or after), and of the `words` words before it.
  const wordStart = (from: number, back: number): number => {
    let i = from;
    for (let k = 0; k < back; k++) {
      while (i > 0 && /\s/u.test(text[i - 1])) i--;
      while (i > 0 && !/\s/u.test(text[i - 1])) i--;
    }
    return i;
  };
  switch (behaviour) {
    case 'exact':
      return midWord ? undefined : { partial, continuation: text.slice(at).replace(/^\s+/u, '') };
    case 'whole-word':
      return midWord ? { partial, continuation: text.slice(wordStart(at, 1)) } : undefined;
    case 'repeat-words': {
      const from = wordStart(at, words + (midWord ? 0 : 0));
      return from < at ? { partial, continuation: text.slice(from) } : undefined;
    }
    case 'repeat-all':
      return { partial, continuation: text };
  }
}

/** The reply as written, whitespace runs compared as one (the join may keep the other side's). */
const same = (a: string, b: string) => a.replace(/\s+/gu, ' ').trim() === b.replace(/\s+/gu, ' ').trim();

describe.skipIf(!corpusPresent)('the continuation join on real replies', () => {
  it('gives back the reply as written for each way a model goes on', () => {
    const texts = replies();
    const random = seededRandom(13);
    const figures: Record<string, { cases: number; right: number; wrong: string[] }> = {};
    for (const text of texts) {
      for (let n = 0; n < 6; n++) {
        let at = 10 + Math.floor(random() * (text.length - 20));
        // A stream's pieces are whole code points: never cut between the halves of one.
        if (/[\udc00-\udfff]/u.test(text[at])) at += 1;
        for (const behaviour of ['exact', 'whole-word', 'repeat-words', 'repeat-all'] as const) {
          const c = cut(text, at, behaviour, 1 + Math.floor(random() * 6));
          if (!c || !c.partial.trim() || !c.continuation.trim()) continue;
          const f = (figures[behaviour] ??= { cases: 0, right: 0, wrong: [] });
          f.cases += 1;
          const joined = joinContinuation(c.partial, c.continuation);
          if (same(joined, text)) f.right += 1;
          else
            f.wrong.push(
              `${JSON.stringify(c.partial.slice(-30))} + ${JSON.stringify(c.continuation.slice(0, 30))} -> ${JSON.stringify(joined.slice(Math.max(0, c.partial.trimEnd().length - 30), c.partial.trimEnd().length + 30))}`,
            );
        }
      }
    }
    const table = Object.entries(figures).map(([b, f]) => `${b}: ${f.right}/${f.cases} (${((f.right / f.cases) * 100).toFixed(1)}%)`);
    console.log(`continuation join on ${texts.length} real replies: ${table.join(', ')}`);
    for (const [b, f] of Object.entries(figures)) if (f.wrong.length) console.log(`${b} wrong:\n  ${f.wrong.slice(0, 12).join('\n  ')}`);
    for (const f of Object.values(figures)) expect(f.cases).toBeGreaterThan(50);
    for (const f of Object.values(figures)) expect(f.right / f.cases).toBeGreaterThan(0.95);
  });
});
