/**
 * skald against SillyTavern on the same story, on files this suite generates on every run: a
 * story of real offline-narrator turns (3 candidates a turn, every 10th turn swiped once more)
 * written as skald writes it (the log and its side file of diagnostics) and as SillyTavern saves a
 * chat (JSON Lines: a header, then one line per message with `name`, `is_user`, `send_date`, `mes`
 * and, on replies, `swipes`: every candidate the player could swipe to).
 *   - bytes: skald's log against SillyTavern's chat, 1,000 turns;
 *   - `skald sessions show --json` of 10,000 turns against node reading the chat file and
 *     `JSON.parse`-ing each line (both as processes, start-up included on both sides);
 *   - the floor under that show: node reading and parsing skald's own log the same way.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionRecord, TurnRecord } from '../src/engine/session/records.js';
import { logLines } from '../src/store/session-file.js';
import { BIN, median, now, tempDir, type BenchRow } from './lib.js';
import { asTurn, templates } from './resume.js';
import { bundledWorld, newSession, playTurns } from './story.js';
import { MemorySessionStore } from '../src/engine/session/records.js';

/** One story, as records (what skald keeps) and as the messages SillyTavern keeps. */
export function story(id: string, turns: number, t: Awaited<ReturnType<typeof templates>>): SessionRecord[] {
  const records: SessionRecord[] = [{ ...t.start, id }];
  let at = t.start.at;
  let parent: string | null = null;
  for (let n = 1; n <= turns; n++) {
    const template = t.turns[n % t.turns.length];
    const nodeId = `n${n}`;
    at += 30_000;
    records.push({
      ...template,
      at,
      nodeId,
      parentId: parent,
      ...asTurn(template, n),
      input: { text: `${template.input.text.replace(/\s*\(\d+\)$/, '')} (${n})` },
    });
    if (n % 10 === 0) {
      records.push({ type: 'regenerate', at: at + 1, nodeId, rejected: 0 });
      records.push({ type: 'candidate', at: at + 2, nodeId, candidate: { ...template.candidates[0], id: `${nodeId}-c3` }, chosen: 3 });
    }
    parent = nodeId;
  }
  return records;
}

/** The files skald writes for `records`: the log and the side file. */
export function skaldFiles(records: readonly SessionRecord[]): { log: string; side: string } {
  const log: string[] = [];
  const side: string[] = [];
  for (const lines of logLines(records)) {
    log.push(lines.story);
    if (lines.diagnostics !== undefined) side.push(lines.diagnostics);
  }
  return { log: `${log.join('\n')}\n`, side: `${side.join('\n')}\n` };
}

const stDate = (ms: number) =>
  new Date(ms).toLocaleString('en-US', {
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  });

/** SillyTavern's chat file for the same story: the reply on screen in `mes`, every candidate in `swipes`. */
export function sillyTavernChat(records: readonly SessionRecord[], user: string, character: string): string {
  const start = records[0];
  const lines = [JSON.stringify({ user_name: user, character_name: character, create_date: stDate(start.at), chat_metadata: {} })];
  const turns = new Map<string, { turn: TurnRecord; swipes: string[]; shown: number }>();
  const order: string[] = [];
  for (const r of records) {
    if (r.type === 'turn') {
      turns.set(r.nodeId, { turn: r, swipes: r.candidates.map((c) => c.text), shown: r.chosen });
      order.push(r.nodeId);
    } else if (r.type === 'candidate') {
      const entry = turns.get(r.nodeId);
      if (entry) {
        entry.swipes.push(r.candidate.text);
        entry.shown = r.chosen;
      }
    }
  }
  for (const nodeId of order) {
    const { turn, swipes, shown } = turns.get(nodeId)!;
    lines.push(JSON.stringify({ name: user, is_user: true, send_date: stDate(turn.at), mes: turn.input.text }));
    lines.push(JSON.stringify({ name: character, is_user: false, send_date: stDate(turn.at + 1), mes: swipes[shown], swipes }));
  }
  return `${lines.join('\n')}\n`;
}

/** The session file's row: skald's log (`log` bytes) against SillyTavern's chat (`st` bytes) of the same story. */
function sizeRow(metric: string, log: number, st: number, note: string): BenchRow {
  return {
    suite: 'sillytavern',
    metric,
    value: log / 1024 / 1024,
    unit: 'MB',
    baseline: { label: "SillyTavern's chat, same story", value: st / 1024 / 1024, unit: 'MB' },
    ratio: log / st,
    target: '<= 1.2x',
    met: log / st <= 1.2,
    note,
  };
}

/** Wall ms of a process run to its end, its output thrown away (`show` of 10,000 turns prints ~10 MB). */
function timeQuiet(args: string[], env: NodeJS.ProcessEnv): number {
  const start = now();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  const ms = now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 300)}`);
  return ms;
}

const READ_AND_PARSE =
  "const t=require('fs').readFileSync(process.argv[1],'utf8').split('\\n');let n=0;for(const l of t)if(l)n+=JSON.parse(l)?1:0;if(n<2)process.exit(1)";

/** Turns of the played story (the rolling summary fills its budget by about turn 40). */
const PLAYED = 200;

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const home = tempDir('st-home');
  const sessions = join(home, 'sessions');
  mkdirSync(sessions, { recursive: true });
  const t = await templates();
  const user = t.start.persona;
  const character = 'Narrator';

  // A story played turn by turn, nothing templated: what a player's file holds.
  {
    const store = new MemorySessionStore();
    const session = await newSession(await bundledWorld(), { candidates: 3, store });
    await playTurns(session, PLAYED);
    const log = Buffer.byteLength(skaldFiles(store.records).log);
    const st = Buffer.byteLength(sillyTavernChat(store.records, user, character));
    rows.push(
      sizeRow(
        `session file, ${PLAYED} turns played (log)`,
        log,
        st,
        'offline narrator, 3 candidates a turn, every turn played (no templates)',
      ),
    );
  }

  for (const turns of [1_000, 10_000]) {
    const id = `20261101-2000-${turns.toString(16).padStart(4, '0')}`;
    const records = story(id, turns, t);
    const files = skaldFiles(records);
    const logPath = join(sessions, `${id}.jsonl`);
    writeFileSync(logPath, files.log);
    writeFileSync(`${logPath}.diag`, files.side);
    const stPath = join(home, `${id}-sillytavern.jsonl`);
    writeFileSync(stPath, sillyTavernChat(records, user, character));
    const log = statSync(logPath).size;
    const side = statSync(`${logPath}.diag`).size;
    const st = statSync(stPath).size;
    rows.push(
      sizeRow(
        `session file, ${turns.toLocaleString('en')} turns (log)`,
        log,
        st,
        `diagnostics side file ${(side / 1024 / 1024).toFixed(1)} MB beside it (log + side = ${((log + side) / st).toFixed(2)}x); ${records.length.toLocaleString('en')} records`,
      ),
    );
    if (turns !== 10_000) continue;
    const env = { ...process.env, SKALD_HOME: home, NO_COLOR: '1' };
    const show: number[] = [];
    const parse: number[] = [];
    // The floor under any show that checks every record: node parsing skald's own log the same way, nothing else.
    const parseLog: number[] = [];
    timeQuiet([BIN, 'sessions', 'show', id, '--json'], env);
    for (let i = 0; i < 5; i++) {
      parse.push(timeQuiet(['-e', READ_AND_PARSE, stPath], env));
      show.push(timeQuiet([BIN, 'sessions', 'show', id, '--json'], env));
      parseLog.push(timeQuiet(['-e', READ_AND_PARSE, logPath], env));
    }
    rows.push({
      suite: 'sillytavern',
      metric: `sessions show --json, ${turns.toLocaleString('en')} turns`,
      value: median(show),
      unit: 'ms',
      baseline: { label: "node reading + JSON.parse of SillyTavern's chat", value: median(parse), unit: 'ms' },
      ratio: median(show) / median(parse),
      target: '<= 1x',
      met: median(show) <= median(parse),
      note: 'median of 5, interleaved; process start-up on both sides',
    });
    rows.push({
      suite: 'sillytavern',
      metric: `node reading + JSON.parse of skald's log, ${turns.toLocaleString('en')} turns`,
      value: median(parseLog),
      unit: 'ms',
      baseline: { label: "node reading + JSON.parse of SillyTavern's chat", value: median(parse), unit: 'ms' },
      ratio: median(parseLog) / median(parse),
      note: 'the floor under show (no checks, no output): the log holds ~3x the JSON values of the chat (critics, plan, variants)',
    });
  }
  return rows;
}
