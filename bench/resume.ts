/**
 * Resume: a 10,000-turn session file (swipes every 10 turns, a side branch every 100), written
 * directly in the store's record format from the records of a real offline session, then
 *   - the session object ready (`setupSession --resume`: read, parse, replay, the world loaded),
 *     against the same for a 10-turn session;
 *   - headless `skald play --resume` until its first line, against a fresh headless start;
 *   - the TUI's first frame with `--resume`, against a fresh TUI start;
 *   - `skald sessions list` with 500 sessions on disk, against `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupSession } from '../src/cli/session-setup.js';
import { recordLines } from '../src/store/session-file.js';
import { SummaryEncoder } from '../src/store/summary-form.js';
import { MemorySessionStore, type SessionRecord, type SessionStartRecord, type TurnRecord } from '../src/engine/session/records.js';
import {
  BIN,
  collectGarbage,
  median,
  now,
  tempDir,
  timeInPty,
  timeInPtySteps,
  timeProcess,
  timeUntilOutput,
  type BenchRow,
} from './lib.js';
import { bundledWorld, newSession, playTurns } from './story.js';

const BIG = 10_000;
const LIST = 500;

/** Turns played before the templates are taken: by then the rolling summary has filled its budget. */
const SETTLE = 48;

/**
 * Records of a real offline session, used as templates: its turns 49-60, played after the story's
 * rolling summary has filled its share of the context (budget / 16 tokens), as every turn of a long
 * story carries it. Templates from a story's first turns (as before the sixth stop) carried a
 * summary of a few lines, so long stories built from them were a third lighter than played ones.
 */
export async function templates(): Promise<{ start: SessionStartRecord; turns: TurnRecord[] }> {
  const store = new MemorySessionStore();
  const session = await newSession(await bundledWorld(), { candidates: 3, store });
  await playTurns(session, SETTLE + 12);
  const start = store.records[0] as SessionStartRecord;
  return { start, turns: store.records.filter((r): r is TurnRecord => r.type === 'turn').slice(SETTLE) };
}

/** Template `t` as turn `n`: the summary covers as many turns back as it did in the played story. */
export function asTurn(t: TurnRecord, n: number): Pick<TurnRecord, 'number' | 'memory'> {
  return { number: n, memory: { ...t.memory, summaryThrough: Math.max(0, n - (t.number - t.memory.summaryThrough)) } };
}

/**
 * The JSONL text of a session with `turns` turns on its main branch: every 10th turn is swiped
 * (regenerate + candidate + choose), every 100th gets a side branch (rewind, a sibling turn, and a
 * switch back), as a player who explores would leave it.
 */
export function sessionText(
  id: string,
  turns: number,
  t: { start: SessionStartRecord; turns: TurnRecord[] },
): { text: string; side: string; records: number } {
  const lines: string[] = [];
  const side: string[] = [];
  let at = t.start.at;
  let k = 0;
  // Exactly what the store writes (the log and its side file of diagnostics, a checksum first).
  const summaries = new SummaryEncoder();
  const push = (record: SessionRecord) => {
    const written = recordLines(record, summaries);
    written.written?.();
    lines.push(written.story);
    if (written.diagnostics !== undefined) side.push(written.diagnostics);
  };
  push({ ...t.start, id, at });
  let parent: string | null = null;
  for (let n = 1; n <= turns; n++) {
    const template = t.turns[n % t.turns.length];
    const nodeId = `n${++k}`;
    at += 30_000;
    push({
      ...template,
      at,
      nodeId,
      parentId: parent,
      ...asTurn(template, n),
      input: { text: `${template.input.text.replace(/\s*\(\d+\)$/, '')} (${n})` },
    });
    if (n % 10 === 0) {
      push({ type: 'regenerate', at: at + 1, nodeId, rejected: 0 });
      push({ type: 'candidate', at: at + 2, nodeId, candidate: { ...template.candidates[0], id: `${nodeId}-c3` }, chosen: 3 });
      push({ type: 'choose', at: at + 3, nodeId, index: 1 });
    }
    if (n % 100 === 0) {
      const side = `n${++k}`;
      push({ type: 'rewind', at: at + 4, from: nodeId, leafId: parent ?? 'opening' });
      push({
        ...template,
        at: at + 5,
        nodeId: side,
        parentId: parent,
        ...asTurn(template, n),
        cause: 'play',
        input: { text: `Another way (${n})` },
      });
      push({ type: 'branch', at: at + 6, leafId: nodeId });
    }
    parent = nodeId;
  }
  return { text: `${lines.join('\n')}\n`, side: `${side.join('\n')}\n`, records: lines.length };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const home = tempDir('resume-home');
  process.env.SKALD_HOME = home;
  const sessions = join(home, 'sessions');
  mkdirSync(sessions, { recursive: true });
  const t = await templates();
  const bigId = '20261101-2000-b16b';
  const smallId = '20261101-2000-0010';
  const big = sessionText(bigId, BIG, t);
  const write = (id: string, files: { text: string; side: string }) => {
    writeFileSync(join(sessions, `${id}.jsonl`), files.text);
    writeFileSync(join(sessions, `${id}.jsonl.diag`), files.side);
  };
  write(bigId, big);
  write(smallId, sessionText(smallId, 10, t));
  const mb = statSync(join(sessions, `${bigId}.jsonl`)).size / 1024 / 1024;

  // The session object ready, in process (the CLI's own resume path minus process start).
  const ready = async (id: string): Promise<number> => {
    collectGarbage();
    const start = now();
    const setup = await setupSession(undefined, { resume: id, offline: true });
    const ms = now() - start;
    // The lock is this process's: given up, so the next round can take it again.
    await setup.store.close();
    if (setup.session.turns().length < (id === bigId ? BIG : 10)) throw new Error(`resumed ${setup.session.turns().length} turns`);
    return ms;
  };
  await ready(smallId);
  const bigTimes: number[] = [];
  const smallTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    smallTimes.push(await ready(smallId));
    bigTimes.push(await ready(bigId));
  }
  const bigReady = median(bigTimes);
  rows.push({
    suite: 'resume',
    metric: `session ready, ${BIG.toLocaleString('en')} turns (in process)`,
    value: bigReady,
    unit: 'ms',
    baseline: { label: '10-turn session', value: median(smallTimes), unit: 'ms' },
    ratio: bigReady / median(smallTimes),
    target: '< 500 ms',
    met: bigReady < 500,
    note: `${mb.toFixed(0)} MB file, ${big.records.toLocaleString('en')} records, ${BIG / 10} swipes, ${BIG / 100} side branches; read + parse + replay + world load`,
  });

  // Through the built CLI: headless until its first line.
  const env = { ...process.env, SKALD_HOME: home, NO_COLOR: '1' };
  const firstLine = (args: string[]) => timeUntilOutput(process.execPath, [BIN, ...args], (out) => out.includes('\n'), env);
  const resumeHeadless: number[] = [];
  const freshHeadless: number[] = [];
  await firstLine(['play', 'glass-orchard', '--headless', '--offline']);
  for (let i = 0; i < 3; i++) {
    freshHeadless.push(await firstLine(['play', 'glass-orchard', '--headless', '--offline']));
    resumeHeadless.push(await firstLine(['play', '--resume', bigId, '--headless', '--offline']));
  }
  rows.push({
    suite: 'resume',
    metric: `headless --resume ${BIG.toLocaleString('en')} turns, to first line`,
    value: median(resumeHeadless),
    unit: 'ms',
    baseline: { label: 'fresh headless start', value: median(freshHeadless), unit: 'ms' },
    ratio: median(resumeHeadless) / median(freshHeadless),
    note: 'process start included on both sides',
  });

  if (spawnSync('script', ['--version']).status === 0) {
    const ttyEnv = { ...env, TERM: 'xterm-256color' };
    const midId = '20261101-2000-03e8';
    write(midId, sessionText(midId, 1_000, t));
    const fresh: number[] = [];
    const mid: number[] = [];
    const big: number[] = [];
    // The same runs, until keys typed at the first frame show in the composer: the whole story
    // loaded (a resume shown from its log's end holds keys until then).
    const bigReady: number[] = [];
    const CAP = 20_000;
    let midError = '';
    let why = '';
    // The three interleaved, so a load that comes and goes colours each alike (one 10,000-turn
    // sample against a median of three fresh starts swung 2x-6x under load ~10).
    for (let i = 0; i < 3; i++) {
      try {
        fresh.push(await timeInPty(`${process.execPath} ${BIN} play glass-orchard --offline`, /turn \d+/, ttyEnv));
        mid.push(await timeInPty(`${process.execPath} ${BIN} play --resume ${midId} --offline`, /turn 1000\b/, ttyEnv));
      } catch (error) {
        midError ||= error instanceof Error ? error.message : String(error);
      }
      try {
        const [frame, ready] = await timeInPtySteps(
          `${process.execPath} ${BIN} play --resume ${bigId} --offline`,
          // The composer's prompt before the letters: the terminal's own echo of them (before raw mode) has none.
          [{ until: /turn 10000\b/, type: 'zqx' }, { until: /› zqx/ }],
          ttyEnv,
          CAP,
        );
        big.push(frame);
        bigReady.push(ready);
      } catch (error) {
        why ||= error instanceof Error ? error.message.slice(0, 120) : String(error);
        big.push(CAP);
        bigReady.push(CAP);
      }
    }
    if (!midError) {
      rows.push({
        suite: 'resume',
        metric: 'TUI --resume 1,000 turns, to first frame',
        value: median(mid),
        unit: 'ms',
        baseline: { label: 'fresh TUI start', value: median(fresh), unit: 'ms' },
        ratio: median(mid) / median(fresh),
        target: '<= 1.5x a fresh start',
        met: median(mid) / median(fresh) <= 1.5,
        note: 'median of 3, interleaved; until the header shows "turn 1000"',
      });
    } else {
      rows.push({
        suite: 'resume',
        metric: 'TUI --resume 1,000 turns, to first frame',
        value: null,
        unit: 'ms',
        note: `could not be measured: ${midError}`,
      });
    }
    const capped = big.filter((ms) => ms === CAP).length;
    rows.push({
      suite: 'resume',
      metric: `TUI --resume ${BIG.toLocaleString('en')} turns, to first frame`,
      value: median(big),
      unit: 'ms',
      ...(fresh.length
        ? { baseline: { label: 'fresh TUI start', value: median(fresh), unit: 'ms' }, ratio: median(big) / median(fresh) }
        : {}),
      target: '<= 2x a fresh start',
      met: capped === 0 && fresh.length > 0 && median(big) / median(fresh) <= 2,
      note:
        capped > 0
          ? `${capped} of 3 without a first frame within ${CAP / 1000} s (counted as the cap): ${why}`
          : 'median of 3, interleaved with the fresh starts; until the header shows "turn 10000"',
    });
    rows.push({
      suite: 'resume',
      metric: `TUI --resume ${BIG.toLocaleString('en')} turns, ready for input`,
      value: median(bigReady),
      unit: 'ms',
      ...(fresh.length
        ? { baseline: { label: 'fresh TUI start', value: median(fresh), unit: 'ms' }, ratio: median(bigReady) / median(fresh) }
        : {}),
      note: 'the same runs: keys typed at the first frame, until the composer shows them (the whole story loaded; keys are held until then)',
    });
  }

  // 500 sessions on disk (each a real 30-turn log) plus the big one.
  const small = sessionText('x', 30, t).text;
  for (let i = 0; i < LIST; i++) {
    const id = `20261102-${String(Math.floor(i / 60)).padStart(2, '0')}${String(i % 60).padStart(2, '0')}-${(0x1000 + i).toString(16)}`;
    writeFileSync(join(sessions, `${id}.jsonl`), small.replace('"id":"x"', `"id":"${id}"`));
  }
  const listTimes: number[] = [];
  const bare: number[] = [];
  timeProcess(process.execPath, [BIN, 'sessions', 'list'], env);
  for (let i = 0; i < 5; i++) {
    bare.push(timeProcess(process.execPath, ['-e', '0'], env));
    listTimes.push(timeProcess(process.execPath, [BIN, 'sessions', 'list'], env));
  }
  rows.push({
    suite: 'resume',
    metric: `sessions list, ${LIST + 2} sessions on disk`,
    value: median(listTimes),
    unit: 'ms',
    baseline: { label: 'node -e 0', value: median(bare), unit: 'ms' },
    ratio: median(listTimes) / median(bare),
    note: 'median of 5',
  });
  return rows;
}
