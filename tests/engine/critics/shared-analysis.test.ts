/**
 * What the critics share to run cheaper must not change what they say: the look-around-free
 * hints tried before the full lexicon scans must match wherever the full regexes do (case folding
 * included), and the per-text memos (tokens, sentences, quoted spans, voices) are read by several
 * critics, none of which may change them.
 */
import { describe, expect, it } from 'vitest';
import { runCritics } from '../../../src/engine/critics/index.js';
import { FILLER_PHRASES } from '../../../src/engine/critics/filler-phrases.js';
import { ANACHRONISMS } from '../../../src/engine/critics/anachronism-lexicon.js';
import {
  phraseHint,
  phraseRegex,
  quoteRanges,
  quoteRangesOf,
  sentences,
  sentencesOf,
  tokens,
  tokensOf,
} from '../../../src/engine/critics/text.js';
import { replyVoices, voicesOf } from '../../../src/engine/critics/voices.js';
import { mentionedIn } from '../../../src/engine/planner/actors.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { contextFor } from './contexts.js';

/** A phrase written the ways a case-insensitive unicode regex still matches it. */
function variants(phrase: string): string[] {
  return [
    phrase,
    phrase.toUpperCase(),
    // Unicode case folding maps the long s to s and the Kelvin sign to k.
    phrase.replace(/s/g, 'ſ'),
    phrase.replace(/k/g, '\u212a'),
    phrase.replace(/ /g, ' \n  '),
  ];
}

describe('phrase hints', () => {
  it('match every text the full phrase regex matches, in every case folding', () => {
    const lists = [FILLER_PHRASES.map(([p]) => p), ANACHRONISMS.flatMap((e) => e.words)];
    let checked = 0;
    for (const list of lists) {
      const full = phraseRegex(list)!;
      const hint = phraseHint(list);
      for (const phrase of list) {
        for (const v of variants(phrase)) {
          const text = `Before it, ${v}, and after.`;
          full.lastIndex = 0;
          if (!full.test(text)) continue;
          checked++;
          expect(hint.test(text), `${JSON.stringify(v)} matches the phrases but not their hint`).toBe(true);
        }
      }
    }
    // The folded variants are checked too, not only the plain phrases.
    expect(checked).toBeGreaterThan(FILLER_PHRASES.length * 3);
  });

  it('let the critics still find a folded word: a long s in a boundary word is flagged as before', () => {
    const ctx = contextFor('en', { rating: 'general' });
    const plain = runCritics('Later they have sex by the mill wheel.', ctx).find((r) => r.id === 'boundary')!;
    const folded = runCritics('Later they have ſex by the mill wheel.', ctx).find((r) => r.id === 'boundary')!;
    expect(plain.flagged).toBe(true);
    expect(folded.flagged).toBe(true);
    expect(folded.evidence.map((e) => e.text)).toEqual(['have ſex']);
  });
});

describe('per-text analysis shared by the critics', () => {
  const replies = [
    '"You came back," Wren says, and sets the lamp down. "Ilsa, tell her."\n\n*Ilsa sighs.* Fine.\n\nThe wheel creaks once. Tamsin nods.',
    'Wren stands by the silent wheel. He says nothing for a long while, and the river runs cold below the mill.',
    '「你回来了。」林风放下灯。伊莎叹了口气。',
  ];

  it('stays what a fresh computation gives after every critic has read it', () => {
    const ctx = contextFor('en', { recent: replies.slice(0, 2) });
    for (const text of replies) runCritics(text, ctx);
    for (const text of replies) {
      expect(tokensOf(text)).toEqual(tokens(text));
      expect(sentencesOf(text)).toEqual(sentences(text));
      expect(quoteRangesOf(text)).toEqual(quoteRanges(text));
      expect(voicesOf(text)).toEqual(replyVoices(text));
    }
  });

  it('gives each reply the verdicts it gets alone, whatever was critiqued before it', () => {
    const ctx = contextFor('en', { recent: replies.slice(0, 2) });
    const alone = replies.map((text) => JSON.stringify(runCritics(text, ctx)));
    // Interleaved and repeated, past the memos' size, so entries are both hit and evicted.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 12; i++) runCritics(`${replies[i % 3]} (${round}-${i})`, ctx);
      replies.forEach((text, i) => expect(JSON.stringify(runCritics(text, ctx))).toBe(alone[i]));
    }
  });
});

describe('who a text mentions (planner)', () => {
  it('answers from its memo as a fresh scan would, and a caller cannot change the remembered answer', () => {
    const pack = miniPack();
    const text = 'Wren looks at the widow across the yard.';
    const first = mentionedIn(pack, text);
    expect(first).toEqual(['wren', 'ilsa']);
    first.push('tamsin');
    expect(mentionedIn(pack, text)).toEqual(['wren', 'ilsa']);
    // Past the memo's size the first answer is recomputed, and still the same.
    for (let i = 0; i < 40; i++) mentionedIn(pack, `Line ${i} names nobody.`);
    expect(mentionedIn(pack, text)).toEqual(['wren', 'ilsa']);
    expect(mentionedIn(pack, 'Nobody here.')).toEqual([]);
  });
});
