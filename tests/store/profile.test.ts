import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPaths } from '../../src/paths.js';
import { PacingModel } from '../../src/engine/pacing/index.js';
import type { PacingProfile } from '../../src/engine/types.js';
import { loadProfile, saveProfile } from '../../src/store/profile.js';
import { FAST_PLAYER, SLOW_PLAYER } from '../engine/pacing/scripts.js';

const profile: PacingProfile = { version: 1, score: 0.4, confidence: 0.5, turns: 12, sessions: 2, updatedAt: 1, stats: { keptBolder: 3 } };

describe('pacing profile file', () => {
  it('round-trips, replaces atomically, stamps the time and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-profile-'));
    const path = join(dir, 'nested', 'pacing-profile.json');
    expect(await loadProfile(path)).toBeUndefined();
    await saveProfile(profile, path, 1000);
    await saveProfile({ ...profile, turns: 13 }, path, 2000);
    expect(await loadProfile(path)).toEqual({ ...profile, turns: 13, updatedAt: 2000 });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['pacing-profile.json']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a corrupt or foreign file reads as none, so a fresh profile starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-profile-'));
    for (const [name, text] of [
      ['cut.json', '{"version":1,"score":'],
      ['other.json', '{"version":2,"score":0.5}'],
      ['array.json', '[1,2]'],
      ['nan.json', '{"version":1,"score":"fast"}'],
    ]) {
      writeFileSync(join(dir, name), text);
      expect(await loadProfile(join(dir, name)), name).toBeUndefined();
    }
  });

  it('clamps out-of-range numbers and drops junk stats from a hand-edited file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'skald-profile-')), 'p.json');
    writeFileSync(path, JSON.stringify({ version: 1, score: 4, confidence: -1, turns: 7.6, stats: { messages: 3, bad: 'x' } }));
    expect(await loadProfile(path)).toEqual({
      version: 1,
      score: 1,
      confidence: 0,
      turns: 7,
      sessions: 0,
      updatedAt: 0,
      stats: { messages: 3 },
    });
  });

  it('carries the long-term profile into a new session (default path under SKALD_HOME)', async () => {
    expect(dataPaths().profile.startsWith(process.env.SKALD_HOME!)).toBe(true);
    const first = new PacingModel();
    FAST_PLAYER.forEach((text, i) => first.observe({ kind: 'message', text, turn: i + 1 }));
    await saveProfile(first.profile());
    expect(JSON.parse(readFileSync(dataPaths().profile, 'utf8')).turns).toBe(8);

    const loaded = await loadProfile();
    expect(loaded).toBeDefined();
    const second = new PacingModel(loaded);
    const start = second.estimate();
    expect(start.score).toBeGreaterThan(0.4);
    expect(start.longTerm.turns).toBe(8);
    expect(new PacingModel().estimate().score).toBe(0);

    // A slow second session moves the saved profile, but only part of the way.
    SLOW_PLAYER.forEach((text, i) => second.observe({ kind: 'message', text, turn: i + 1 }));
    await saveProfile(second.profile());
    const after = (await loadProfile())!;
    expect(after.turns).toBe(16);
    expect(after.score).toBeLessThan(loaded!.score);
    expect(after.score).toBeGreaterThan(0);
  });
});
