/**
 * Client overhead per turn: 200 turns of headless play (the CLI's own session setup, the openai
 * provider, the JSONL store with its fsync per turn, the pacing profile save, the JSON turn line)
 * against the local OpenAI-compatible server answering at once; then the bare `openai` SDK sends
 * the very same requests (same bodies, same grouping, as concurrently) and reads the streams.
 * Overhead per turn = (skald time - SDK time) / turns. The server runs in its own process, so
 * its cost lands on neither side.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { setupSession } from '../src/cli/session-setup.js';
import { turnLine } from '../src/cli/play-headless.js';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { median, now, tempDir, type BenchRow } from './lib.js';
import { playerLine } from './story.js';

const TURNS = 200;
const EARLY: [number, number] = [10, 60];
const LATE: [number, number] = [150, 200];
const REPEATS = 3;

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
  /** CPU ms of this process per turn (user + system). */
  cpu: number[];
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Plays `turns` headless turns. */
async function skaldRun(server: ServerHandle, candidates: number, turns: number): Promise<RunTimes> {
  const setup = await setupSession('glass-orchard', { baseUrl: server.url, model: 'bench-model', candidates, seed: 7 });
  const times: number[] = [];
  const cpu: number[] = [];
  let written = 0;
  for (let n = 1; n <= turns; n++) {
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
    times.push(now() - start);
    cpu.push(cpuMs() - startCpu);
    if (!done) throw new Error(`turn ${n} was not committed`);
  }
  await setup.store.close();
  await setup.flushProfile?.();
  if (written === 0) throw new Error('no turn lines');
  return { wall: times, cpu };
}

/** Sends the recorded requests with the bare SDK, turn by turn, each turn's concurrently; ms per turn. */
async function sdkRun(
  server: ServerHandle,
  recorded: Array<{ turn: number; body: Record<string, unknown> }>,
  turns: number,
): Promise<RunTimes> {
  const client = new OpenAI({ baseURL: server.url, apiKey: 'not-needed', maxRetries: 0 });
  const byTurn = new Map<number, Array<Record<string, unknown>>>();
  for (const r of recorded) byTurn.set(r.turn, [...(byTurn.get(r.turn) ?? []), r.body]);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let n = 1; n <= turns; n++) {
    const bodies = byTurn.get(n) ?? [];
    await server.setTurn(-n);
    const start = now();
    const startCpu = cpuMs();
    // Streamed ones first, concurrently (as the provider sends its candidates), then the rest
    // (the summary), as the session does after the candidates.
    const streamed = bodies.filter((b) => b.stream);
    await Promise.all(
      streamed.map(async (body) => {
        const stream = await client.chat.completions.create({
          ...(body as unknown as OpenAI.ChatCompletionCreateParamsStreaming),
          stream: true,
        });
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
        return text;
      }),
    );
    for (const body of bodies.filter((b) => !b.stream)) {
      await client.chat.completions.create({ ...(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming), stream: false });
    }
    times.push(now() - start);
    cpu.push(cpuMs() - startCpu);
  }
  return { wall: times, cpu };
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

const window = (times: number[], [from, to]: [number, number]) => times.slice(from - 1, to);

export async function run(): Promise<BenchRow[]> {
  const server = await startServer();
  const rows: BenchRow[] = [];
  const total = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0);
  try {
    // Warm-up: both paths once, so JIT and connection pools are hot for both.
    await skaldRun(server, 3, 15);
    await sdkRun(server, await server.take(), 15);
    await server.take();
    for (const candidates of [1, 3]) {
      // Each figure is the median of REPEATS runs: one 200-turn run's windows move by a third
      // from run to run (per-turn CPU is a few ms, read at the kernel's accounting granularity).
      const runs: Array<{
        skald: { wall: number[]; cpu: number[] };
        sdk: { wall: number[]; cpu: number[] };
        streamed: number;
        other: number;
      }> = [];
      for (let r = 0; r < REPEATS; r++) {
        const skald = await skaldRun(server, candidates, TURNS);
        const recorded = await server.take();
        const streamed = recorded.filter((q) => q.body.stream).length;
        const sdk = await sdkRun(server, recorded, TURNS);
        await server.take();
        runs.push({ skald, sdk, streamed, other: recorded.length - streamed });
      }
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
        note: `median of ${REPEATS} runs of ${TURNS} turns, each ${streamed} streamed + ${other} other requests (the rolling summary); skald ${mid((x) => total(x.skald.wall) / TURNS).toFixed(2)} ms/turn wall`,
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
        note: `runs: ${spread(cpuRuns)} ms`,
      });
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
