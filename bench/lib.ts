/**
 * Shared pieces of the benchmark suites: a result row, timing helpers and robust statistics.
 * Every figure a suite reports is a ratio or a per-unit cost against a baseline measured in the
 * same run, so that the numbers mean something on a busy or slow machine too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One line of the results table. */
export interface BenchRow {
  suite: string;
  /** What was measured, e.g. "overhead per turn, 3 candidates". */
  metric: string;
  /** The measured figure, in `unit`. */
  value: number | null;
  unit: string;
  /** The baseline figure measured in the same run, and what it is. */
  baseline?: { label: string; value: number; unit: string };
  /** value / baseline when that ratio is meaningful. */
  ratio?: number;
  /** The target in words, e.g. "< 2 ms". */
  target?: string;
  /** Whether the target was met; undefined when the row has no target. */
  met?: boolean;
  /** Anything a reader needs to interpret the row (n, why it was skipped ...). */
  note?: string;
}

/** A suite: returns its rows. */
export type Suite = () => Promise<BenchRow[]>;

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'skald.js');

/** High-resolution milliseconds. */
export const now = (): number => performance.now();

/** Median of a list (the list is not modified). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

/** The `q` quantile (0..1), nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/**
 * Median ms per call of `fn`, timed in batches of `batch` calls so that sub-microsecond work is
 * not drowned in timer resolution. Runs `warmup` batches first.
 */
export function timePerCall(fn: () => unknown, options: { batch?: number; rounds?: number; warmup?: number } = {}): number {
  const batch = options.batch ?? 10;
  const rounds = options.rounds ?? 30;
  let sink: unknown;
  for (let i = 0; i < (options.warmup ?? 5) * batch; i++) sink = fn();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = now();
    for (let i = 0; i < batch; i++) sink = fn();
    times.push((now() - start) / batch);
  }
  keep(sink);
  return median(times);
}

/** Keeps a value alive so that the optimiser cannot drop the work that made it. */
export function keep(value: unknown): void {
  (globalThis as { __benchSink?: unknown }).__benchSink = value;
}

const made: string[] = [];

/** A fresh temporary folder, removed by `removeTempDirs` when the suite ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `skald-bench-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder `tempDir` made (the resume suite alone writes ~120 MB). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs the collector if `--expose-gc` is on (the bench script sets it). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/** Wall time in ms of a process run to its end; throws when it fails. */
export function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, input?: string): number {
  const start = now();
  const result = spawnSync(command, args, { env, input, encoding: 'utf8', timeout: 60_000 });
  const elapsed = now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
  return elapsed;
}

/**
 * Wall time in ms from spawning a process to the first stdout chunk that satisfies `ready`;
 * the process is then killed.
 */
export function timeUntilOutput(
  command: string,
  args: string[],
  ready: (text: string) => boolean,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 30_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = now();
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let done = false;
    const finish = (error?: Error, ms?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (error) reject(error);
      else resolve(ms!);
    };
    const timer = setTimeout(() => finish(new Error(`no ready output within ${timeoutMs} ms: ${err.slice(0, 300)}`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (ready(out)) finish(undefined, now() - start);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('exit', (code) => finish(new Error(`exited ${code} before ready: ${err.slice(0, 300)}`)));
  });
}

/** Rounds for display: 3 significant digits. */
export function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

/** Strips terminal escapes so a frame's text can be matched. */
export const plainText = (text: string): string =>
  text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-B]|\u001b./g, '');

/**
 * Ms from spawning `command` (a shell command line) in a 100x30 pseudo-terminal made by `script`
 * until its output matches `ready`; the whole process group is then killed.
 */
export async function timeInPty(command: string, ready: RegExp, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<number> {
  return (await timeInPtySteps(command, [{ until: ready }], env, timeoutMs))[0];
}

/**
 * The same for several moments in a row: ms from spawning until the output after the previous
 * step matches each step's `until`; a step's `type` is then written to the terminal (keys the
 * player presses at that moment). One time per step; the process group is killed after the last.
 */
export function timeInPtySteps(
  command: string,
  steps: Array<{ until: RegExp; type?: string }>,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const started = now();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], {
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let done = false;
    const times: number[] = [];
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      if (error) reject(error);
      else resolve(times);
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(`step ${times.length + 1} not reached within ${timeoutMs} ms; output: ${JSON.stringify(plainText(out).slice(-300))}`),
        ),
      timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const step = steps[times.length];
      if (!step || !step.until.test(plainText(out))) return;
      times.push(now() - started);
      // What comes after this step is matched against later output only.
      out = '';
      if (times.length === steps.length) finish();
      else if (step.type !== undefined) child.stdin.write(step.type);
    });
    child.on('exit', () =>
      setTimeout(
        () => finish(new Error(`exited before step ${times.length + 1}; output: ${JSON.stringify(plainText(out).slice(-300))}`)),
        50,
      ),
    );
  });
}
