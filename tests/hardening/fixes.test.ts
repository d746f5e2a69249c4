/**
 * The small fixes the benchmarks and fault tests led to, each pinned by a test that fails
 * without it: one system-prompt encode per turn, the pacing profile saved off the turn's path,
 * node ids that survive a lost record, session logs parsed line by line.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionTree } from '../../src/engine/session/tree.js';
import type { SessionRecord, TurnRecord } from '../../src/engine/session/records.js';
import { TokenCounter } from '../../src/engine/tokens.js';
import { parseSessionBytes, parseSessionLog } from '../../src/store/parse-session.js';
import { backgroundProfileSaver, loadProfile } from '../../src/store/profile.js';
import type { PacingProfile } from '../../src/engine/types.js';

const profile = (turns: number): PacingProfile => ({
  version: 1,
  score: 0.2,
  confidence: 0.5,
  turns,
  sessions: 1,
  updatedAt: 0,
  stats: {},
});

describe('fixes found by the benchmarks', () => {
  it('the candidates of a turn share one encode of the system prompt', () => {
    const counter = new TokenCounter();
    const system = 'You are the narrator. '.repeat(500);
    const first = counter.countOnce(system);
    for (let i = 0; i < 2; i++) expect(counter.countOnce(system)).toBe(first);
    expect(counter.encodes).toBe(1);
    // Only a few are remembered, and nothing enters the long-lived cache.
    for (let i = 0; i < 6; i++) counter.countOnce(`${system} ${i}`);
    counter.countOnce(system);
    expect(counter.encodes).toBe(8);
    expect(counter.size).toBe(0);
  });

  it('the pacing profile is saved in the background, coalesced, and flushed on demand', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'skald-profile-')), 'pacing-profile.json');
    const saver = backgroundProfileSaver(path, 10_000);
    for (let turns = 1; turns <= 50; turns++) await saver.save(profile(turns));
    // Handing a profile over never waits for the disk: fifty saves resolved and nothing is written yet.
    expect(existsSync(path)).toBe(false);
    await saver.flush();
    expect((await loadProfile(path))?.turns).toBe(50);
    // Within the interval, later saves wait for a flush (or the timer) and the latest wins.
    await saver.save(profile(51));
    await saver.save(profile(52));
    expect((await loadProfile(path))?.turns).toBe(50);
    await saver.flush();
    expect((await loadProfile(path))?.turns).toBe(52);
  });

  it('a process that ends on its own writes the pending profile first, without lingering for the timer', async () => {
    const { spawnSync } = await import('node:child_process');
    const path = join(mkdtempSync(join(tmpdir(), 'skald-profile-exit-')), 'pacing-profile.json');
    const module = new URL('../../src/store/profile.ts', import.meta.url).href;
    const script = `const { backgroundProfileSaver } = await import(${JSON.stringify(module)});
      const saver = backgroundProfileSaver(${JSON.stringify(path)}, 60000);
      await saver.save(${JSON.stringify(profile(1))});
      await saver.flush();
      await saver.save(${JSON.stringify(profile(2))});`;
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(child.status, child.stderr).toBe(0);
    // The 60 s timer did not hold the process (a start-up on a loaded machine can take many seconds,
    // so the bound is what the timer would have cost); the second save was still written.
    expect(Date.now() - started).toBeLessThan(55_000);
    expect((await loadProfile(path))?.turns).toBe(2);
  });

  it('a lost turn record never makes the next node reuse a surviving id', () => {
    const tree = new SessionTree();
    const turn = (nodeId: string, parentId: string | null, number: number): TurnRecord => ({
      type: 'turn',
      at: number,
      nodeId,
      parentId,
      number,
      cause: 'play',
      input: { text: `t${number}` },
      candidates: [],
      chosen: 0,
      plan: {} as TurnRecord['plan'],
      pacing: {} as TurnRecord['pacing'],
      prompt: {} as TurnRecord['prompt'],
      facts: [],
      memory: { summary: '', summaryThrough: 0 },
    });
    // n2 was on an unreadable line: n1, n3, n4 survive.
    for (const record of [turn('n1', null, 1), turn('n3', 'n2', 3), turn('n4', 'n3', 4)] as SessionRecord[]) tree.apply(record);
    const id = tree.nextId();
    expect(['n1', 'n3', 'n4']).not.toContain(id);
    tree.apply(turn(id, tree.activeLeaf, 5));
    expect(tree.branch().map((n) => n.id)).toEqual(['n3', 'n4', id]);
  });

  it('a parent loop in a damaged log cannot hang the branch walk', () => {
    const tree = new SessionTree();
    const base = {
      type: 'turn' as const,
      at: 1,
      cause: 'play' as const,
      input: { text: 'x' },
      candidates: [],
      chosen: 0,
      plan: {} as TurnRecord['plan'],
      pacing: {} as TurnRecord['pacing'],
      prompt: {} as TurnRecord['prompt'],
      facts: [],
      memory: { summary: '', summaryThrough: 0 },
    };
    tree.apply({ ...base, nodeId: 'a', parentId: 'b', number: 1 });
    tree.apply({ ...base, nodeId: 'b', parentId: 'a', number: 2 });
    expect(tree.branch().length).toBeLessThanOrEqual(3);
  });

  it('session logs parse line by line from bytes, with the same records and warnings as from text', () => {
    const good = (n: number) => JSON.stringify({ type: 'edit', at: n, replaces: `n${n}`, text: `line ${n}` });
    const text = `${good(1)}\n\n${good(2)}\nnot json\n${good(3)}\n{"type":"edi`;
    const fromText = parseSessionLog(text, 'the log');
    const fromBytes = parseSessionBytes(Buffer.from(text), 'the log');
    expect(fromBytes).toEqual(fromText);
    expect(fromBytes.records).toHaveLength(3);
    expect(fromBytes.warnings).toEqual([
      'Line 4 of the log is unreadable (it is not valid JSON) and was skipped; what it held cannot be told.',
      'The last line of the log was cut off (probably a crash while saving); it was skipped and everything before it kept.',
    ]);
    // Multi-byte text split across the buffer is decoded whole, line by line.
    const unicode = `${JSON.stringify({ type: 'edit', at: 1, replaces: 'n1', text: '青山客栈 🦊 — ünïcödé' })}\n`;
    expect((parseSessionBytes(Buffer.from(unicode), 'x').records[0] as { text: string }).text).toBe('青山客栈 🦊 — ünïcödé');
  });

  it('the bench script exists and names every suite file', () => {
    const root = new URL('../../', import.meta.url);
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.bench).toContain('bench/run.ts');
    const runner = readFileSync(new URL('bench/run.ts', root), 'utf8');
    const suites = /SUITES = \[([^\]]+)\]/
      .exec(runner)![1]
      .match(/'([a-z]+)'/g)!
      .map((s) => s.slice(1, -1));
    for (const suite of suites)
      expect(existsSync(new URL(`bench/${suite}.ts`, root)) || existsSync(new URL(`bench/${suite}.tsx`, root)), suite).toBe(true);
  });
});

describe('the exact system-prompt count from cached sections', () => {
  it('equals a fresh encode of the whole system message, in every bundled world, turn after turn', async () => {
    const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
    const { Session } = await import('../../src/engine/session/index.js');
    const { MemorySessionStore } = await import('../../src/engine/session/records.js');
    const { createOfflineNarrator } = await import('../../src/providers/offline/index.js');
    const { resolveWorld } = await import('../../src/world/discover.js');
    const { MESSAGE_OVERHEAD } = await import('../../src/engine/tokens.js');
    let checked = 0;
    for (const world of ['glass-orchard', 'harbor-lights', 'ember-crown', 'qingshan-inn']) {
      const pack = (await resolveWorld(world)).pack;
      const offline = createOfflineNarrator({ seed: 2 });
      const systems: string[] = [];
      // Records what the model is sent, then narrates offline.
      const provider = {
        ...offline,
        generate: (request: Parameters<typeof offline.generate>[0]) => {
          systems.push(request.candidates[0].messages[0].content);
          return offline.generate(request);
        },
      };
      let now = Date.UTC(2026, 10, 1);
      const session = await Session.create({
        pack,
        provider,
        store: new MemorySessionStore(),
        clock: { now: () => (now += 9) },
        seed: 2,
        candidates: 1,
        budget: 3000,
      });
      for (let turn = 1; turn <= 12; turn++) {
        let system: number | undefined;
        for await (const event of session.play({
          text: turn % 3 ? `I ask about the ${['mill', 'inn', 'crown', 'harbor'][turn % 4]} (${turn}).` : '“Tell me more.”',
        })) {
          if (event.type === 'prompt') system = event.prompt.tokens - event.prompt.breakdown.history - event.prompt.breakdown.directive;
        }
        expect(system, `${world} turn ${turn}`).toBe(countTokens(systems.at(-1)!, { disallowedSpecial: new Set() }) + MESSAGE_OVERHEAD);
        checked += 1;
      }
    }
    expect(checked).toBe(48);
  });
});
