import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
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
  truncateSync(path, turns * 1024 * 1024);
}

describe('listing sessions', () => {
  it('lists 500 long sessions from their first lines, quickly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-list-'));
    for (let i = 0; i < 500; i++) fakeSession(dir, `20261129-${String(1000 + i).slice(-4)}-ab${String(i % 100).padStart(2, '0')}`, 64);
    const cpu = cpuStopwatch();
    const sessions = listSessions(dir);
    const elapsed = cpu();
    expect(sessions).toHaveLength(500);
    expect(sessions.every((s) => s.start?.packId === 'mini-mill')).toBe(true);
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
});
