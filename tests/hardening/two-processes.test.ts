/**
 * Defect 3 of issue 17: two terminals ran `--resume last` on one session; both appended, node ids
 * were duplicated and half the turns fell off the story, with no warning. Now a session is held by
 * one process: the second is told who holds it and how to play on in a copy; a lock left by a
 * killed process is taken over; and a file two processes did write loses no turn on load.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { activeBranch } from '../../src/store/branch.js';
import { sealJson } from '../../src/store/checksum.js';
import { parseSessionBytes } from '../../src/store/parse-session.js';
import { acquireLock, lockPath, SessionLockedError } from '../../src/store/lock.js';
import { runCli } from './helpers.js';
import { realSession } from './store-fuzz.js';

const bin = new URL('../../bin/skald.js', import.meta.url).pathname;
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A headless resume that keeps its stdin open (a player at the keyboard), once its first line is out. */
async function holding(home: string, args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; first: Record<string, unknown> }> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' } });
  children.push(child);
  const first = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('no first line within 120 s')), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited (${code}) before its first line`)));
  });
  return { child, first };
}

describe('two processes on one session', () => {
  it("the second is told who holds it and offered a copy; --copy plays on in one; a killed holder's lock is taken over", async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-lock-'));
    const env = { SKALD_HOME: home };
    const first = await runCli(['play', 'glass-orchard', '--headless', '--offline', '--seed', '3', '--candidates', '1'], {
      input: 'One.\nTwo.\n',
      env,
    });
    expect(first.status, first.stderr).toBe(0);
    const id = (JSON.parse(first.stdout.split('\n')[0]) as { id: string }).id;

    const a = await holding(home, ['play', '--resume', 'last', '--headless', '--offline']);
    expect(a.first).toMatchObject({ type: 'session', id, resumed: true, turns: 2 });
    const b = await runCli(['play', '--resume', 'last', '--headless', '--offline'], { input: 'Three.\n', env });
    expect(b.status).toBe(1);
    expect(b.stdout).toBe('');
    const message = b.stderr.trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(
      new RegExp(
        `^skald: Session ${id} is open in another skald \\(pid ${a.child.pid}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\); close it there, or play on in a copy: \`skald play --resume ${id} --copy\`\\.$`,
      ),
    );

    const copy = await runCli(['play', '--resume', id, '--copy', '--headless', '--offline'], { input: 'Three, in the copy.\n', env });
    expect(copy.status, copy.stderr).toBe(0);
    const out = copy.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(out[0]).toMatchObject({ type: 'session', id: `${id}-copy`, resumed: true, turns: 2 });
    expect(out.find((l) => l.type === 'warning')?.message).toMatch(`Playing on in a copy of session ${id}: session ${id}-copy`);
    expect(out.find((l) => l.type === 'turn')).toMatchObject({ turn: 3 });

    // The holder plays on undisturbed, then dies without a word: its lock is stale and taken over.
    a.child.stdin.write('Three.\n');
    await new Promise<void>((resolve) => a.child.stdout.on('data', (c: Buffer) => c.toString().includes('"type":"turn"') && resolve()));
    a.child.kill('SIGKILL');
    await new Promise((resolve) => a.child.once('exit', resolve));
    expect(existsSync(lockPath(join(home, 'sessions', `${id}.jsonl`)))).toBe(true);
    const c = await runCli(['play', '--resume', id, '--headless', '--offline'], { input: 'Four.\n', env });
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toContain('"turn":4');
    // Let go on exit.
    expect(existsSync(lockPath(join(home, 'sessions', `${id}.jsonl`)))).toBe(false);

    const story = parseSessionBytes(readFileSync(join(home, 'sessions', `${id}.jsonl`)), 'the session', id);
    expect(story.warnings).toEqual([]);
    const turns = activeBranch(story.records);
    expect(turns.map((t) => t.input.text)).toEqual(['One.', 'Two.', 'Three.', 'Four.']);
    expect(new Set(turns.map((t) => t.id)).size).toBe(4);
    expect(
      readdirSync(join(home, 'sessions'))
        .filter((n) => n.endsWith('.jsonl'))
        .sort(),
    ).toEqual([`${id}-copy.jsonl`, `${id}.jsonl`]);
  });

  it('in one process a second lock on a held session is refused; a lock file of a dead pid is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-lock-'));
    const file = join(dir, 's.jsonl');
    const held = await acquireLock(file, 's');
    await expect(acquireLock(file, 's')).rejects.toBeInstanceOf(SessionLockedError);
    await held.release();
    const { writeFileSync } = await import('node:fs');
    // A pid no process has (past the kernel's pid_max), as a crashed holder leaves behind.
    writeFileSync(lockPath(file), JSON.stringify({ pid: 2 ** 22 + 1, host: (await import('node:os')).hostname(), since: 1 }));
    const taken = await acquireLock(file, 's');
    expect(JSON.parse(readFileSync(lockPath(file), 'utf8'))).toMatchObject({ pid: process.pid });
    await taken.release();
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it('a file two processes did write (each counting node ids on its own) loses no turn on load', async () => {
    const session = await realSession(6, 31);
    const lines = session.bytes.toString('utf8').trimEnd().split('\n');
    // A second writer appends its own n7 and n8 after the first writer's n7 and n8 (same ids, other turns).
    const records = lines.map((l) => JSON.parse(`{${l.slice(18)}`) as Record<string, any>);
    const last = records.filter((r) => r.type === 'turn').at(-1)!;
    const make = (nodeId: string, parentId: string, number: number, text: string) =>
      sealJson(JSON.stringify({ ...last, nodeId, parentId, number, input: { text } }));
    const mixed = [
      ...lines,
      make('n7', last.nodeId, 7, 'A7'),
      make('n7', last.nodeId, 7, 'B7'),
      make('n8', 'n7', 8, 'A8'),
      make('n8', 'n7', 8, 'B8'),
    ];
    const parsed = parseSessionBytes(Buffer.from(`${mixed.join('\n')}\n`), 'the session', session.id);
    const all = parsed.records.filter((r) => r.type === 'turn');
    expect(all.map((r) => (r as { input: { text: string } }).input.text).slice(-4)).toEqual(['A7', 'B7', 'A8', 'B8']);
    expect(new Set(all.map((r) => (r as { nodeId: string }).nodeId)).size).toBe(all.length);
    expect(parsed.warnings).toEqual([
      expect.stringMatching(
        /line \d+ reuses node id n7 \(two skald processes writing at once, or a save that was retried\); that turn 7 \("B7"\) was kept as n7-2\.$/,
      ),
      expect.stringMatching(/line \d+ reuses node id n8 .*; that turn 8 \("B8"\) was kept as n8-2\.$/),
    ]);
    expect(
      activeBranch(parsed.records)
        .map((t) => t.input.text)
        .slice(-2),
    ).toEqual(['B7', 'B8']);
  });
});
