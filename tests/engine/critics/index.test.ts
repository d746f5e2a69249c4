import { describe, expect, it } from 'vitest';
import { aggregateScore, runCritics } from '../../../src/engine/critics/index.js';
import { CRITIC_IDS, type CriticId, type CriticResult } from '../../../src/engine/types.js';
import { contextFor } from './contexts.js';
import { LABELLED } from './labelled.js';
import { STORY_EN } from './story.js';

function only(id: CriticId, score: number): CriticResult[] {
  return CRITIC_IDS.map((c) => ({ id: c, flagged: c === id, score: c === id ? score : 1, evidence: [] }));
}

describe('runCritics', () => {
  it('returns all thirteen critics in CRITIC_IDS order', () => {
    const results = runCritics(STORY_EN[0].reply, contextFor('en'));
    expect(results.map((r) => r.id)).toEqual([...CRITIC_IDS]);
    for (const r of results) expect(r.score).toBeGreaterThanOrEqual(0);
  });

  it('reports evidence offsets that point into the text for every labelled reply', () => {
    for (const c of LABELLED) {
      for (const r of runCritics(c.text, contextFor(c.lang, c))) {
        for (const e of r.evidence) {
          expect(e.start).toBeLessThanOrEqual(e.end);
          expect(c.text.slice(e.start, e.end)).toBe(e.text);
          expect(e.why.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('compiles per pack once: a second pack object with other laws gets its own patterns', () => {
    const a = contextFor('en');
    const b = { ...a, pack: { ...a.pack, laws: [{ id: 'no-tea', text: 'Nobody drinks tea.', forbid: ['tea'] }] } };
    const text = 'Ilsa pours tea by the light of her flashlight.';
    expect(
      runCritics(text, a)
        .find((r) => r.id === 'law-violation')!
        .evidence.map((e) => e.text),
    ).toEqual(['flashlight']);
    expect(
      runCritics(text, b)
        .find((r) => r.id === 'law-violation')!
        .evidence.map((e) => e.text),
    ).toEqual(['tea']);
  });
});

describe('aggregateScore', () => {
  it('is 1 for a clean reply and lower for any flag', () => {
    expect(aggregateScore(only('length', 1))).toBe(1);
    expect(aggregateScore(only('length', 0))).toBeLessThan(1);
  });

  it('weighs speaking for the player, laws, voice, references and language more than length or filler', () => {
    for (const heavy of ['speaks-for-user', 'law-violation', 'out-of-character', 'reference-confusion', 'mixed-language'] as const) {
      for (const light of ['length', 'filler', 'no-hook', 'stagnation'] as const) {
        expect(aggregateScore(only(heavy, 0)), `${heavy} vs ${light}`).toBeLessThan(aggregateScore(only(light, 0)));
      }
    }
  });

  it('stays within 0..1', () => {
    const worst = CRITIC_IDS.map((id) => ({ id, flagged: true, score: 0, evidence: [] }));
    expect(aggregateScore(worst)).toBe(0);
    expect(aggregateScore([])).toBe(1);
  });

  it('ranks a reply that speaks for the player below the same reply without it', () => {
    const ctx = contextFor('en');
    const good = STORY_EN[0].reply;
    const bad = `${good} You nod and decide to go at once.`;
    expect(aggregateScore(runCritics(bad, ctx))).toBeLessThan(aggregateScore(runCritics(good, ctx)));
  });
});
