/**
 * critics-ninth fg-pa-16: a game master's turn ends "Rest well, Bob, and prepare for a new day in this unforgiving
 * world." A good-night wish is a farewell, as "good night" and "sweet dreams" are: a closing, whatever imperative it
 * is phrased in, and no hook.
 */
import { describe, expect, it } from 'vitest';
import { settle } from '../../../src/engine/critics/index.js';
import { noHook } from '../../../src/engine/critics/no-hook.js';
import { contextFor } from './contexts.js';

const run = (text: string) => settle(noHook(text, contextFor('en')));

describe('no-hook: a good-night wish', () => {
  it('closes the turn, imperative or not, over what came before it', () => {
    for (const t of [
      'Wren banks the fire. I will keep watch and wake you if the wheel turns. Rest well, and prepare for a new day at the mill.',
      'Wren banks the fire. "I will wake you if the wheel turns. Sleep well."',
      'Wren banks the fire and keeps watch until the wheel turns. Sleep tight.',
      'Wren promises to wake you if the wheel turns. Rest easy tonight.',
    ])
      expect(run(t).flagged, t).toBe(true);
  });

  it('leaves a question after it open', () => {
    expect(run('Wren banks the fire. Sleep well, Tamsin. Will you walk to the market with me at dawn?').flagged).toBe(false);
  });
});
