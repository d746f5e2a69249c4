/**
 * One side of `bench/ab-client.ts`: skald's side of the client suite alone, in this process, from
 * the tree at `<root>` (bundled by that tree's own bench/bundle.ts, so each side runs its own
 * source), against this checkout's test server and player lines. Prints one JSON line: CPU ms a
 * turn over turns FIRST..turns (every thread; the main thread and the others apart), and turns 1
 * to FIRST-1 apart, where a process's first compiles land.
 *
 * `node --expose-gc --import tsx bench/ab-side.ts <root> [turns]`
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { tempDir, removeTempDirs } from './lib.js';
import { playerLine } from './story.js';
import type { SkaldEntry } from './bundle.js';

/** Turns before this one are the process's warm-up, reported apart. */
const FIRST = 31;

// A flag set as a launcher would set it (after node started), e.g. AB_RUNTIME_FLAGS=--maglev.
if (process.env.AB_RUNTIME_FLAGS) setFlagsFromString(process.env.AB_RUNTIME_FLAGS);
const root = resolve(process.argv[2] ?? '.');
const turns = Number(process.argv[3] ?? 230);
// Sessions and the pacing profile go to a folder of this run's own, never the player's.
process.env.SKALD_HOME = tempDir('ab-home');

const { bundledSkald } = (await import(pathToFileURL(join(root, 'bench', 'bundle.ts')).href)) as {
  bundledSkald: () => Promise<SkaldEntry>;
};
const entry = await bundledSkald();
entry.useCompactTokenizer();

const server = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const reply = (type: string) =>
  new Promise<{ type: string; url?: string }>((done) => {
    const on = (m: { type: string; url?: string }) => {
      if (m.type !== type) return;
      server.off('message', on);
      done(m);
    };
    server.on('message', on);
  });
const ask = async (message: object, type: string) => {
  const answer = reply(type);
  server.send(message);
  return answer;
};

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** The main thread's and the other threads' CPU ms so far (Linux's per-thread scheduler statistics). */
const threads = () => {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const ms = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
      if (tid === String(process.pid)) main += ms;
      else others += ms;
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return { main, others };
};

const { url } = await reply('url');
const setup = await entry.setupSession('glass-orchard', { baseUrl: url!, model: 'bench-model', candidates: 1, seed: 7 });
const start = cpuMs();
let early = 0;
let from = { cpu: 0, main: 0, others: 0 };
for (let n = 1; n <= turns; n++) {
  if (n === FIRST) {
    early = cpuMs() - start;
    from = { cpu: cpuMs(), ...threads() };
  }
  await ask({ type: 'turn', turn: n }, 'turn-set');
  let done = false;
  for await (const event of setup.session.play({ text: playerLine(n) })) {
    if (event.type !== 'turn-done') continue;
    // What headless play writes for the turn, as the client suite does.
    JSON.stringify(entry.turnLine(event.turn));
    done = true;
  }
  if (!done) throw new Error(`turn ${n} was not committed`);
  // The server keeps every body it saw until asked: ask, as the client suite does a block at a time.
  if (n % 10 === 0) await ask({ type: 'take' }, 'taken');
}
const to = { cpu: cpuMs(), ...threads() };
const steady = turns - FIRST + 1;
process.stdout.write(
  `${JSON.stringify({
    cpu: (to.cpu - from.cpu) / steady,
    main: (to.main - from.main) / steady,
    others: (to.others - from.others) / steady,
    early: early / (FIRST - 1),
  })}\n`,
);
await setup.store.close();
await setup.flushProfile?.();
server.send({ type: 'close' });
removeTempDirs();
process.exit(0);
