/**
 * The session's warm-up runs the boundary lexicon's regexes ahead of the first reply; being run
 * must leave them as they were (they are global regexes: a moved lastIndex would make the next
 * scan start part-way into a reply and miss what sits before it).
 */
import { describe, expect, it } from 'vitest';
import { boundary, warmBoundary } from '../../../src/engine/critics/boundary.js';
import { contextFor } from './contexts.js';

describe('warming the boundary lexicon', () => {
  it('changes no verdict, for words at the very start of a reply as well', () => {
    const replies = [
      'Blood sprays across the millstone. Ilsa does not flinch.',
      // At a mature rating only the minor makes this a flag: the minor scan must start at 0.
      'A child. They have sex in the hayloft while the wheel groans below, and the night goes on.',
      'Wren laughs and pours the tea.',
    ];
    for (const rating of ['general', 'teen', 'mature'] as const) {
      const ctx = contextFor('en', { rating });
      const cold = replies.map((r) => boundary(r, ctx));
      warmBoundary();
      warmBoundary();
      expect(replies.map((r) => boundary(r, ctx))).toEqual(cold);
    }
    expect(
      boundary(replies[0], contextFor('en', { rating: 'general' }))
        .evidence.map((e) => e.text)
        .join(' '),
    ).toMatch(/Blood sprays/i);
    expect(boundary(replies[1], contextFor('en', { rating: 'mature' })).flagged).toBe(true);
  });
});
