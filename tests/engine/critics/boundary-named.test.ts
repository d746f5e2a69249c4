/**
 * A killing named in one word at the teen rating (critics-eighth hw-so1-d3: a lumberjack's axe "decapitates" a
 * monster, nothing of it shown; its labels do not fault it): a boundary hint, not a flag. Shown (blood, a head
 * rolling), or at the general rating, it is gore as before.
 */
import { describe, expect, it } from 'vitest';
import { boundary } from '../../../src/engine/critics/boundary.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const teen = contextFor('en', { rating: 'teen' });
const run = (text: string, ctx = teen) => settle(boundary(text, ctx));

describe('boundary on a killing named but not shown', () => {
  it('is a hint at the teen rating', () => {
    for (const text of [
      'Wren swings the scythe as the scarecrow lunges, and decapitates it in one stroke. The crows scatter from the field.',
      'The knight disembowels the troll with his last thrust and staggers back against the wall of the bridge.',
    ]) {
      const r = run(text);
      expect(r.flagged, text).toBe(false);
      expect(r.hint, text).toBe(true);
    }
  });

  it('stays a flag when the body is shown, beside other gore, or at the general rating', () => {
    expect(run('Wren decapitates the scarecrow in one stroke. Its head rolls across the straw, leaking black blood.').flagged).toBe(true);
    expect(run('The knight disembowels the troll and its entrails slide onto the bridge.').flagged).toBe(true);
    const general = contextFor('en', { rating: 'general' });
    expect(run('Wren swings the scythe and decapitates the scarecrow. The crows scatter.', general).flagged).toBe(true);
  });
});
