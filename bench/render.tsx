/**
 * Rendering: CPU per streamed token of the real TUI (App, Ink in its normal throttled mode, a
 * fake 100x30 TTY), with 10 and with 1,000 turns already in the transcript. The same turn is
 * first played with no TUI attached; the TUI's cost per token is the difference in process CPU
 * over the turn, divided by the tokens streamed. Flat in transcript length is the target.
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { Session } from '../src/engine/session/index.js';
import { MemorySessionStore } from '../src/engine/session/records.js';
import type { GenerateRequest, Provider, ProviderEvent } from '../src/engine/types.js';
import { resolveWorld } from '../src/world/discover.js';
import { parseSessionLog } from '../src/store/parse-session.js';
import { collectGarbage, median, type BenchRow } from './lib.js';
import { sessionText, templates } from './resume.js';

const TOKENS = 400;
const WORDS = 'the lantern swung low over the black water and she listened for the wheel'.split(' ');

/** A provider that streams TOKENS short tokens, one per timer tick, like a fast local model. */
function pacedProvider(): Provider {
  return {
    id: 'paced',
    label: 'paced · bench',
    offline: false,
    async *generate(request: GenerateRequest): AsyncIterable<ProviderEvent> {
      for (let i = 0; i < TOKENS; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        for (let c = 0; c < request.candidates.length; c++) {
          yield {
            type: 'delta',
            candidate: c,
            text: `${i % 40 === 39 ? '\n\n' : ' '}${WORDS[(i + c) % WORDS.length]}${i % 12 === 11 ? '.' : ''}`,
          };
        }
      }
      for (let c = 0; c < request.candidates.length; c++) yield { type: 'done', candidate: c, incomplete: false, finishReason: 'stop' };
    },
    async complete() {
      return '';
    },
  };
}

async function sessionWith(turns: number): Promise<{ session: Session; store: MemorySessionStore }> {
  const pack = (await resolveWorld('glass-orchard')).pack;
  const text = sessionText('20261101-2000-bead', turns, await templates()).text;
  // Read as the store reads it: the log's records are compacted on disk (summary edits, usual values left out).
  const records = parseSessionLog(text, 'render bench').records;
  let now = Date.UTC(2026, 10, 2);
  const store = new MemorySessionStore();
  const session = await Session.restore(records, {
    pack,
    provider: pacedProvider(),
    store,
    clock: { now: () => (now += 5) },
    seed: 1,
    candidates: 1,
  });
  return { session, store };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU ms of one turn played straight through the Session (no UI). */
async function bareTurn(session: Session, n: number): Promise<number> {
  collectGarbage();
  const start = cpuMs();
  for await (const event of session.play({ text: `I wait and listen (${n}).` })) void event;
  return cpuMs() - start;
}

class FakeStdout extends Writable {
  isTTY = true;
  columns = 100;
  rows = 30;
  bytes = 0;
  override _write(chunk: Buffer | string, _encoding: string, callback: () => void): void {
    this.bytes += chunk.length;
    callback();
  }
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read(): string | null {
    const data = this.data;
    this.data = null;
    return data;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** CPU ms of one turn typed into the TUI and streamed to the screen; and the bytes written. */
async function tuiTurns(session: Session, store: MemorySessionStore, count: number): Promise<{ cpu: number[]; bytes: number[] }> {
  const [{ render }, { App }, { fileServices }] = await Promise.all([
    import('ink'),
    import('../src/ui/App.js'),
    import('../src/cli/file-services.js'),
  ]);
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const instance = render(<App started={{ session, notes: [] }} services={fileServices} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  // The first frame (with the whole transcript) is not what is measured here.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cpu: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < count; i++) {
    // Commits are watched through the store: asking the session for its turns would cost as much as what is measured.
    const before = store.records.length;
    const turnNumber = session.turns().length + 1;
    collectGarbage();
    const startBytes = stdout.bytes;
    const start = cpuMs();
    stdin.write(`I wait and listen (${turnNumber}).`);
    stdin.write('\r');
    const deadline = Date.now() + 30_000;
    while (!store.records.slice(before).some((r) => r.type === 'turn')) {
      if (Date.now() > deadline) throw new Error('the TUI did not play the turn within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Let the last throttled frame land.
    await new Promise((resolve) => setTimeout(resolve, 60));
    cpu.push(cpuMs() - start);
    bytes.push(stdout.bytes - startBytes);
  }
  instance.unmount();
  return { cpu, bytes };
}

export async function run(): Promise<BenchRow[]> {
  try {
    await import('../src/ui/App.js');
  } catch (error) {
    return [
      {
        suite: 'render',
        metric: 'cost per streamed token',
        value: null,
        unit: 'ms',
        note: `the TUI could not be loaded (${error instanceof Error ? error.message : String(error)})`,
      },
    ];
  }
  const rows: BenchRow[] = [];
  const perToken: Record<number, number> = {};
  for (const turns of [10, 1_000]) {
    const { session, store } = await sessionWith(turns);
    const bare: number[] = [];
    for (let i = 0; i < 3; i++) bare.push(await bareTurn(session, i));
    const tui = await tuiTurns(session, store, 3);
    const cost = (median(tui.cpu) - median(bare)) / TOKENS;
    perToken[turns] = cost;
    rows.push({
      suite: 'render',
      metric: `TUI cost per streamed token, ${turns.toLocaleString('en')} turns in the transcript`,
      value: cost * 1000,
      unit: 'µs',
      baseline: { label: 'same turn, no TUI', value: (median(bare) / TOKENS) * 1000, unit: 'µs/token' },
      ratio: median(tui.cpu) / median(bare),
      note: `${TOKENS} tokens at 1 ms; ${(median(tui.bytes) / 1024).toFixed(0)} KB written to the terminal per turn`,
    });
  }
  const ratio = perToken[1_000] / perToken[10];
  rows.push({
    suite: 'render',
    metric: 'per-token cost, 1,000 turns vs 10',
    value: ratio,
    unit: 'x',
    target: 'flat (< 1.25x)',
    met: ratio < 1.25,
  });
  return rows;
}
