import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/session/index.js';
import type { PacingState } from '../../../src/engine/pacing/index.js';
import type { PacingProfile } from '../../../src/engine/types.js';
import { pacingPath, readPacingSnapshot, writePacingSnapshot } from '../../../src/store/pacing-snapshot.js';
import { collect, newSession } from './helpers.js';

const MESSAGES = [
  'Hello, brother.',
  '(OOC: slow down a little) I sit with him a while and listen to the river.',
  'Run. Now. Grab the lamp.',
  'I take his hand and tell him, slowly, everything I saw on the hill that night.',
  'What is the orchard for?',
  'I wait.',
  '(OOC: faster please) We go up the hill.',
];

/** A story with every kind of pacing signal: messages, OOC requests both ways, swipes, regenerates. */
async function playedStory(turns: number) {
  const profiles: PacingProfile[] = [];
  const played = await newSession({ candidates: 3, saveProfile: async (p) => void profiles.push(p) });
  for (let n = 1; n <= turns; n++) {
    await collect(played.session.play({ text: `${MESSAGES[n % MESSAGES.length]} (${n})`, latencyMs: n % 3 === 0 ? 50_000 : 4_000 }));
    if (n % 4 === 0) await played.session.choose(n, 2);
    if (n % 5 === 0) await collect(played.session.regenerate());
  }
  return played;
}

/** A restored session's pacing model, settled, as state. */
async function settledState(session: Session): Promise<PacingState> {
  return (session as unknown as { pacing_: { state(): PacingState } }).pacing_.state();
}

describe('the pacing snapshot', () => {
  it('a resume from a snapshot ends in the state a full replay reaches, and plays on the same', async () => {
    const { store, deps } = await playedStory(24);
    const records = store.records;
    // The snapshot a first resume leaves, taken after the first 14 turns' records.
    const upTo = records.findIndex((r) => r.type === 'turn' && r.number === 15);
    let kept: { state: PacingState; covered: number } | undefined;
    const first = await Session.restore(records.slice(0, upTo), {
      ...deps,
      pacingSnapshot: { covered: 0, keep: (state, covered) => void (kept = { state, covered }) },
    });
    first.pacing();
    expect(kept?.covered).toBe(upTo);
    // Through the file, as the CLI keeps it.
    const log = join(mkdtempSync(join(tmpdir(), 'skald-pacing-')), 'story.jsonl');
    await writePacingSnapshot(log, records, kept!.state, kept!.covered);
    const saved = await readPacingSnapshot(log, records);
    expect(saved?.covered).toBe(upTo);

    const full = await Session.restore(records, deps);
    const fromSnapshot = await Session.restore(records, { ...deps, pacingSnapshot: { ...saved!, covered: saved!.covered } });
    expect(await settledState(fromSnapshot)).toEqual(await settledState(full));
    expect(fromSnapshot.pacing()).toEqual(full.pacing());
    for (const text of ['I wait.', '(OOC: slow down) I look at the river for a long time.']) {
      await collect(full.play({ text }));
      await collect(fromSnapshot.play({ text }));
      expect(fromSnapshot.pacing()).toEqual(full.pacing());
    }
    expect(await settledState(fromSnapshot)).toEqual(await settledState(full));
    // The snapshot's state is what the resume started from (the first 14 turns were not read again).
    const marked = { ...saved!.state, stats: { ...saved!.state.stats, marked: 7 } };
    const fromMarked = await Session.restore(records, { ...deps, pacingSnapshot: { state: marked, covered: saved!.covered } });
    expect((await settledState(fromMarked)).stats.marked).toBe(7);
  });

  it('a snapshot that does not fit the log (another record at its place, damaged, missing) is not used', async () => {
    const { store } = await playedStory(6);
    const records = store.records;
    const log = join(mkdtempSync(join(tmpdir(), 'skald-pacing-')), 'story.jsonl');
    expect(await readPacingSnapshot(log, records)).toBeUndefined();
    const state: PacingState = { latestTurn: 3, observations: [[0.5, 1, 3, 0.8]], messages: [], stats: { messages: 1 } };
    await writePacingSnapshot(log, records, state, 4);
    expect(await readPacingSnapshot(log, records)).toEqual({ state, covered: 4 });
    // The log as another process saw it: a different record where the snapshot's last one was.
    const moved = [...records.slice(0, 3), { ...records[3], at: records[3].at + 1 }, ...records.slice(4)];
    expect(await readPacingSnapshot(log, moved)).toBeUndefined();
    expect(await readPacingSnapshot(log, records.slice(0, 3))).toBeUndefined();
    // One changed byte: the checksum refuses it.
    const text = (await import('node:fs')).readFileSync(pacingPath(log), 'utf8');
    writeFileSync(pacingPath(log), text.replace('"latestTurn":3', '"latestTurn":4'));
    expect(await readPacingSnapshot(log, records)).toBeUndefined();
  });

  it('a snapshot that cannot be put in place leaves no temporary file beside the log', async () => {
    const { store } = await playedStory(4);
    const folder = mkdtempSync(join(tmpdir(), 'skald-pacing-'));
    const log = join(folder, 'story.jsonl');
    // A folder where the snapshot goes: the write succeeds, the rename over it fails.
    mkdirSync(pacingPath(log));
    const state: PacingState = { latestTurn: 2, observations: [], messages: [], stats: { messages: 1 } };
    await writePacingSnapshot(log, store.records, state, 3);
    expect(readdirSync(folder)).toEqual(['story.jsonl.pacing']);
  });

  it('a log from before snapshots resumes as it always did', async () => {
    const { session, store, deps } = await playedStory(8);
    const restored = await Session.restore(store.records, { ...deps, pacingSnapshot: { covered: 0 } });
    expect(restored.pacing()).toEqual((await Session.restore(store.records, deps)).pacing());
    expect(restored.pacing().score).toBe(session.pacing().score);
  });
});
