import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../bin/skald.js', import.meta.url).pathname;

// Issue 12's contract: a player who only waits gets the pack's own threads, not a louder story.
describe('headless play: a player who only waits', () => {
  // One spawn playing eight turns: slow on a loaded machine, so it gets room, not a race.
  it('eight "I wait." turns in a pack with threads bring in a thread beat by the third passive turn, and one every third turn after', () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-home-'));
    const out = spawnSync(process.execPath, [bin, 'play', 'glass-orchard', '--headless', '--offline', '--seed', '1', '--candidates', '2'], {
      input: 'I wait.\n'.repeat(8),
      env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(out.status, out.stderr).toBe(0);
    const turns = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.type === 'turn');
    expect(turns).toHaveLength(8);
    const firstThread = turns.findIndex((t) => t.plan.thread);
    expect(firstThread).toBeGreaterThanOrEqual(0);
    expect(firstThread).toBeLessThanOrEqual(2);
    expect(turns[firstThread].plan.reason).toMatch(/The player is waiting \(\d passive turns\)/);
    // From then on every third turn brings in the next beat, a character's goal the turns between
    // while it lands, and none of the eight is an escalation.
    turns.slice(firstThread).forEach((t, i) => {
      if (i % 3 === 0) expect(t.plan.thread, `turn ${t.turn}`).toBeDefined();
      else expect(t.plan.goal, `turn ${t.turn}`).toBeDefined();
      expect(t.plan.reason, `turn ${t.turn}`).toMatch(/player is waiting/);
    });
    expect(turns.map((t) => t.plan.beat)).not.toContain('escalate');
    // The pacing model does not take a waiting player for one pushing forward.
    expect(turns[7].pacing.score).toBeLessThan(0.25);
  });
});
