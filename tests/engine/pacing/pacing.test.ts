import { describe, expect, it } from 'vitest';
import { newProfile, PacingModel } from '../../../src/engine/pacing/index.js';
import type { CandidateVariant, PacingProfile } from '../../../src/engine/types.js';
import { FAST_PLAYER, FAST_PLAYER_ZH, SLOW_PLAYER, SLOW_PLAYER_ZH } from './scripts.js';

function play(script: string[], model = new PacingModel()): PacingModel {
  script.forEach((text, i) => model.observe({ kind: 'message', text, turn: i + 1 }));
  return model;
}

const planned: CandidateVariant = { beat: 'complicate', cadence: 'steady', label: 'planned' };
const gentler: CandidateVariant = { beat: 'complicate', cadence: 'gentle', label: 'gentler' };
const bolder: CandidateVariant = { beat: 'complicate', cadence: 'bold', label: 'bolder' };
const neutralMessage = 'I walk over to the mill and look at the wheel for a while.';

describe('pacing model: scripted players', () => {
  it('a slow-burn player and a fast player diverge in the right direction within eight turns', () => {
    const slow = new PacingModel();
    const fast = new PacingModel();
    const scores: Array<[number, number]> = [];
    for (let i = 0; i < 8; i++) {
      slow.observe({ kind: 'message', text: SLOW_PLAYER[i], turn: i + 1 });
      fast.observe({ kind: 'message', text: FAST_PLAYER[i], turn: i + 1 });
      scores.push([slow.estimate().score, fast.estimate().score]);
    }
    const [slowEnd, fastEnd] = scores[7];
    expect(slowEnd).toBeLessThan(-0.4);
    expect(fastEnd).toBeGreaterThan(0.4);
    expect(slow.estimate().confidence).toBeGreaterThan(0.5);
    expect(fast.estimate().confidence).toBeGreaterThan(0.5);
    // Confidence grows as evidence accumulates.
    const model = new PacingModel();
    const confidences = FAST_PLAYER.map((text, i) => {
      model.observe({ kind: 'message', text, turn: i + 1 });
      return model.estimate().confidence;
    });
    expect(confidences[7]).toBeGreaterThan(confidences[0]);
  });

  it('explains itself in short human-readable evidence', () => {
    const fast = play(FAST_PLAYER).estimate();
    expect(fast.evidence.some((e) => /of the last 4 messages are short imperatives/.test(e))).toBe(true);
    expect(fast.evidence.some((e) => e.startsWith('skipped ahead in time'))).toBe(true);
    const slow = play(SLOW_PLAYER).estimate();
    expect(slow.evidence.some((e) => /of the last 4 messages linger on feelings, senses or dialogue/.test(e))).toBe(true);
  });

  it('reads Chinese players the same way', () => {
    expect(play(SLOW_PLAYER_ZH).estimate().score).toBeLessThan(-0.3);
    expect(play(FAST_PLAYER_ZH).estimate().score).toBeGreaterThan(0.3);
  });
});

describe('pacing model: explicit OOC cues', () => {
  it('(OOC: slow down) moves a fast estimate to slow at once', () => {
    const model = play(FAST_PLAYER.slice(0, 5));
    const before = model.estimate();
    expect(before.score).toBeGreaterThan(0.4);
    model.observe({ kind: 'message', text: 'Kick the door in! (OOC: slow down, more description please)', turn: 6 });
    const after = model.estimate();
    expect(after.score).toBeLessThan(-0.2);
    expect(after.evidence[0]).toBe('asked to slow down (OOC)');
  });

  it('((faster)), "OOC: more action" and Chinese notes move a slow estimate to fast at once', () => {
    for (const note of ['((faster))', 'OOC: more action', '（OOC：快一点，推进剧情）', '((节奏快一点))']) {
      const model = play(SLOW_PLAYER.slice(0, 5));
      expect(model.estimate().score).toBeLessThan(-0.4);
      model.observe({ kind: 'message', text: note, turn: 6 });
      const after = model.estimate();
      expect(after.score, note).toBeGreaterThan(0.2);
      expect(after.evidence).toContain('asked to speed up (OOC)');
    }
  });

  it('a Chinese slow-down note works too', () => {
    const model = play(FAST_PLAYER_ZH);
    model.observe({ kind: 'message', text: '（OOC：慢一点）', turn: 5 });
    expect(model.estimate().score).toBeLessThan(-0.2);
  });
});

describe('pacing model: regenerations, choices and latency', () => {
  function baseline(): PacingModel {
    const model = new PacingModel();
    model.observe({ kind: 'message', text: neutralMessage, turn: 1 });
    return model;
  }

  it('swiping away a bold reply moves toward slow; a gentle one, toward fast; stronger at a pivot', () => {
    const start = baseline().estimate().score;
    const boldRejected = baseline();
    boldRejected.observe({ kind: 'regenerate', turn: 1, rejected: { beat: 'escalate', cadence: 'bold', label: 'bolder' }, pivot: false });
    const gentleRejected = baseline();
    gentleRejected.observe({
      kind: 'regenerate',
      turn: 1,
      rejected: { beat: 'breathe', cadence: 'gentle', label: 'gentler' },
      pivot: false,
    });
    const gentleAtPivot = baseline();
    gentleAtPivot.observe({ kind: 'regenerate', turn: 1, rejected: { beat: 'breathe', cadence: 'gentle', label: 'gentler' }, pivot: true });
    expect(boldRejected.estimate().score).toBeLessThan(start - 0.1);
    expect(gentleRejected.estimate().score).toBeGreaterThan(start + 0.1);
    expect(gentleAtPivot.estimate().score).toBeGreaterThan(gentleRejected.estimate().score);
    expect(boldRejected.estimate().evidence).toContain('swiped away a bold reply once');
  });

  it('keeping the calmer candidate is a revealed preference for slow', () => {
    const model = baseline();
    const start = model.estimate().score;
    model.observe({ kind: 'choice', turn: 1, kept: gentler, alternatives: [planned, bolder] });
    model.observe({ kind: 'message', text: neutralMessage, turn: 2 });
    model.observe({ kind: 'choice', turn: 2, kept: gentler, alternatives: [planned, bolder] });
    expect(model.estimate().score).toBeLessThan(start - 0.15);
    expect(model.estimate().evidence).toContain('kept the calmer candidate twice');

    const bold = baseline();
    bold.observe({ kind: 'choice', turn: 1, kept: bolder, alternatives: [planned, gentler] });
    expect(bold.estimate().score).toBeGreaterThan(start + 0.1);
    expect(bold.estimate().evidence).toContain('kept the bolder candidate once');
  });

  it('keeping the planned candidate between a gentler and a bolder one says little', () => {
    const model = baseline();
    const start = model.estimate().score;
    model.observe({ kind: 'choice', turn: 1, kept: planned, alternatives: [gentler, bolder] });
    expect(model.estimate().score).toBeCloseTo(start, 5);
  });

  it('latency is a weak signal: a long reply written slowly leans slow, a quick short one fast', () => {
    const text = SLOW_PLAYER[0];
    const plain = new PacingModel();
    plain.observe({ kind: 'message', text, turn: 1 });
    const slowWriter = new PacingModel();
    slowWriter.observe({ kind: 'message', text, turn: 1, latencyMs: 90_000 });
    expect(slowWriter.estimate().score).toBeLessThan(plain.estimate().score);
    expect(plain.estimate().score - slowWriter.estimate().score).toBeLessThan(0.3);

    const quick = new PacingModel();
    quick.observe({ kind: 'message', text: 'Look around.', turn: 1, latencyMs: 3_000 });
    const quickPlain = new PacingModel();
    quickPlain.observe({ kind: 'message', text: 'Look around.', turn: 1 });
    expect(quick.estimate().score).toBeGreaterThanOrEqual(quickPlain.estimate().score);
    expect(quick.estimate().evidence).toContain('answered quickly and briefly once');
  });

  it('older messages weigh less than recent ones', () => {
    const model = play([...SLOW_PLAYER.slice(0, 4), ...FAST_PLAYER.slice(0, 4)]);
    expect(model.estimate().score).toBeGreaterThan(0);
  });
});

describe('pacing model: long-term profile', () => {
  it('a new session leans on the long-term profile until session evidence accumulates', () => {
    const profile: PacingProfile = { ...newProfile(), score: 0.7, confidence: 0.6, turns: 60, sessions: 4 };
    const model = new PacingModel(profile);
    const start = model.estimate();
    expect(start.score).toBeCloseTo(0.7, 5);
    expect(start.longTerm).toEqual({ score: 0.7, confidence: 0.6, turns: 60 });
    expect(start.evidence.some((e) => e.startsWith('long-term profile leans fast'))).toBe(true);
    SLOW_PLAYER.forEach((text, i) => model.observe({ kind: 'message', text, turn: i + 1 }));
    // The session's own evidence wins after eight slow turns.
    expect(model.estimate().score).toBeLessThan(0);
  });

  it('profile() folds the session in slowly and never counts a turn twice', () => {
    const profile: PacingProfile = { ...newProfile(), score: 0.5, confidence: 0.6, turns: 60, sessions: 4 };
    const model = play(SLOW_PLAYER, new PacingModel(profile));
    const once = model.profile();
    expect(model.profile()).toEqual(once);
    expect(once.turns).toBe(68);
    expect(once.score).toBeLessThan(0.5);
    expect(once.score).toBeGreaterThan(0);
    expect(once.stats.lingering).toBeGreaterThan(0);
    // A first session sets the profile outright.
    const first = play(FAST_PLAYER).profile();
    expect(first.score).toBeGreaterThan(0.4);
    expect(first.turns).toBe(8);
    expect(first.confidence).toBeGreaterThan(0);
  });

  it('a session with no signals leaves the profile as it was', () => {
    const profile: PacingProfile = { ...newProfile(), score: -0.2, confidence: 0.3, turns: 10, sessions: 1 };
    expect(new PacingModel(profile).profile()).toEqual(profile);
  });
});
