/**
 * A session lock names its holder by pid and, on Linux, by when that process started: a stale lock
 * whose pid the system has since given to another process is taken over, while a live holder (a
 * real second process that took the lock) still refuses it in one line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, holderAlive, lockPath, SessionLockedError } from '../../src/store/lock.js';
import { processStart } from '../../src/store/process-start.js';

const root = new URL('../../', import.meta.url).pathname;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const linux = processStart(process.pid) !== undefined;
beforeAll(() => {
  if (!linux) console.log('skipped: /proc/<pid>/stat cannot be read here, so locks fall back to the pid alone');
});

/** A real process that prints `line` once it is ready, and then waits. */
function child(args: string[], line: string): Promise<ChildProcess & { pid: number }> {
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes(line)) resolve(proc as ChildProcess & { pid: number });
    });
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('exit', (code) => reject(new Error(`the child exited (${code}) before it was ready: ${err}`)));
  });
}

/** A process that is not skald and holds no lock: what a reused pid belongs to. */
const bystander = () => child(['-e', 'console.log("up"); setInterval(() => {}, 1000);'], 'up');

/** Another skald process: it takes the lock of `file` through the real code and keeps it. */
const holder = (file: string) =>
  child(
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { acquireLock } = await import(${JSON.stringify(join(root, 'src/store/lock.ts'))});
       await acquireLock(${JSON.stringify(file)}, 's');
       console.log('held');
       setInterval(() => {}, 1000);`,
    ],
    'held',
  );

const lockFile = () => join(mkdtempSync(join(tmpdir(), 'skald-lock-reuse-')), 's.jsonl');

describe.skipIf(!linux)('a lock whose pid was reused', () => {
  it('is taken over: the live process with that pid started after the lock was written, so it is not the holder', async () => {
    const file = lockFile();
    const other = await bystander();
    // The lock a crashed skald left: its pid now belongs to `other`, which started at another time.
    const stale = { pid: other.pid, host: hostname(), since: 1, start: processStart(process.pid)! };
    expect(stale.start).not.toBe(processStart(other.pid));
    writeFileSync(lockPath(file), JSON.stringify(stale));
    expect(holderAlive(stale)).toBe(false);
    const taken = await acquireLock(file, 's');
    expect(JSON.parse(readFileSync(lockPath(file), 'utf8'))).toMatchObject({ pid: process.pid, start: processStart(process.pid) });
    expect(other.exitCode).toBeNull();
    await taken.release();
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it('a live holder, another process, is still refused in one line, and its lock records its start', async () => {
    const file = lockFile();
    const other = await holder(file);
    const written = JSON.parse(readFileSync(lockPath(file), 'utf8')) as { pid: number; start: string };
    expect(written).toMatchObject({ pid: other.pid, host: hostname() });
    expect(written.start).toBe(processStart(other.pid));
    const refused = await acquireLock(file, 's').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SessionLockedError);
    const message = (refused as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(
      new RegExp(`^Session s is open in another skald \\(pid ${other.pid}, since .* UTC\\); close it there, or play on in a copy`),
    );
    // Once the holder is gone (killed, so it cleans nothing up), its lock is stale and taken over.
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    const taken = await acquireLock(file, 's');
    await taken.release();
  }, 60_000);

  it('a lock written before starts were recorded falls back to the pid: a live pid still holds it', async () => {
    const file = lockFile();
    const other = await bystander();
    writeFileSync(lockPath(file), JSON.stringify({ pid: other.pid, host: hostname(), since: 1 }));
    await expect(acquireLock(file, 's')).rejects.toBeInstanceOf(SessionLockedError);
  });
});

describe.skipIf(!linux)('processStart', () => {
  it('tells two processes apart, reads the same for one process twice, and nothing for a pid no process has', async () => {
    const other = await bystander();
    expect(processStart(other.pid)).toMatch(/^(?:[0-9a-f-]+\/)?\d+$/);
    expect(processStart(other.pid)).toBe(processStart(other.pid));
    expect(processStart(other.pid)).not.toBe(processStart(process.pid));
    expect(processStart(2 ** 22 + 1)).toBeUndefined();
  });
});
