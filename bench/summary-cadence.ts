/**
 * What the rolling summary's cadence costs a player: headless play (the CLI's session setup and
 * turn loop, as bench/client.ts drives it) against the loopback OpenAI server, which streams each
 * reply with a delay per chunk and answers the summary's request after a delay of its own, as a
 * model does. Counts the requests and times each turn, for this tree and for another checkout
 * (`before`, e.g. `git archive main` unpacked with node_modules linked), the two alternating a
 * block of turns at a time in one process so a loaded machine slows both alike. `slots` 1 makes
 * the server answer one request at a time, in arrival order (llama.cpp with one slot); the first
 * token's wait is timed too, as the player sees it.
 *
 *   node --import tsx bench/summary-cadence.ts /tmp/summary-base [turns] [chunkDelayMs] [summaryDelayMs] [slots]
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startOpenAIServer } from '../tests/support/openai-server.js';
import { playerLine } from './story.js';
import { isSummaryRequest, summaryAnswer } from './summary-answer.js';

type Entry = typeof import('./skald-entry.js');

const [beforeRoot, turnsArg, chunkArg, summaryArg, slotsArg] = process.argv.slice(2);
if (!beforeRoot) throw new Error('usage: summary-cadence.ts <before checkout> [turns] [chunkDelayMs] [summaryDelayMs] [slots]');
const TURNS = Number(turnsArg ?? 100);
const CHUNK_DELAY = Number(chunkArg ?? 5);
const SUMMARY_DELAY = Number(summaryArg ?? 300);
const SLOTS = slotsArg === undefined ? undefined : Number(slotsArg);
const BLOCK = 10;
process.env.SKALD_HOME ??= mkdtempSync(join(tmpdir(), 'skald-bench-cadence-'));

const REPLY =
  'The lantern swings over the black water and Wren sets his jaw. "The wheel stopped the night you came," he says, ' +
  'and the orchard bell answers from the hill. Somewhere below, a sluice gate groans. What do you do?';

const server = await startOpenAIServer({
  models: ['bench-model'],
  ...(SLOTS === undefined ? {} : { slots: SLOTS }),
  behaviour: (request) =>
    isSummaryRequest(request)
      ? { content: summaryAnswer(request.messages), headerDelayMs: SUMMARY_DELAY }
      : { content: REPLY, chunkSize: 8, delayMs: CHUNK_DELAY },
});

async function side(root: string, name: string) {
  const entry = (await import(pathToFileURL(join(resolve(root), 'bench', 'skald-entry.ts')).href)) as Entry;
  const setup = await entry.setupSession('glass-orchard', { baseUrl: server.url, model: 'bench-model', candidates: 1, seed: 7 });
  const wall: number[] = [];
  const firstToken: number[] = [];
  const summaries: number[] = [];
  return {
    name,
    wall,
    firstToken,
    summaries,
    async block(from: number, to: number) {
      for (let n = from; n <= to; n++) {
        const before = server.chatRequests().length;
        const start = performance.now();
        let done = false;
        let first: number | undefined;
        for await (const event of setup.session.play({ text: playerLine(n) })) {
          if (event.type === 'error') throw new Error(`${name} turn ${n}: ${event.error.message}`);
          if (event.type === 'delta') first ??= performance.now() - start;
          if (event.type === 'turn-done') done = true;
        }
        wall.push(performance.now() - start);
        firstToken.push(first ?? NaN);
        if (!done) throw new Error(`${name} turn ${n} was not committed`);
        summaries.push(
          server
            .chatRequests()
            .slice(before)
            .filter((r) => r.body && isSummaryRequest(r.body)).length,
        );
      }
    },
    close: () => setup.store.close(),
  };
}

const load = loadavg()[0];
const sides = [await side(beforeRoot, 'before'), await side('.', 'after')];
for (let from = 1; from <= TURNS; from += BLOCK) for (const s of sides) await s.block(from, Math.min(TURNS, from + BLOCK - 1));
for (const s of sides) await s.close();
await server.close();

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [before, after] = sides;
for (const s of sides) {
  const with_ = s.wall.filter((_, i) => s.summaries[i] > 0);
  const firstWith = s.firstToken.filter((_, i) => s.summaries[i] > 0);
  const firstWithout = s.firstToken.filter((_, i) => s.summaries[i] === 0);
  process.stdout.write(
    `${s.name}: ${TURNS} turns, ${sum(s.summaries)} summary requests, ${(sum(s.wall) / 1000).toFixed(1)} s wall, ` +
      `median turn ${median(s.wall).toFixed(0)} ms, median turn with a summary ${with_.length ? median(with_).toFixed(0) : '-'} ms; ` +
      `first token median ${median(firstWithout).toFixed(0)} ms, with a summary ${firstWith.length ? median(firstWith).toFixed(0) : '-'} ms\n`,
  );
}
process.stdout.write(
  `after/before wall: ${(sum(after.wall) / sum(before.wall)).toFixed(2)}x; reply ~${Math.ceil(REPLY.length / 8)} chunks x ${CHUNK_DELAY} ms, ` +
    `summary ${SUMMARY_DELAY} ms, ${SLOTS === undefined ? 'no slot limit' : `${SLOTS} slot(s)`}; load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end\n`,
);
