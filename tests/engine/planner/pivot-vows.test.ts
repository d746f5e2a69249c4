/**
 * Vows and formal pledges are pivots: they give oneself ("I am yours, now and forever"), pledge a
 * devotion ("I swear to cherish you") or a lifetime ("I shall honour you all my days"), or take the
 * other in marriage. Written after the sixth held-out set's wedding vows read no pivot; the
 * phrasings here are not from the labelled set. A flirt's or a servant's "I'm yours", a duty for a
 * while and a sentence of confinement are not vows.
 */
import { describe, expect, it } from 'vitest';
import { detectPivot, planTurn } from '../../../src/engine/planner/index.js';
import { seededRandom } from '../../../src/engine/random.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { pacing } from './helpers.js';

const VOWS = [
  'I, Elin, take thee, Jory, to be my wedded husband, to have and to hold from this day forward.',
  'Before these witnesses I swear to cherish you until death parts us.',
  'Whatever comes, I shall honour you all my days.',
  'I am yours, now and forever.',
  'Will you marry me?',
  'I promise to be true to you.',
  '从今往后，我会一辈子守着你。',
  '嫁给我吧。',
];

const NOT_VOWS = [
  "I'm all yours, baby, show me what you've got.",
  "I'm yours to command, my lord.",
  'I will keep watch until dawn.',
  "I'll be stuck in this cell forever.",
  'I will honour the treaty.',
  'I take the sword as my prize.',
  '你永远别回来了。',
];

describe('a vow', () => {
  it('is a pivot', () => {
    for (const text of VOWS) expect(detectPivot(text)?.kind, text).toBe('vow');
  });

  it('is not read in a flirt, an order, a duty or a sentence', () => {
    for (const text of NOT_VOWS) expect(detectPivot(text), text).toBeUndefined();
  });

  it('slows the planner down whatever the pacing', () => {
    for (const [turn, text] of VOWS.slice(0, 4).entries()) {
      const plan = planTurn({
        pack: miniPack(),
        turn: turn + 1,
        playerInput: text,
        pacing: pacing(0.9),
        previousPlans: [],
        recentCritics: [],
        history: [{ role: 'player', text, turn: turn + 1 }],
        random: seededRandom(turn),
      });
      expect(plan.pivot, text).toBe('vow');
      expect(plan.cadence, text).toBe('gentle');
      expect(['deepen', 'breathe']).toContain(plan.beat);
      expect(plan.directive).toMatch(/vow/);
    }
  });
});
