/**
 * The boundary critic first tests one regex of a rating's bare words and scans the full lexicon
 * only when it matches. Every word of every category, at every rating, must still reach the
 * verdict the lexicon gives it: a word left out of a rating's hint would be a flag never raised.
 */
import { describe, expect, it } from 'vitest';
import { boundary } from '../../../src/engine/critics/boundary.js';
import { BOUNDARY_LEXICON, FORBIDDEN_AT, MINOR_WORDS, type BoundaryCategory } from '../../../src/engine/critics/boundary-lexicon.js';
import { contextFor } from './contexts.js';

/** A lexicon entry as a reply would write it: a `*` stem gets an ending. */
const written = (word: string): string => (word.endsWith('*') ? `${word.slice(0, -1)}s` : word);
const SEXUAL = new Set<BoundaryCategory>(['sexual-explicit', 'sexual-suggestive']);

describe("the boundary critic's hint per rating", () => {
  it('lets every lexicon word through where it can give evidence, and a minor word alone gives none', () => {
    for (const rating of ['general', 'teen', 'mature'] as const) {
      const ctx = contextFor('en', { rating });
      const forbidden = new Set(FORBIDDEN_AT[rating]);
      for (const [cat, words] of Object.entries(BOUNDARY_LEXICON) as Array<[BoundaryCategory, readonly string[]]>) {
        for (const word of words) {
          const alone = `Wren looks up from the ledger. Then ${written(word)}, she says.`;
          expect(boundary(alone, ctx).flagged, `${rating} ${cat} ${word}`).toBe(forbidden.has(cat));
          const nearMinor = `The child sits by the wheel. ${alone}`;
          expect(boundary(nearMinor, ctx).flagged, `${rating} ${cat} ${word} near a minor`).toBe(forbidden.has(cat) || SEXUAL.has(cat));
        }
      }
      for (const word of MINOR_WORDS) {
        const text = `Wren looks up from the ledger. Then ${written(word)}, she says.`;
        expect(boundary(text, ctx), `${rating} ${word}`).toMatchObject({ flagged: false, evidence: [] });
      }
    }
  });

  it('reads an organ named by a doctor as anatomy, and the same organ spilled as gore', () => {
    const teen = contextFor('en', { rating: 'teen' });
    // critics-third mtb-doctor-claude-t1.
    const doctor = 'Where is the discomfort? Upper or lower abdomen? It may be related to the stomach, intestines, liver or other organs.';
    expect(boundary(doctor, teen).flagged).toBe(false);
    expect(boundary('The blade opens him and his intestines spill onto the mill floor.', teen).flagged).toBe(true);
    expect(boundary('医生问你是哪里疼，胃、肠道还是别的内脏器官？', contextFor('zh', { rating: 'teen' })).flagged).toBe(false);
  });
});
