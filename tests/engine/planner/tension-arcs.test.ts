import { describe, expect, it } from 'vitest';
import { applyBeat } from '../../../src/engine/planner/index.js';
import { chooseBeat } from '../../../src/engine/planner/tension.js';
import { seededRandom } from '../../../src/engine/random.js';
import { BEATS, type Beat } from '../../../src/engine/types.js';

const RISING = new Set<Beat>(['escalate', 'complicate', 'reveal']);
const FALLING = new Set<Beat>(['breathe', 'resolve']);

/** The beats the tension model alone picks over a long story at a steady pacing. */
function play(pacing: number, seed: number, turns = 90): { beats: Beat[]; tensions: number[] } {
  const beats: Beat[] = [];
  const tensions: number[] = [];
  const random = seededRandom(seed);
  for (let i = 0; i < turns; i++) {
    const choice = chooseBeat({ pacing, tensions, beats, allowed: BEATS, fallback: ['resolve', 'breathe'], random });
    beats.push(choice.beat);
    tensions.push(choice.tension);
  }
  return { beats, tensions };
}

/** The rising beats before each fall. */
function buildsBeforeFalls(beats: readonly Beat[]): number[] {
  const builds: number[] = [];
  let run = 0;
  for (const beat of beats) {
    if (FALLING.has(beat)) {
      builds.push(run);
      run = 0;
    } else if (RISING.has(beat)) run++;
  }
  return builds;
}

describe('tension model: a fast story moves in arcs', () => {
  it('builds for several rising turns before tension falls, instead of rising and falling every other turn', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { beats } = play(0.8, seed);
      const falls = beats.filter((b) => FALLING.has(b)).length;
      // It fell on 35% of a fast player's turns, most after a single rise.
      expect(falls / beats.length, `seed ${seed}: ${beats.join(',')}`).toBeLessThanOrEqual(0.25);
      const builds = buildsBeforeFalls(beats);
      expect(Math.min(...builds), `seed ${seed}`).toBeGreaterThanOrEqual(3);
      // Not one beat over and over: the builds are made of escalations, complications and revelations.
      expect(new Set(beats.filter((b) => RISING.has(b))).size).toBe(3);
    }
  });

  it('mid-build, a fast story keeps climbing even above the tension its pacing wants', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      // One rising turn since the last resolve, tension 0.84: a resolve was the nearest way back to 0.69.
      const choice = chooseBeat({
        pacing: 0.8,
        tensions: [0.62, 0.84],
        beats: ['resolve', 'escalate'],
        allowed: BEATS,
        random: seededRandom(seed),
      });
      expect(RISING.has(choice.beat), `seed ${seed}: ${choice.beat}`).toBe(true);
      expect(choice.arc).toBe('build');
    }
  });

  it('a resolve at the climax settles the crisis: tension falls further than a strand settled mid-story', () => {
    const choice = chooseBeat({
      pacing: 0.8,
      tensions: [0.52, 0.64, 0.76, 0.9],
      beats: ['resolve', 'complicate', 'complicate', 'escalate'],
      allowed: BEATS,
      random: seededRandom(1),
    });
    expect(choice.beat).toBe('resolve');
    expect(choice.arc).toBe('climax');
    expect(choice.built).toBe(3);
    expect(choice.tension).toBeLessThan(applyBeat(0.9, 'resolve') - 0.1);
  });

  it('a slow or balanced story is not held to arcs: it still breathes between its rises', () => {
    for (const pacing of [-0.6, 0, 0.2]) {
      const { beats } = play(pacing, 3);
      expect(beats.filter((b) => b === 'breathe').length / beats.length, `pacing ${pacing}`).toBeGreaterThan(0.2);
      expect(Math.max(...buildsBeforeFalls(beats)), `pacing ${pacing}`).toBeLessThanOrEqual(2);
    }
  });
});
