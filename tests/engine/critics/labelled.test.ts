import { describe, expect, it } from 'vitest';
import { CRITICS, runCritics } from '../../../src/engine/critics/index.js';
import { CRITIC_IDS } from '../../../src/engine/types.js';
import { contextFor } from './contexts.js';
import { LABELLED } from './labelled.js';
import { STORY_EN, STORY_ZH, type StoryTurn } from './story.js';

describe('the labelled set', () => {
  it('has at least five failing and five clean examples per critic, with Chinese for every critic', () => {
    for (const id of CRITIC_IDS) {
      const mine = LABELLED.filter((c) => c.critic === id);
      expect(mine.filter((c) => c.label === 'fail').length, id).toBeGreaterThanOrEqual(10);
      // Near misses of its own, on top of the twenty story replies every critic must pass.
      expect(mine.filter((c) => c.label === 'clean').length, id).toBeGreaterThanOrEqual(5);
      expect(
        mine.some((c) => c.lang === 'zh' && c.label === 'clean'),
        id,
      ).toBe(true);
      expect(mine.filter((c) => c.lang === 'zh' && c.label === 'fail').length, id).toBeGreaterThanOrEqual(5);
      expect(mine.filter((c) => c.lang === 'en' && c.label === 'fail').length, id).toBeGreaterThanOrEqual(5);
    }
  });

  for (const id of CRITIC_IDS) {
    describe(id, () => {
      for (const [i, c] of LABELLED.filter((x) => x.critic === id).entries()) {
        it(`${c.label} ${c.lang} #${i}: ${c.text.slice(0, 40).replace(/\n/g, ' ')}`, () => {
          const result = CRITICS[id](c.text, contextFor(c.lang, c));
          expect(result.id).toBe(id);
          if (c.label === 'clean') {
            expect(result.flagged, JSON.stringify(result.evidence)).toBe(false);
            expect(result.score).toBeGreaterThan(0.5);
            return;
          }
          expect(result.flagged).toBe(true);
          expect(result.score).toBeLessThan(1);
          expect(result.evidence.length).toBeGreaterThan(0);
          for (const e of result.evidence) expect(c.text.slice(e.start, e.end)).toBe(e.text);
          expect(
            result.evidence.some((e) => e.text.includes(c.expect!)),
            JSON.stringify(result.evidence),
          ).toBe(true);
        });
      }
    });
  }
});

function storyCases(lang: 'en' | 'zh', story: StoryTurn[]): void {
  describe(`the ${lang} story passes every critic`, () => {
    for (const [i, turn] of story.entries()) {
      it(`turn ${i + 1}`, () => {
        const ctx = contextFor(lang, { input: turn.input, recent: story.slice(0, i).map((t) => t.reply) });
        const flagged = runCritics(turn.reply, ctx).filter((r) => r.flagged);
        expect(flagged.map((r) => `${r.id}: ${r.evidence.map((e) => e.why).join('; ')}`)).toEqual([]);
      });
    }
  });
}

storyCases('en', STORY_EN);
storyCases('zh', STORY_ZH);
