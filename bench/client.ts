/**
 * Client overhead per turn: 200 turns of headless play (the CLI's own session setup, the openai
 * provider, the JSONL store with its fsync per turn, the pacing profile save, the JSON turn line)
 * against the local OpenAI-compatible server answering at once, and the bare `openai` SDK sending
 * the very same requests (same bodies, same grouping, as concurrently) and reading the streams.
 * The two alternate every 10 turns (skald's block, then the SDK's replay of it), so a loaded
 * machine slows both alike; the CPU figure is the process's own (`process.cpuUsage`, every
 * thread). Overhead per turn = (skald time - SDK time) / turns. The server runs in its own
 * process, so its cost lands on neither side.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { bundledSkald, type SkaldEntry } from './bundle.js';
import { open } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { median, now, tempDir, type BenchRow } from './lib.js';
import { playerLine } from './story.js';

const TURNS = 200;
const EARLY: [number, number] = [10, 60];
const LATE: [number, number] = [150, 200];
const REPEATS = 3;
/** Turns a side plays before the other side's turn. */
const BLOCK = 10;

interface ServerHandle {
  url: string;
  /** Bodies the server received since the last call, each with the turn it was sent in. */
  take(): Promise<Array<{ turn: number; body: Record<string, unknown> }>>;
  setTurn(turn: number): Promise<void>;
  close(): Promise<void>;
}

/** The test server in its own process (bench/server-process.ts). */
async function startServer(): Promise<ServerHandle> {
  const child = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reply = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const on = (m: { type: string }) => {
        if (m.type === type) {
          child.off('message', on);
          child.off('exit', onExit);
          resolve(m as T);
        }
      };
      const onExit = (code: number | null) => reject(new Error(`the test server exited (${code})`));
      child.on('message', on);
      child.once('exit', onExit);
    });
  const { url } = await reply<{ url: string }>('url');
  return {
    url,
    setTurn: async (turn) => {
      const set = reply('turn-set');
      child.send({ type: 'turn', turn });
      await set;
    },
    take: async () => {
      const taken = reply<{ seen: Array<{ turn: number; body: Record<string, unknown> }> }>('taken');
      child.send({ type: 'take' });
      return (await taken).seen;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

interface RunTimes {
  /** Wall ms per turn (index 0 = turn 1). */
  wall: number[];
  /** CPU ms of this process per turn (user + system, every thread: GC helpers and the fs pool too). */
  cpu: number[];
  /** CPU ms of the threads other than the main one, a block at a time (Linux only; empty elsewhere). */
  others: number[];
}

/**
 * CPU ms each thread of this process has run, by thread id (Linux's per-thread scheduler
 * statistics, in ns; undefined elsewhere). The main thread's id is the process id; the others are
 * V8's workers (concurrent optimising compiles, parallel and concurrent GC) and libuv's pool (file
 * writes, fdatasync).
 */
function threadCpu(): Map<string, number> | undefined {
  try {
    const out = new Map<string, number>();
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        out.set(tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return out;
  } catch {
    return undefined;
  }
}

/** CPU ms the threads other than the main one ran since `before`. */
function otherThreadsSince(before: Map<string, number> | undefined): number {
  const after = threadCpu();
  if (!before || !after) return 0;
  let sum = 0;
  for (const [tid, ms] of after) if (tid !== String(process.pid)) sum += ms - (before.get(tid) ?? 0);
  return sum;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Clears the young generation after a block, its CPU charged to the side that left the garbage:
 * otherwise the first scavenge of the next block (the other side's) pays for it.
 */
const sweep = (): number => {
  const start = cpuMs();
  (globalThis as { gc?: (options?: object) => void }).gc?.({ type: 'minor' });
  return cpuMs() - start;
};

/** One side of the comparison, played a block of turns at a time. */
interface Side {
  /** Plays turns `from`..`to` (1-based, inclusive), timing each into `into`. */
  block(from: number, to: number, into: RunTimes): Promise<void>;
}

/** skald's side: headless play through the CLI's own session setup. */
async function skaldSide(skald: SkaldEntry, server: ServerHandle, candidates: number): Promise<Side & { close(): Promise<void> }> {
  const { setupSession, turnLine } = skald;
  const setup = await setupSession('glass-orchard', { baseUrl: server.url, model: 'bench-model', candidates, seed: 7 });
  let written = 0;
  return {
    async block(from, to, into) {
      const threads = threadCpu();
      for (let n = from; n <= to; n++) {
        await server.setTurn(n);
        const start = now();
        const startCpu = cpuMs();
        let done = false;
        for await (const event of setup.session.play({ text: playerLine(n) })) {
          if (event.type === 'error' && !event.error.retryable && event.error.kind !== 'engine')
            throw new Error(`turn ${n}: ${event.error.message}`);
          if (event.type === 'turn-done') {
            // What headless play writes for the turn.
            written += JSON.stringify(turnLine(event.turn)).length;
            done = true;
          }
        }
        into.wall.push(now() - start);
        into.cpu.push(cpuMs() - startCpu);
        if (!done) throw new Error(`turn ${n} was not committed`);
      }
      into.cpu[into.cpu.length - 1] += sweep();
      into.others.push(otherThreadsSince(threads));
    },
    async close() {
      await setup.store.close();
      await setup.flushProfile?.();
      if (written === 0) throw new Error('no turn lines');
    },
  };
}

/** The bare SDK's side: the very requests skald sent in each turn, each turn's as concurrently. */
function sdkSide(server: ServerHandle, recorded: Map<number, Array<Record<string, unknown>>>): Side {
  const client = new OpenAI({ baseURL: server.url, apiKey: 'not-needed', maxRetries: 0 });
  return {
    async block(from, to, into) {
      const threads = threadCpu();
      for (let n = from; n <= to; n++) {
        const bodies = recorded.get(n) ?? [];
        await server.setTurn(-n);
        const start = now();
        const startCpu = cpuMs();
        // All at once: the candidates' streams and, when one is due, the rolling summary's request
        // (the session sends it once the reply streams, src/engine/session/turn-summary.ts; the
        // order does not change the CPU either side spends).
        await Promise.all(
          bodies.map(async (body) => {
            if (!body.stream) {
              await client.chat.completions.create({
                ...(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming),
                stream: false,
              });
              return '';
            }
            const stream = await client.chat.completions.create({
              ...(body as unknown as OpenAI.ChatCompletionCreateParamsStreaming),
              stream: true,
            });
            let text = '';
            for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
            return text;
          }),
        );
        into.wall.push(now() - start);
        into.cpu.push(cpuMs() - startCpu);
      }
      into.cpu[into.cpu.length - 1] += sweep();
      into.others.push(otherThreadsSince(threads));
    },
  };
}

/**
 * `turns` turns of skald and of the bare SDK sending the same requests, interleaved a block of
 * `BLOCK` turns at a time (skald's block, then the SDK's replay of it), so a change in the
 * machine's load lands on both sides alike.
 */
async function interleavedRun(entry: SkaldEntry, server: ServerHandle, candidates: number, turns: number) {
  const skald = await skaldSide(entry, server, candidates);
  const recorded = new Map<number, Array<Record<string, unknown>>>();
  const sdk = sdkSide(server, recorded);
  const times = { skald: { wall: [], cpu: [], others: [] } as RunTimes, sdk: { wall: [], cpu: [], others: [] } as RunTimes };
  let streamed = 0;
  let other = 0;
  await server.take();
  try {
    for (let from = 1; from <= turns; from += BLOCK) {
      const to = Math.min(turns, from + BLOCK - 1);
      await skald.block(from, to, times.skald);
      for (const { turn, body } of await server.take()) {
        recorded.set(turn, [...(recorded.get(turn) ?? []), body]);
        if (body.stream) streamed += 1;
        else other += 1;
      }
      await sdk.block(from, to, times.sdk);
      await server.take();
    }
  } finally {
    await skald.close();
  }
  return { ...times, streamed: streamed / turns, other };
}

/** What one durable append costs on this disk: a turn record's size, appended and fdatasync'd. */
async function durableAppendMs(bytes: number): Promise<number> {
  const dir = tempDir('fsync');
  const handle = await open(join(dir, 'probe.jsonl'), 'a');
  const line = `${'x'.repeat(bytes)}\n`;
  const times: number[] = [];
  try {
    for (let i = 0; i < 60; i++) {
      const start = now();
      await handle.appendFile(line, 'utf8');
      await handle.datasync();
      times.push(now() - start);
    }
  } finally {
    await handle.close();
  }
  return median(times.slice(10));
}

/** The spread of the per-block CPU differences (skald - SDK, ms a turn) over every run's blocks. */
function blockNote(runs: Array<{ skald: RunTimes; sdk: RunTimes }>): string {
  const diffs: number[] = [];
  for (const { skald, sdk } of runs) {
    for (let from = 0; from < skald.cpu.length; from += BLOCK) {
      const sum = (xs: number[]) => xs.slice(from, from + BLOCK).reduce((a, b) => a + b, 0);
      diffs.push((sum(skald.cpu) - sum(sdk.cpu)) / Math.min(BLOCK, skald.cpu.length - from));
    }
  }
  const sorted = [...diffs].sort((a, b) => a - b);
  const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
  return `${diffs.length} blocks of ${BLOCK} turns: median ${median(diffs).toFixed(2)}, quartiles ${q(0.25).toFixed(2)}-${q(0.75).toFixed(2)} ms`;
}

const window = (times: number[], [from, to]: [number, number]) => times.slice(from - 1, to);

export async function run(): Promise<BenchRow[]> {
  const fromSource = process.env.BENCH_CLIENT_SOURCE === '1';
  const entry: SkaldEntry = fromSource ? await import('./skald-entry.js') : await bundledSkald();
  // The bundle has its own copy of the engine: its token counter gets the data as the CLI's main gives it.
  entry.useCompactTokenizer();
  const build = fromSource ? 'from source (tsx)' : 'from the bundle';
  const server = await startServer();
  const rows: BenchRow[] = [];
  const loadBefore = loadavg()[0];
  const total = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0);
  try {
    // Warm-up: both paths, so JIT and connection pools are hot for both.
    await interleavedRun(entry, server, 3, 15);
    // BENCH_CLIENT_CANDIDATES=1 measures only that (comparing two builds without the 3-candidate half).
    const settings = (process.env.BENCH_CLIENT_CANDIDATES ?? '1,3').split(',').map(Number);
    for (const candidates of settings) {
      // Each figure is the median of REPEATS runs; within a run the two sides alternate every
      // BLOCK turns, and each block's difference is a sample of its own (the notes' spread).
      const runs: Array<Awaited<ReturnType<typeof interleavedRun>>> = [];
      for (let r = 0; r < REPEATS; r++) runs.push(await interleavedRun(entry, server, candidates, TURNS));
      const each = <T>(f: (run: (typeof runs)[number]) => T) => runs.map(f);
      const mid = (f: (run: (typeof runs)[number]) => number) => median(each(f));
      const spread = (xs: number[], digits = 2) => xs.map((x) => x.toFixed(digits)).join(', ');
      const overhead = mid((x) => (total(x.skald.wall) - total(x.sdk.wall)) / TURNS);
      const cpuOverhead = mid((x) => (total(x.skald.cpu) - total(x.sdk.cpu)) / TURNS);
      const label = `${candidates} candidate${candidates > 1 ? 's' : ''}`;
      const { streamed, other } = runs[0];
      rows.push({
        suite: 'client',
        metric: `overhead per turn (wall), ${label}`,
        value: overhead,
        unit: 'ms',
        baseline: { label: 'bare openai SDK, same requests', value: mid((x) => total(x.sdk.wall) / TURNS), unit: 'ms/turn' },
        ratio: mid((x) => total(x.skald.wall) / total(x.sdk.wall)),
        note: `median of ${REPEATS} runs of ${TURNS} turns, each turn ${streamed} streamed request(s), ${other} other requests a run (the rolling summary); skald ${build}, ${mid((x) => total(x.skald.wall) / TURNS).toFixed(2)} ms/turn wall`,
      });
      const cpuRuns = each((x) => (total(x.skald.cpu) - total(x.sdk.cpu)) / TURNS);
      rows.push({
        suite: 'client',
        metric: `overhead per turn (CPU), ${label}`,
        value: cpuOverhead,
        unit: 'ms',
        baseline: { label: 'bare openai SDK CPU, same requests', value: mid((x) => total(x.sdk.cpu) / TURNS), unit: 'ms/turn' },
        ratio: mid((x) => total(x.skald.cpu) / total(x.sdk.cpu)),
        target: '< 2 ms',
        met: cpuOverhead < 2,
        note: `runs: ${spread(cpuRuns)} ms; ${blockNote(each((x) => x))}; load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} now`,
      });
      if (threadCpu()) {
        // Where the CPU overhead runs: the main thread, or V8's and libuv's threads beside it.
        const others = mid((x) => (total(x.skald.others) - total(x.sdk.others)) / TURNS);
        rows.push({
          suite: 'client',
          metric: `of the CPU overhead: threads other than the main one, ${label}`,
          value: others,
          unit: 'ms',
          baseline: { label: "the bare SDK's other threads", value: mid((x) => total(x.sdk.others) / TURNS), unit: 'ms/turn' },
          note: `skald's other threads ${mid((x) => total(x.skald.others) / TURNS).toFixed(2)} ms/turn: V8's workers (optimising compiles, GC helpers) and libuv's pool (writes, fdatasync); the main thread's share of the overhead is ${(cpuOverhead - others).toFixed(2)} ms`,
        });
      }
      // Flatness: the CPU figure is held to the target, the wall one shown beside it.
      for (const kind of ['cpu', 'wall'] as const) {
        const early = each((x) => median(window(x.skald[kind], EARLY)) - median(window(x.sdk[kind], EARLY)));
        const late = each((x) => median(window(x.skald[kind], LATE)) - median(window(x.sdk[kind], LATE)));
        const ratios = early.map((e, i) => late[i] / e);
        rows.push({
          suite: 'client',
          metric: `${kind === 'cpu' ? 'CPU' : 'wall'} overhead turns ${LATE.join('-')} vs ${EARLY.join('-')}, ${label}`,
          value: median(late),
          unit: 'ms/turn',
          baseline: { label: `turns ${EARLY.join('-')}`, value: median(early), unit: 'ms/turn' },
          ratio: median(ratios),
          ...(kind === 'cpu' ? { target: 'flat (< 1.25x)', met: median(ratios) < 1.25 } : {}),
          note: `median ratio of ${REPEATS} runs: ${spread(ratios)}`,
        });
      }
    }
    const fsync = await durableAppendMs(9_000);
    rows.push({
      suite: 'client',
      metric: 'of which: one durable append (9 KB + fdatasync)',
      value: fsync,
      unit: 'ms',
      note: "every committed turn is fdatasync'd before it counts; this is disk wait, not CPU, and is part of the wall overhead above",
    });
  } finally {
    await server.close();
  }
  return rows;
}
