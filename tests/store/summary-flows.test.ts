import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySessionStore, type SessionRecord, type SessionStore, type TurnRecord } from '../../src/engine/session/records.js';
import { Session } from '../../src/engine/session/index.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { diagnosticsPath } from '../../src/store/diagnostics.js';
import { loadSession } from '../../src/store/load.js';
import { parseSessionBytes } from '../../src/store/parse-session.js';
import { JsonlSessionStore, logLines, recordLine, recordLines, sessionPath } from '../../src/store/session-file.js';
import { applySummaryEdit, summaryCheck, summaryEdit, type EditedMemory } from '../../src/store/summary-form.js';
import { runCli } from '../hardening/helpers.js';
import { readLogTail } from '../../src/store/tail.js';
import { resolveWorld } from '../../src/world/discover.js';
import { collect } from '../engine/session/helpers.js';
import { steppingClock } from '../engine/session/scripted-provider.js';

/**
 * End-to-end flows over the compact summary form (summary-form.ts) through the real engine and
 * store: what the engine held is compared with what every reader gives back.
 */

/** A JsonlSessionStore that also keeps what it was given, as the engine had it. */
class Tee implements SessionStore {
  readonly records: SessionRecord[] = [];
  constructor(readonly inner: JsonlSessionStore) {}
  async append(record: SessionRecord): Promise<void> {
    await this.inner.append(record);
    this.records.push(structuredClone(record));
  }
}

const turnsOf = (records: readonly SessionRecord[]) => records.filter((r): r is TurnRecord => r.type === 'turn');
const memories = (records: readonly SessionRecord[]) => turnsOf(records).map((t) => [t.nodeId, t.memory] as const);

async function deps(world: string, store: SessionStore) {
  return {
    pack: (await resolveWorld(world)).pack,
    provider: createOfflineNarrator({ seed: 5 }),
    clock: steppingClock(),
    seed: 5,
    candidates: 2,
    budget: 2048,
    store,
  };
}

describe('a played story in the compact form, end to end', () => {
  for (const world of ['glass-orchard', 'qingshan-inn']) {
    it(`${world}: regenerate, swipe, edit, undo, branch, edited reply, resume: every summary reads back as the engine had it, from the careful reader, the tail, any cut of the file and the CLI`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'skald-audit-'));
      const tee = new Tee(new JsonlSessionStore({ dir }));
      const session = await Session.create(await deps(world, tee));
      const line = (n: number) => (world === 'qingshan-inn' ? `我走进客栈，第${n}步。🍵 e\u0301` : `I walk on, step ${n}. 🍎 e\u0301`);
      for (let n = 1; n <= 45; n++) await collect(session.play({ text: line(n) }));
      await collect(session.regenerate());
      await session.choose(45, 1);
      await collect(session.regenerate(30));
      await session.choose(30, 0);
      await collect(session.edit(line(99)));
      for (let n = 1; n <= 5; n++) await collect(session.play({ text: line(100 + n) }));
      await session.undo();
      await session.undo();
      await collect(session.play({ text: line(200) }));
      const leaf20 = turnsOf(tee.records).find((t) => t.number === 20)!.nodeId;
      await session.switchBranch(leaf20);
      for (let n = 1; n <= 20; n++) await collect(session.play({ text: line(300 + n) }));
      await collect(session.editReply('An edited reply. It has sentences.'));
      for (let n = 1; n <= 3; n++) await collect(session.play({ text: line(400 + n) }));
      await tee.inner.close();
      const summaries = turnsOf(tee.records).map((t) => t.memory.summary);
      // The summaries filled (the budget is small); the inn's are Chinese.
      expect(summaries.filter((s) => s.length > 100).length).toBeGreaterThan(20);
      if (world === 'qingshan-inn') expect(summaries.filter((s) => /[\u4e00-\u9fff]/.test(s)).length).toBeGreaterThan(20);
      const loaded = await loadSession(session.id, dir);
      expect(loaded.warnings).toEqual([]);
      expect(memories(loaded.records)).toEqual(memories(tee.records));
      const bytes = readFileSync(sessionPath(session.id, dir));
      const byId = new Map(memories(tee.records));
      if (world === 'glass-orchard') await cliSame(tee.records);
      for (const want of [3, 5, 17, 40, 1000]) {
        const tail = readLogTail(bytes, (t) => t.length >= want, 4);
        expect(tail).toBeDefined();
        for (const r of tail!.records) expect(r.memory).toEqual(byId.get(r.nodeId));
      }
      const edits = bytes
        .toString('utf8')
        .split('\n')
        .filter((l) => l.includes('"edit":[')).length;
      expect(edits).toBeGreaterThan(30);

      // Resumed by a second store, played on: its first summary is whole, and the file reads back whole again.
      const tee2 = new Tee(new JsonlSessionStore({ id: session.id, dir }));
      await tee2.inner.lock();
      const resumed = await Session.restore(loaded.records, await deps(world, tee2));
      for (let n = 1; n <= 20; n++) await collect(resumed.play({ text: line(500 + n) }));
      await tee2.inner.close();
      const again = await loadSession(session.id, dir);
      expect(again.warnings).toEqual([]);
      expect(memories(again.records)).toEqual([...memories(tee.records), ...memories(tee2.records)]);

      // Cut anywhere (kill -9 mid-write): every turn line that is whole is kept with its exact summary.
      const all = readFileSync(sessionPath(session.id, dir));
      const expected = new Map([...memories(tee.records), ...memories(tee2.records)]);
      for (let cut = 0; cut < all.length; cut += Math.floor(all.length / 397)) {
        const part = all.subarray(0, cut);
        const parsed = parseSessionBytes(part, 'cut');
        const complete = part
          .toString('utf8')
          .split('\n')
          .slice(0, -1)
          .filter((l) => l.includes('"type":"turn"')).length;
        expect(turnsOf(parsed.records).length - complete).toBeGreaterThanOrEqual(0);
        expect(turnsOf(parsed.records).length - complete).toBeLessThanOrEqual(1);
        for (const t of turnsOf(parsed.records)) expect(t.memory).toEqual(expected.get(t.nodeId));
      }
    }, 600_000);
  }
});

describe('a damaged line in the middle of a chain of edits', () => {
  it('one summary falls back with one warning; resumed and played on, the new turns are exact again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-audit-'));
    const tee = new Tee(new JsonlSessionStore({ dir }));
    const session = await Session.create(await deps('glass-orchard', tee));
    for (let n = 1; n <= 60; n++) await collect(session.play({ text: `I walk on, step ${n}.` }));
    await tee.inner.close();
    const expected = new Map(memories(tee.records));
    const file = sessionPath(session.id, dir);
    const lines = readFileSync(file, 'utf8').split('\n');
    // A turn line stored as an edit, whose child is an edit too.
    const at = lines.findIndex((l, i) => i > 30 && l.includes('"edit":[') && lines[i + 1]?.includes('"edit":['));
    for (const mode of ['flip', 'delete'] as const) {
      const copy = [...lines];
      if (mode === 'flip') copy[at] = copy[at].replace('"number":', '"numbex":');
      else copy.splice(at, 1);
      const subdir = mkdtempSync(join(tmpdir(), 'skald-audit-'));
      writeFileSync(sessionPath(session.id, subdir), copy.join('\n'));
      copyFileSync(diagnosticsPath(file), diagnosticsPath(sessionPath(session.id, subdir)));
      const loaded = await loadSession(session.id, subdir);
      const summaryWarnings = loaded.problems.filter((p) => p.kind === 'summary');
      expect(summaryWarnings.length).toBe(1);
      // The turn after the lost one falls back to the summary before the loss; every other turn is exact
      // (a later edit that only slices what the stand-in shares with the lost summary still checks out).
      const lost = Number(/^\{"crc":"[0-9a-f]+","type":"turn".*?"number":(\d+)/.exec(lines[at])?.[1] ?? NaN);
      const byNumber = new Map(turnsOf(tee.records).map((t) => [t.number, t.memory]));
      for (const t of turnsOf(loaded.records)) {
        if (t.number === lost + 1) expect(t.memory).toEqual(byNumber.get(lost - 1));
        else expect(t.memory).toEqual(expected.get(t.nodeId));
      }
      expect(turnsOf(loaded.records)).toHaveLength(59);
      const tee2 = new Tee(new JsonlSessionStore({ id: session.id, dir: subdir }));
      await tee2.inner.lock();
      const resumed = await Session.restore(loaded.records, await deps('glass-orchard', tee2));
      for (let n = 1; n <= 20; n++) await collect(resumed.play({ text: `I go back, step ${n}.` }));
      await tee2.inner.close();
      const again = await loadSession(session.id, subdir);
      expect(again.warnings).toEqual(loaded.warnings);
      expect(memories(again.records)).toEqual([...memories(loaded.records), ...memories(tee2.records)]);
      const tail = readLogTail(readFileSync(sessionPath(session.id, subdir)), (t) => t.length >= 25, 8);
      const byId = new Map(memories(again.records));
      expect(tail).toBeDefined();
      if (tail) for (const r of tail.records) expect(r.memory).toEqual(byId.get(r.nodeId));
    }
  }, 600_000);
});

/** The CLI's show, export, repair, copy and a --copy resume played on give the same from an all-whole file and a compact one. */
async function cliSame(story: SessionRecord[]) {
  const id = (story[0] as { id: string }).id;
  const outputs: string[][] = [];
  for (const lines of [story.map((r) => recordLines(r).story), logLines(story).map((l) => l.story)]) {
    const home = mkdtempSync(join(tmpdir(), 'skald-audit-home-'));
    mkdirSync(join(home, 'sessions'));
    writeFileSync(sessionPath(id, join(home, 'sessions')), `${lines.join('\n')}\n`);
    const env = { SKALD_HOME: home };
    const runs = [
      ['sessions', 'show', id],
      ['sessions', 'show', id, '--json'],
      ...['json', 'md', 'st'].map((format) => ['sessions', 'export', id, '--format', format]),
      ['sessions', 'repair', id],
      ['sessions', 'copy', id],
    ];
    const out: string[] = [];
    for (const args of runs) {
      const run = await runCli(args, { env });
      expect(run.status, run.stderr).toBe(0);
      out.push(run.stdout, run.stderr);
    }
    const play = await runCli(['play', '--resume', id, '--copy', '--headless', '--budget', '2048'], {
      env,
      input: 'I look around once more.\nI listen.\n/regen\nI go on.\n',
    });
    expect(play.status, play.stderr).toBe(0);
    out.push(play.stdout.replace(/"ms":\d+/g, ''), play.stderr);
    const files = readdirSync(join(home, 'sessions'))
      .filter((f) => f.endsWith('.jsonl'))
      .sort();
    for (const f of files) {
      const sid = f.replace(/\.jsonl$/, '');
      const loaded = await loadSession(sid, join(home, 'sessions'));
      out.push(f, JSON.stringify(loaded.warnings), JSON.stringify(memories(loaded.records)));
    }
    outputs.push(
      out.map((o) =>
        o
          .split(home)
          .join('HOME')
          .replace(/"(ttftMs|totalMs|ms)":\d+/g, ''),
      ),
    );
  }
  for (let i = 0; i < outputs[0].length; i++) expect(outputs[1][i], `output ${i}`).toBe(outputs[0][i]);
}

describe('edits that take more of the parent than it holds', () => {
  it('are refused when read (a 3 MB line slicing one summary 400,000 times loads with a warning, it does not throw)', async () => {
    const store = new MemorySessionStore();
    const session = await Session.create({ ...(await deps('glass-orchard', store)), candidates: 1 });
    await collect(session.play({ text: 'I look around.' }));
    await collect(session.play({ text: 'I wait.' }));
    const [start, first, second] = store.records as [SessionRecord, TurnRecord, TurnRecord];
    const parent = 'The mill wheel turns and the river runs high. '.repeat(40);
    const bomb = { summaryThrough: 2, edit: Array.from({ length: 400_000 }, () => [0, parent.length]), check: summaryCheck('') };
    const log = [
      recordLine(start),
      recordLine({ ...first, memory: { summary: parent, summaryThrough: 1 } }),
      recordLine({ ...second, memory: bomb as never }),
    ];
    const parsed = parseSessionBytes(Buffer.from(`${log.join('\n')}\n`), 'the story');
    expect(turnsOf(parsed.records).map((t) => t.memory.summary)).toEqual([parent, parent]);
    expect(parsed.problems.map((p) => p.kind)).toEqual(['summary']);
    expect(
      applySummaryEdit(parent, {
        summaryThrough: 2,
        edit: [
          [0, parent.length],
          [0, 1],
        ],
        check: summaryCheck(parent + parent[0]),
      }),
    ).toBeUndefined();
  }, 60_000);

  it('many edits of one long summary make at most a bounded multiple of the text the file holds', async () => {
    const store = new MemorySessionStore();
    const session = await Session.create({ ...(await deps('glass-orchard', store)), candidates: 1 });
    await collect(session.play({ text: 'I look around.' }));
    await collect(session.play({ text: 'I wait.' }));
    const [start, first, second] = store.records as [SessionRecord, TurnRecord, TurnRecord];
    // A summary of 100,000 characters, and 3,000 branches after it, each an edit that keeps all but its last character.
    const parent = 'The mill wheel turns and the river runs high. '.repeat(2200).slice(0, 100_000);
    const child = `${parent.slice(0, -1)}!`;
    const edit = { summaryThrough: 2, edit: [[0, parent.length - 1], '!'], check: summaryCheck(child) };
    const log = [recordLine(start), recordLine({ ...first, memory: { summary: parent, summaryThrough: 1 } })];
    for (let k = 0; k < 3000; k++) log.push(recordLine({ ...second, nodeId: `b${k}`, memory: edit as never }));
    const bytes = Buffer.from(`${log.join('\n')}\n`);
    const parsed = parseSessionBytes(bytes, 'the story');
    const turns = turnsOf(parsed.records);
    expect(turns).toHaveLength(3001);
    // Exact as far as the budget goes, past it the parent's summary stands in, with the summary warning.
    const made = turns.slice(1).filter((t) => t.memory.summary === child).length;
    expect(made).toBeGreaterThan(100);
    expect(made * child.length).toBeLessThan(bytes.length * 64 + (1 << 25) + child.length);
    expect(turns.slice(1).every((t) => t.memory.summary === child || t.memory.summary === parent)).toBe(true);
    expect(parsed.problems.some((p) => p.kind === 'summary')).toBe(true);
  }, 60_000);

  it('the tail reader holds to the same bound: a long chain of edits each keeping all of a long parent is left to the careful load', async () => {
    const store = new MemorySessionStore();
    const session = await Session.create({ ...(await deps('glass-orchard', store)), candidates: 1 });
    await collect(session.play({ text: 'I look around.' }));
    await collect(session.play({ text: 'I wait.' }));
    const [start, first, second] = store.records as [SessionRecord, TurnRecord, TurnRecord];
    // A summary of 100,000 characters, then a chain of 500 turns each keeping all of its parent's and adding one: 50M characters made from a 0.2 MB file.
    const whole = 'The mill wheel turns and the river runs high. '.repeat(2200).slice(0, 100_000);
    const log = [recordLine(start), recordLine({ ...first, memory: { summary: whole, summaryThrough: 1 } })];
    let summary = whole;
    let parentId = first.nodeId;
    const chain = 500;
    for (let k = 0; k < chain; k++) {
      const edit = { summaryThrough: 2, edit: [[0, summary.length], '!'], check: summaryCheck(`${summary}!`) };
      summary += '!';
      log.push(recordLine({ ...second, nodeId: `c${k}`, parentId, number: k + 2, memory: edit as never }));
      parentId = `c${k}`;
    }
    const bytes = Buffer.from(`${log.join('\n')}\n`);
    // Short of the bound the tail resolves the chain exactly (the last 10 turns, looking back before them to the whole summary).
    const near = Buffer.from(`${log.slice(0, 2 + 25).join('\n')}\n`);
    const tail = readLogTail(near, (t) => t.length >= 10, 10);
    expect(tail?.records.at(-1)?.memory.summary).toBe(`${whole}${'!'.repeat(25)}`);
    // Past it the tail vouches for nothing, and the careful load refuses the edits beyond the bound with its warning.
    expect(readLogTail(bytes, () => false)).toBeUndefined();
    const parsed = parseSessionBytes(bytes, 'the story');
    expect(parsed.problems.map((p) => p.kind)).toEqual(['summary']);
    expect(turnsOf(parsed.records)).toHaveLength(chain + 1);
  }, 120_000);

  it("are never written: a summary repeating its parent's sentences is stored whole, and every edit written reads back", () => {
    const sentence = 'Wren taps the sluice chain twice for luck. ';
    const parent = `${sentence}Ilsa waits by the door.`;
    const next = `${sentence}${sentence}${sentence}Ilsa waits by the door. Night falls.`;
    expect(summaryEdit(parent, next)).toBeUndefined();
    // Pieces of every kind a summary holds: CJK stops without spaces, emoji, lone surrogates, combining marks.
    const atoms = [
      'a',
      'Wren ',
      '。',
      '！',
      '青山',
      '客栈',
      '🍵',
      '\ud83c',
      '\udf75',
      'e\u0301',
      '\n',
      '. ',
      '? ',
      '\t',
      '…',
      '”',
      '\u3000',
      '\u00a0',
      'a long sentence here ',
      'x'.repeat(13),
    ];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const gen = (n: number) => Array.from({ length: n }, () => atoms[rnd(atoms.length)]).join('');
    let edits = 0;
    for (let i = 0; i < 5000; i++) {
      const before = gen(1 + rnd(80));
      const after = rnd(2) ? [...before.split('\n').slice(rnd(3)), gen(rnd(20))].join('\n') : before.slice(rnd(10)) + before + gen(rnd(30));
      const edit = summaryEdit(before, after);
      if (!edit) continue;
      edits++;
      const stored = JSON.parse(JSON.stringify({ summaryThrough: 1, edit, check: summaryCheck(after) })) as EditedMemory;
      expect(applySummaryEdit(before, stored)).toBe(after);
    }
    expect(edits).toBeGreaterThan(300);
  });
});

describe('a SillyTavern chat imported, then played on', () => {
  it('every summary the engine showed (/memory) reads back from the compact file, and after a second resume', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-audit-home-'));
    const env = { SKALD_HOME: home };
    const memoryOf = (stdout: string) =>
      stdout
        .split('\n')
        .filter((l) => l.startsWith('{"type":"memory"'))
        .map((l) => (JSON.parse(l) as { memory: { summary: string; summaryThrough: number } }).memory);
    const played = await runCli(['play', 'glass-orchard', '--headless', '--budget', '2048', '--candidates', '1'], {
      env,
      input: Array.from({ length: 6 }, (_, i) => `I try the door, try ${i + 1}.\n`).join(''),
    });
    expect(played.status, played.stderr).toBe(0);
    const first = (JSON.parse(played.stdout.split('\n')[0]) as { id: string }).id;
    const exported = await runCli(['sessions', 'export', first, '--format', 'st'], { env });
    expect(exported.status, exported.stderr).toBe(0);
    const chat = join(home, 'chat.jsonl');
    writeFileSync(chat, exported.stdout);
    const imported = await runCli(['sessions', 'import', chat, '--world', 'glass-orchard', '--json'], { env });
    expect(imported.status, imported.stderr).toBe(0);
    const id = (JSON.parse(imported.stdout) as { id: string }).id;
    const lines = Array.from({ length: 30 }, (_, i) => `I walk the orchard rows, row ${i + 1}.\n/memory\n`).join('');
    const on = await runCli(['play', '--resume', id, '--headless', '--budget', '2048', '--candidates', '1'], { env, input: lines });
    expect(on.status, on.stderr).toBe(0);
    const shown = memoryOf(on.stdout);
    expect(shown).toHaveLength(30);
    const sessions = join(home, 'sessions');
    const loaded = await loadSession(id, sessions);
    expect(loaded.warnings).toEqual([]);
    const turns = turnsOf(loaded.records);
    expect(turns.slice(-30).map((t) => t.memory)).toEqual(shown.map(({ summary, summaryThrough }) => ({ summary, summaryThrough })));
    expect(
      readFileSync(sessionPath(id, sessions), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"edit":[')).length,
    ).toBeGreaterThan(15);
    const again = await runCli(['play', '--resume', id, '--headless', '--budget', '2048'], { env, input: '/memory\n' });
    expect(memoryOf(again.stdout).at(-1)).toEqual(shown.at(-1));
  }, 180_000);
});
