import { describe, expect, it } from 'vitest';
import { settle } from '../../../src/engine/critics/index.js';
import { stagnation } from '../../../src/engine/critics/stagnation.js';
import { contextFor } from './contexts.js';

describe('stagnation', () => {
  const recent = [
    'When the harvest failed, the miller weighed his duty to the village against the debt he owed the widow.',
    'Duty and debt pulled at the miller all winter, and the village watched the widow count her coins.',
  ];

  it('reads a reply after a single earlier one only when it says a stretch of it again (critics-tenth ik-r3g-1)', () => {
    const opening = ['Welcome to the mill, Tamsin! The wheel is still and the river runs black under the bridge tonight.'];
    const again = settle(stagnation('Welcome to the mill, Tamsin! The wheel is still.', contextFor('en', { recent: opening })));
    expect(again.flagged, JSON.stringify(again)).toBe(true);
    // An answer that keeps the opening's words and adds one of its own is not measured against a single reply.
    expect(
      settle(stagnation('The wheel is still because the miller owes the widow.', contextFor('en', { recent: opening }))).evidence,
    ).toEqual([]);
    // The same words put another way may answer the opening: not read against a single reply.
    expect(
      settle(stagnation('The river runs black and the wheel is still, Tamsin.', contextFor('en', { recent: opening }))).evidence,
    ).toEqual([]);
    // Too few words to stand for anything.
    expect(settle(stagnation('Welcome, Tamsin.', contextFor('en', { recent: opening }))).evidence).toEqual([]);
  });

  it('keeps a short reply with a word or two of its own a hint: one word moves its share of new words past the line', () => {
    const short = settle(stagnation('Yes, the miller weighed his duty and the debt, as always.', contextFor('en', { recent })));
    expect(short.flagged, JSON.stringify(short.evidence)).toBe(false);
    expect(short.hint).toBe(true);
    // Nothing new at all, however short, is the story standing still.
    expect(settle(stagnation('The miller, the widow, the debt and the village.', contextFor('en', { recent }))).flagged).toBe(true);
    // A longer reply made of the same words still stands still.
    const long =
      'The miller weighed his duty to the village, the debt he owed the widow, the winter, the harvest that failed, and ' +
      'the coins the widow counted; the village watched the miller, and the widow watched the village, always.';
    expect(settle(stagnation(long, contextFor('en', { recent }))).flagged).toBe(true);
  });
});
