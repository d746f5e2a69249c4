import { appendFileSync, mkdirSync, mkdtempSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSessions, resolveSessionId } from '../../src/store/list.js';
import { cpuStopwatch } from '../support/cpu-time.js';

function fakeSession(dir: string, id: string, turns: number): void {
  const start = {
    type: 'session-start',
    v: 1,
    id,
    at: Date.parse('2026-11-29T04:35:00Z'),
    packId: 'mini-mill',
    packTitle: 'The Mini Mill',
    openingId: 'homecoming',
    persona: 'Tamsin',
    seed: 1,
    provider: { id: 'offline', label: 'offline narrator', offline: true },
    candidates: 3,
    budget: 8192,
    planner: true,
  };
  const path = join(dir, `${id}.jsonl`);
  writeFileSync(path, `${JSON.stringify(start)}\n`);
  // A sparse tail of `turns` MB: free on disk, but reading whole files would take minutes.
  if (turns > 0) truncateSync(path, turns * 1024 * 1024);
}

describe('listing sessions', () => {
  it('lists 500 long sessions from their first lines, quickly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-list-'));
    for (let i = 0; i < 500; i++) fakeSession(dir, `20261129-${String(1000 + i).slice(-4)}-ab${String(i % 100).padStart(2, '0')}`, 64);
    const cpu = cpuStopwatch();
    const sessions = listSessions(dir, { activity: true });
    const elapsed = cpu();
    expect(sessions).toHaveLength(500);
    expect(sessions.every((s) => s.start?.packId === 'mini-mill')).toBe(true);
    // Their ends hold no record a turn count can be read from (a sparse tail of zeros): not known,
    // and taken as played, so `last` does not skip a story it cannot be sure of.
    expect(sessions.every((s) => s.activity?.played === true && s.activity.turns === undefined)).toBe(true);
    // 500 x 64 MB is 32 GB: reading whole files could not finish in this time.
    expect(elapsed).toBeLessThan(1500);
  });

  it('resolves last, exact ids and unique prefixes; reports unknown ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-list-'));
    mkdirSync(dir, { recursive: true });
    fakeSession(dir, '20261129-0400-aaaa', 1);
    fakeSession(dir, '20261129-0401-bbbb', 1);
    expect(resolveSessionId('20261129-0400', dir)).toBe('20261129-0400-aaaa');
    expect(['20261129-0400-aaaa', '20261129-0401-bbbb']).toContain(resolveSessionId('last', dir));
    expect(() => resolveSessionId('nope', dir)).toThrow(/no session "nope"/);
    expect(listSessions(join(dir, 'missing'))).toEqual([]);
  });

  it('takes for last the latest story with a played turn, not a newer one left before its first message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-list-'));
    const at = (id: string, minute: number) => utimesSync(join(dir, `${id}.jsonl`), 1e6 + minute * 60, 1e6 + minute * 60);
    const played = (id: string, turns: number) => {
      fakeSession(dir, id, 0);
      for (let n = 1; n <= turns; n++)
        appendFileSync(
          join(dir, `${id}.jsonl`),
          `${JSON.stringify({ type: 'turn', at: n, nodeId: `n${n}`, parentId: n > 1 ? `n${n - 1}` : null, number: n })}\n`,
        );
    };
    played('20261129-0400-aaaa', 3);
    played('20261129-0401-bbbb', 2);
    fakeSession(dir, '20261129-0402-cccc', 0);
    fakeSession(dir, '20261129-0403-dddd', 0);
    at('20261129-0400-aaaa', 10);
    at('20261129-0401-bbbb', 1);
    at('20261129-0402-cccc', 20);
    at('20261129-0403-dddd', 30);
    expect(resolveSessionId('last', dir)).toBe('20261129-0400-aaaa');
    expect(listSessions(dir, { activity: true }).map((s) => [s.id, s.activity?.turns])).toEqual([
      ['20261129-0403-dddd', 0],
      ['20261129-0402-cccc', 0],
      ['20261129-0400-aaaa', 3],
      ['20261129-0401-bbbb', 2],
    ]);
    // With no played story at all, last is the newest one.
    const empty = mkdtempSync(join(tmpdir(), 'skald-list-'));
    fakeSession(empty, '20261129-0500-eeee', 0);
    expect(resolveSessionId('last', empty)).toBe('20261129-0500-eeee');
  });
});
