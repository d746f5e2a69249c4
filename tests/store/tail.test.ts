import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import type { SessionRecord, SessionStartRecord, TurnRecord } from '../../src/engine/session/records.js';
import { ROOT } from '../../src/engine/session/tree.js';
import { seededRandom } from '../../src/engine/random.js';
import type { Turn } from '../../src/engine/types.js';
import { finishLog, readLog } from '../../src/store/parse-log.js';
import { recordLines } from '../../src/store/session-file.js';
import { readLogStart, readLogTail, type LogTail } from '../../src/store/tail.js';
import { activityIn } from '../../src/store/activity.js';
import { collect, newSession } from '../engine/session/helpers.js';

/** Records of a real offline session over the mini pack: the start and a few turns to copy. */
let templates: { start: SessionStartRecord; turns: TurnRecord[]; deps: Awaited<ReturnType<typeof newSession>>['deps'] };

beforeAll(async () => {
  const { session, store, deps } = await newSession();
  for (const text of ['I knock at the mill door.', 'I ask Wren about the wheel.', 'I light a glowworm lamp.'])
    await collect(session.play({ text }));
  templates = {
    start: store.records[0] as SessionStartRecord,
    turns: store.records.filter((r): r is TurnRecord => r.type === 'turn'),
    deps,
  };
});

/**
 * A random story at the record level, as the engine writes one: turns on the active leaf, swipes
 * (with and without forks), regenerates, rewinds (to the opening too), branch switches, edits,
 * opening swipes, notes, pins, the system prompt and sampler changes.
 */
function randomLog(seed: number, size: number): SessionRecord[] {
  const random = seededRandom(seed);
  const { start, turns } = templates;
  const records: SessionRecord[] = [start];
  const nodes = new Map<string, { number: number; parent: string | null; candidates: number }>();
  const ids: string[] = [];
  let leaf = ROOT;
  let at = start.at;
  let k = 0;
  const pick = () => ids[Math.floor(random() * ids.length)];
  const addTurn = (parent: string | null, cause: 'play' | 'edit', number: number) => {
    const template = turns[k % turns.length];
    const nodeId = `n${++k}`;
    records.push({ ...template, at: (at += 1000), nodeId, parentId: parent, number, cause, input: { text: `Line ${k} of seed ${seed}.` } });
    nodes.set(nodeId, { number, parent, candidates: template.candidates.length });
    ids.push(nodeId);
    leaf = nodeId;
  };
  for (let step = 0; step < size; step++) {
    const roll = random();
    const at_ = (at += 10);
    if (roll < 0.55 || ids.length === 0) {
      const parent = leaf === ROOT ? null : leaf;
      addTurn(parent, 'play', parent ? nodes.get(parent)!.number + 1 : 1);
    } else if (roll < 0.62) {
      const node = nodes.get(leaf);
      if (!node) continue;
      const candidate = { ...turns[0].candidates[0], id: `${leaf}-r${step}`, text: `Regenerated ${step}.` };
      records.push({ type: 'regenerate', at: at_, nodeId: leaf, rejected: 0 });
      records.push({ type: 'candidate', at: at_ + 1, nodeId: leaf, candidate, chosen: node.candidates });
      node.candidates++;
    } else if (roll < 0.68) {
      const id = pick();
      records.push({ type: 'choose', at: at_, nodeId: id, index: Math.floor(random() * nodes.get(id)!.candidates) });
    } else if (roll < 0.73) {
      const id = pick();
      const forkId = `f${step}`;
      const source = nodes.get(id)!;
      if (random() < 0.5) records.push({ type: 'choose', at: at_, nodeId: id, index: 0, forkId });
      else {
        const candidate = { ...turns[1].candidates[0], id: `${forkId}-c`, text: `Fork ${step}.` };
        records.push({ type: 'candidate', at: at_, nodeId: id, forkId, candidate, chosen: source.candidates });
      }
      nodes.set(forkId, { ...source, candidates: source.candidates + (records[records.length - 1].type === 'candidate' ? 1 : 0) });
      ids.push(forkId);
      leaf = forkId;
    } else if (roll < 0.78) {
      const to = random() < 0.15 ? ROOT : pick();
      records.push({ type: 'rewind', at: at_, from: leaf, leafId: to });
      leaf = to;
    } else if (roll < 0.83) {
      const to = pick();
      records.push({ type: 'branch', at: at_, leafId: to });
      leaf = to;
    } else if (roll < 0.87) {
      const node = nodes.get(leaf);
      if (!node) continue;
      records.push({ type: 'edit', at: at_, replaces: leaf, text: `Edited ${step}.` });
      addTurn(node.parent, 'edit', node.number);
    } else if (roll < 0.9) {
      records.push({ type: 'opening', at: at_, openingId: random() < 0.5 ? 'the-ledger' : 'homecoming' });
    } else if (roll < 0.93) {
      records.push({ type: 'note', at: at_, note: random() < 0.3 ? null : { text: `Note ${step}.`, depth: 2, every: 1 } });
    } else if (roll < 0.95) {
      records.push({
        type: 'memory',
        at: at_,
        op: 'pin',
        fact: { id: `pin-${step}`, text: `Pinned ${step}.`, kind: 'other', turn: 0, source: 'pinned' },
      });
    } else if (roll < 0.97) {
      records.push({ type: 'system-prompt', at: at_, text: random() < 0.3 ? null : `Prompt ${step}.` });
    } else {
      records.push({ type: 'samplers', at: at_, key: 'temperature', value: Math.round(random() * 100) / 100 });
    }
  }
  return records;
}

const bytesOf = (records: readonly SessionRecord[]) => Buffer.from(`${records.map((r) => recordLines(r).story).join('\n')}\n`);

/** What the careful load makes of a log: its records and warnings. */
function carefulLoad(bytes: Buffer) {
  return finishLog(readLog(bytes), bytes, 'test', templates.start.id, undefined);
}

const restore = (records: readonly SessionRecord[]) => Session.restore(records, templates.deps);

/** A turn as the screen shows it. */
const shown = (turn: Turn) => ({
  id: turn.id,
  number: turn.number,
  input: turn.input.text,
  chosen: turn.chosen,
  candidates: turn.candidates.map((c) => [c.id, c.text, c.score, c.critics.map((r) => r.flagged)]),
});

/** The tail against the careful load: the same latest turns, the same count before them, the same story-wide state. */
async function expectLikeCareful(bytes: Buffer, tail: LogTail, what: string): Promise<void> {
  const careful = carefulLoad(bytes);
  expect(careful.warnings, what).toEqual([]);
  const whole = await restore(careful.records);
  const all = whole.turns();
  expect(tail.earlier + tail.turns.length, what).toBe(all.length);
  expect(tail.turns.map(shown), what).toEqual(all.slice(tail.earlier).map(shown));
  const preview = await restore([tail.start, ...tail.storyWide, ...tail.records]);
  expect(preview.turns().map(shown), what).toEqual(tail.turns.map(shown));
  expect(preview.getSnapshot().opening.id, what).toBe(whole.getSnapshot().opening.id);
  expect(preview.openingText, what).toBe(whole.openingText);
  expect(preview.samplers(), what).toEqual(whole.samplers());
  expect(preview.persona.name, what).toBe(whole.persona.name);
}

describe("the log's tail for a resume's first frame", () => {
  it('gives the latest turns of the active branch as the careful load does, on 120 random logs', async () => {
    let partial = 0;
    let whole = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const records = randomLog(seed, 20 + seed * 4);
      const bytes = bytesOf(records);
      const want = 1 + (seed % 9);
      const tail = readLogTail(bytes, (turns) => turns.length >= want, 1 + (seed % 5));
      expect(tail, `seed ${seed}`).toBeDefined();
      await expectLikeCareful(bytes, tail!, `seed ${seed}`);
      if (tail!.earlier > 0) {
        partial++;
        expect(tail!.turns.length, `seed ${seed}`).toBeGreaterThanOrEqual(want);
      } else whole++;
    }
    // Both kinds were exercised: tails that stop before the opening and branches read to it.
    expect(partial).toBeGreaterThan(40);
    expect(whole).toBeGreaterThan(5);
  });

  it('reads further back for a branch switch to a turn far before the end, and reads only the end otherwise', async () => {
    const records = randomLog(7, 0);
    let parent: string | null = null;
    for (let n = 1; n <= 300; n++) {
      records.push({
        ...templates.turns[n % 3],
        at: 1000 + n,
        nodeId: `n${n}`,
        parentId: parent,
        number: n,
        input: { text: `Turn ${n}.` },
      });
      parent = `n${n}`;
    }
    const far = [...records, { type: 'branch', at: 5000, leafId: 'n12' } as const];
    const tail = readLogTail(bytesOf(far), (turns) => turns.length >= 5, 8);
    // The branch's turns are read back to the opening: the tail grew until it held them.
    expect(tail?.turns.map((t) => t.id)).toEqual(Array.from({ length: 12 }, (_, i) => `n${i + 1}`));
    await expectLikeCareful(bytesOf(far), tail!, 'far branch');
    const near = readLogTail(bytesOf(records), (turns) => turns.length >= 5, 8);
    expect(near?.earlier).toBe(292);
    expect(near?.turns).toHaveLength(8);
  });

  it('holds a rewind to the opening: no turns, nothing earlier', async () => {
    const records = randomLog(3, 40);
    const leaf = records.filter((r) => r.type === 'turn').at(-1) as TurnRecord;
    records.push({ type: 'rewind', at: 9e12, from: leaf.nodeId, leafId: ROOT });
    const tail = readLogTail(bytesOf(records), () => false);
    expect(tail).toMatchObject({ turns: [], earlier: 0 });
    await expectLikeCareful(bytesOf(records), tail!, 'rewound to the opening');
  });

  describe('is not sure, and gives nothing, when', () => {
    const story = () => randomLog(11, 80);
    const tailOf = (bytes: Buffer) => readLogTail(bytes, (turns) => turns.length >= 3);

    it('the log is clean (the control: it does give a tail)', () => {
      expect(tailOf(bytesOf(story()))).toBeDefined();
    });

    it('the last line is torn (no line break after it) or damaged', () => {
      const bytes = bytesOf(story());
      expect(tailOf(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
      expect(tailOf(bytes.subarray(0, bytes.length - 40))).toBeUndefined();
      const damaged = Buffer.from(bytes);
      damaged[damaged.length - 30] ^= 0x01;
      expect(tailOf(damaged)).toBeUndefined();
      // The careful load says so too.
      expect(carefulLoad(damaged).warnings.length).toBeGreaterThan(0);
    });

    it('a line it reads has no checksum (a log from before checksums)', () => {
      const records = story();
      const lines = records.map((r) => recordLines(r).story);
      const last = records.length - 1;
      lines[last] = JSON.stringify(records[last]);
      expect(tailOf(Buffer.from(`${lines.join('\n')}\n`))).toBeUndefined();
    });

    it('the start record is damaged', () => {
      const bytes = bytesOf(story());
      bytes[30] ^= 0x01;
      expect(readLogStart(bytes)).toBeUndefined();
      expect(tailOf(bytes)).toBeUndefined();
    });

    it('a line before the tail is of a kind it does not know, or has no type first', () => {
      const records = story();
      const lines = records.map((r) => recordLines(r).story);
      lines.splice(2, 0, recordLines({ type: 'mystery', at: 1 } as unknown as SessionRecord).story);
      expect(tailOf(Buffer.from(`${lines.join('\n')}\n`))).toBeUndefined();
      const odd = records.map((r) => recordLines(r).story);
      odd.splice(2, 0, '{"crc":"00000000","at":1,"type":"note","note":null}');
      expect(tailOf(Buffer.from(`${odd.join('\n')}\n`))).toBeUndefined();
    });

    it('the active leaf is a turn the log does not hold', () => {
      const records = story();
      records.push({ type: 'branch', at: 9e12, leafId: 'n-nowhere' });
      // The careful load ignores the switch; the tail reader cannot tell where the leaf is, so it leaves it to that load.
      expect(tailOf(bytesOf(records))).toBeUndefined();
    });

    it('a story-wide record before the tail is damaged', () => {
      const records = story();
      records.splice(2, 0, { type: 'samplers', at: 1, key: 'temperature', value: 0.5 });
      const bytes = bytesOf(records);
      const line = bytes.indexOf('"samplers"');
      bytes[line + 20] ^= 0x01;
      expect(tailOf(bytes)).toBeUndefined();
    });
  });

  it('leaves the lines between the start and the tail to the careful load, which still warns of them', () => {
    const records = randomLog(5, 0);
    let parent: string | null = null;
    for (let n = 1; n <= 60; n++) {
      records.push({
        ...templates.turns[n % 3],
        at: 1000 + n,
        nodeId: `n${n}`,
        parentId: parent,
        number: n,
        input: { text: `Turn ${n}.` },
      });
      parent = `n${n}`;
    }
    const bytes = bytesOf(records);
    const at = bytes.indexOf('Turn 10.');
    bytes[at] ^= 0x01;
    expect(readLogTail(bytes, (turns) => turns.length >= 5, 8)?.earlier).toBe(52);
    expect(carefulLoad(bytes).warnings.length).toBeGreaterThan(0);
  });
});

describe("a story's activity from its log's end (sessions list, --resume last)", () => {
  const careful = async (bytes: Buffer) => (await restore(carefulLoad(bytes).records)).turns().length;

  it('counts the active branch as the careful load does, on 120 random logs, whole or from their last bytes', async () => {
    let cut = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const bytes = bytesOf(randomLog(seed, 20 + seed * 4));
      const want = await careful(bytes);
      expect(activityIn(bytes, true), `seed ${seed}`).toEqual({ played: true, turns: want });
      // From only the last few kB: the same count, or not sure (never another count).
      const end = activityIn(bytes.subarray(bytes.length - 6000), false);
      if (end?.turns === undefined) cut++;
      else expect(end, `seed ${seed}, end`).toEqual({ played: true, turns: want });
    }
    // Most logs end in a turn that says its number; some need a turn further back than 6 kB.
    expect(cut).toBeLessThan(60);
  });

  it('tells a story opened and left before its first message from one played and rewound to the opening', () => {
    const opened = randomLog(5, 0);
    expect(activityIn(bytesOf(opened), true)).toEqual({ played: false, turns: 0 });
    const rewound = randomLog(3, 40);
    const leaf = rewound.filter((r) => r.type === 'turn').at(-1) as TurnRecord;
    rewound.push({ type: 'rewind', at: 9e12, from: leaf.nodeId, leafId: ROOT });
    expect(activityIn(bytesOf(rewound), true)).toEqual({ played: true, turns: 0 });
  });
});
