/**
 * skald against SillyTavern on the same story, on files this suite generates on every run: a
 * story of real offline-narrator turns (3 candidates a turn, every 10th turn swiped once more)
 * written as skald writes it (the log and its side file of diagnostics) and as SillyTavern saves a
 * chat (JSON Lines: a header, then one line per message with the fields SillyTavern writes: on
 * replies `swipes`, every candidate the player could swipe to, and their `swipe_info`).
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

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A message's `send_date` as SillyTavern writes it: "August 7, 2024 6:47pm". */
const stDate = (ms: number) => {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}${h < 12 ? 'am' : 'pm'}`;
};

/** The header's `create_date`: "2024-08-07@18h45m42s". */
const stCreated = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}@${pad(d.getUTCHours())}h${pad(d.getUTCMinutes())}m${pad(d.getUTCSeconds())}s`;
};

/** How long the bench's story says a reply took to generate, for `gen_started`. */
const GENERATION_MS = 9_000;

/**
 * SillyTavern's chat file for the same story: the reply on screen in `mes`, every candidate in
 * `swipes`, each with its `swipe_info` entry. The fields are the ones SillyTavern writes today
 * (public/script.js `saveReply`, and the 2024-2025 chats in tests/fixtures/sillytavern-chats):
 * every reply carries `extra` (`api`, `model`), `gen_started`/`gen_finished`, `swipe_id`, `swipes`
 * and one `swipe_info` entry a swipe (`send_date`, `gen_started`, `gen_finished`, `extra`), even
 * with a single swipe; the player's messages carry `is_system`, `extra` and the persona's
 * `force_avatar`; the header's `chat_metadata` holds the author's note defaults and the
 * `chat_id_hash`. Texts are the story's own, in both files.
 */
export function sillyTavernChat(records: readonly SessionRecord[], user: string, character: string): string {
  const start = records[0];
  const model = start.type === 'session-start' ? (start.provider.model ?? 'gpt-4o-mini') : 'gpt-4o-mini';
  const extra = { api: 'openai', model };
  const header = {
    user_name: user,
    character_name: character,
    create_date: stCreated(start.at),
    chat_metadata: {
      chat_id_hash: 4_803_118_259_624_117,
      note_prompt: '',
      note_interval: 1,
      note_position: 1,
      note_depth: 4,
      note_role: 0,
      timedWorldInfo: { sticky: {}, cooldown: {} },
      tainted: true,
    },
  };
  const lines = [JSON.stringify(header)];
  interface Swipe {
    text: string;
    at: number;
  }
  const turns = new Map<string, { turn: TurnRecord; swipes: Swipe[]; shown: number }>();
  const order: string[] = [];
  for (const r of records) {
    if (r.type === 'turn') {
      turns.set(r.nodeId, { turn: r, swipes: r.candidates.map((c) => ({ text: c.text, at: r.at })), shown: r.chosen });
      order.push(r.nodeId);
    } else if (r.type === 'candidate') {
      const entry = turns.get(r.nodeId);
      if (entry) {
        entry.swipes.push({ text: r.candidate.text, at: r.at });
        entry.shown = r.chosen;
      }
    }
  }
  const info = (swipe: Swipe) => ({
    send_date: stDate(swipe.at),
    gen_started: new Date(swipe.at - GENERATION_MS).toISOString(),
    gen_finished: new Date(swipe.at).toISOString(),
    extra: { ...extra },
  });
  for (const nodeId of order) {
    const { turn, swipes, shown } = turns.get(nodeId)!;
    lines.push(
      JSON.stringify({
        name: user,
        is_user: true,
        is_system: false,
        send_date: stDate(turn.at - GENERATION_MS),
        mes: turn.input.text,
        extra: { isSmallSys: false },
        force_avatar: 'User Avatars/user-default.png',
      }),
    );
    const on = info(swipes[shown]);
    lines.push(
      JSON.stringify({
        extra: { ...extra },
        name: character,
        is_user: false,
        send_date: on.send_date,
        mes: swipes[shown].text,
        gen_started: on.gen_started,
        gen_finished: on.gen_finished,
        swipe_id: shown,
        swipes: swipes.map((s) => s.text),
        swipe_info: swipes.map(info),
      }),
    );
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
      note: 'the floor under show (no checks, no output): at 10,000 turns the log holds ~1.3x the JSON values of the chat (its critics, plan and variants against the swipe_info of the chat) in ~0.8x its bytes',
    });
  }
  return rows;
}
