// `skald sessions show` answered by the launcher (src/cli/sessions-show-launch.ts) before the CLI is
// read: the built CLI prints the same bytes, warnings and exit status through it as through
// commander (`--verbose` sends the same command there), and it hands every story it cannot vouch
// for, and every id it cannot resolve, to the CLI.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { quickShowArgs, showQuickly } from '../../src/cli/sessions-show-launch.js';
import { leanRefused } from '../../src/cli/sessions-show-lean.js';
import { showLoaded, showSession } from '../../src/cli/sessions-show.js';
import { swipedOpening } from '../../src/engine/session/records.js';
import { loadSession } from '../../src/store/load.js';
import { JsonlSessionStore, recordLine } from '../../src/store/session-file.js';
import { sealJson } from '../../src/store/checksum.js';
import { parseStChat } from '../../src/store/st-chat/parse.js';
import { chatToRecords } from '../../src/store/st-chat/to-session.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { collect } from '../engine/session/helpers.js';

const bin = new URL('../../bin/skald.js', import.meta.url).pathname;
// Preloaded to learn whether the launcher imported the CLI (dist/main.js): it writes the mark file then.
const loadHook = new URL('../support/slow-cli-load.mjs', import.meta.url).href;
const CHATS = new URL('../fixtures/sillytavern-chats/', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'skald-show-launch-'));
const sessions = join(home, 'sessions');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Whether the CLI itself (dist/main.js) was loaded. */
  cli: boolean;
}

function skald(...args: string[]): Run {
  const mark = join(home, `mark-${Math.random().toString(36).slice(2)}`);
  const run = spawnSync(process.execPath, ['--import', loadHook, bin, ...args], {
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1', SKALD_SLOW_LOAD_MS: '0', SKALD_SLOW_LOAD_MARK: mark },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const cli = existsSync(mark);
  rmSync(mark, { force: true });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, cli };
}

/** Session `id` in the data folder as the CLI's careful path loads it for show. */
async function load(id: string) {
  const loaded = await loadSession(id, sessions, { diagnostics: 'none' });
  const openingId = swipedOpening(loaded.records);
  return openingId === undefined ? loaded : { ...loaded, start: { ...loaded.start, openingId } };
}

/** What the careful loader prints for session `id` in the data folder. */
async function careful(id: string, json: boolean): Promise<string> {
  return showLoaded(await load(id), json).text;
}

let played = '';
let imported = '';
let swiped = '';
let torn = '';

beforeAll(async () => {
  mkdirSync(sessions, { recursive: true });
  // A story played in skald, its diagnostics in the side file: a swiped opening, swipes onto forks,
  // a regenerate, an author's note and a system prompt set and changed, a fact pinned.
  let t = Date.UTC(2026, 11, 7, 17);
  const store = new JsonlSessionStore({ dir: sessions });
  const session = await Session.create({
    pack: miniPack(),
    provider: createOfflineNarrator({ seed: 5 }),
    clock: { now: () => (t += 1000) },
    seed: 5,
    candidates: 2,
    store,
  });
  await session.chooseOpening('the-ledger');
  const lines = ['Hello, brother.', 'Why did the wheel stop?', 'I ask about the debt.', 'Where is Ilsa tonight?'];
  for (let n = 1; n <= 8; n++) {
    await collect(session.play({ text: `${lines[n % lines.length]} (${n})` }));
    if (n === 2) await session.setAuthorsNote({ text: 'Keep the rain in every scene.', depth: 4, every: 1 });
    if (n === 3) await session.remember('The mill wheel turns at night.');
    if (n === 4) await session.choose(n, 1);
    if (n === 5) await collect(session.regenerate());
    if (n === 6) await session.setSystemPrompt('You narrate a quiet, patient story.');
  }
  await store.close();
  played = session.id;
  expect(existsSync(join(sessions, `${played}.jsonl.diag`))).toBe(true);

  // Chats imported from SillyTavern: imported turns, a greeting, a message kept aside; swipes.
  const importChat = (file: string, id: string) => {
    const chat = parseStChat(readFileSync(join(CHATS, file), 'utf8'), file);
    const pack = miniPack();
    const { records } = chatToRecords({ chat, pack, persona: pack.player, id, seed: 1, now: 0, candidates: 3, budget: 8192 });
    writeFileSync(join(sessions, `${id}.jsonl`), `${records.map((r) => recordLine(r)).join('\n')}\n`);
    return id;
  };
  imported = importChat('walter-white-2023-03-five-turns.jsonl', '2023-03-walter-imported');
  swiped = importChat('ai-guide-2025-02-five-swipes.jsonl', '2025-02-ai-guide-imported');

  // The played story with its last line cut off: only the careful loader may answer, with a warning.
  torn = `${played}-torn`;
  copyFileSync(join(sessions, `${played}.jsonl`), join(sessions, `${torn}.jsonl`));
  appendFileSync(join(sessions, `${torn}.jsonl`), '{"type":"turn","at":');
}, 60_000);

describe('sessions show from the launcher', () => {
  it('prints what the CLI prints, text and --json, for a played story and an imported chat, without loading the CLI', async () => {
    for (const id of [played, imported, swiped]) {
      for (const form of [[id], [id, '--json'], ['--json', id]]) {
        const quick = skald('sessions', 'show', ...form);
        const full = skald('--verbose', 'sessions', 'show', ...form);
        expect(quick.cli, `${form.join(' ')}`).toBe(false);
        expect(full.cli).toBe(true);
        expect({ ...quick, cli: undefined }).toEqual({ ...full, cli: undefined });
        expect(quick.status).toBe(0);
        expect(quick.stdout).toBe(await careful(id, form.includes('--json')));
      }
    }
    // What makes these stories worth comparing is in the output.
    const story = JSON.parse(skald('sessions', 'show', played, '--json').stdout) as Record<string, unknown> & {
      opening: string;
      turns: Array<{ chosen: number; candidates: unknown[]; authorsNote?: unknown; systemPrompt?: unknown }>;
    };
    expect(story.opening).toBe('the-ledger');
    expect(story.turns.some((turn) => turn.chosen > 0)).toBe(true);
    expect(story.turns.some((turn) => turn.candidates.length > 2)).toBe(true);
    expect(story.turns.some((turn) => turn.authorsNote !== undefined)).toBe(true);
    expect(story.turns.some((turn) => turn.systemPrompt !== undefined)).toBe(true);
    const chat = JSON.parse(skald('sessions', 'show', imported, '--json').stdout) as {
      greeting?: string;
      asides?: unknown[];
      turns: Array<{ imported?: string; candidates: unknown[] }>;
    };
    expect(chat.greeting).toBeTruthy();
    expect(chat.asides).toHaveLength(1);
    expect(chat.turns.every((turn) => turn.imported === 'sillytavern')).toBe(true);
    const swipes = JSON.parse(skald('sessions', 'show', swiped, '--json').stdout) as typeof chat;
    expect(swipes.turns.some((turn) => turn.candidates.length > 1)).toBe(true);
  });

  it('hands a story it cannot vouch for to the CLI, whose careful loader prints it and warns once', async () => {
    for (const json of [false, true]) {
      const form = json ? [torn, '--json'] : [torn];
      const quick = skald('sessions', 'show', ...form);
      const full = skald('--verbose', 'sessions', 'show', ...form);
      expect(quick.cli).toBe(true);
      expect({ ...quick, cli: undefined }).toEqual({ ...full, cli: undefined });
      expect(quick.status).toBe(0);
      expect(quick.stderr.trim().split('\n')).toHaveLength(1);
      expect(quick.stderr).toMatch(/cut off/);
    }
  });

  it('says false having printed nothing for a story it cannot vouch for, and the CLI then reads it with the careful loader only', async () => {
    const before = process.env.SKALD_HOME;
    process.env.SKALD_HOME = home;
    try {
      const written: Array<string | Buffer> = [];
      expect(await showQuickly(['sessions', 'show', played, '--json'], (text) => written.push(text))).toBe(true);
      expect(written.map(String)).toEqual([await careful(played, true)]);
      written.length = 0;
      expect(await showQuickly(['sessions', 'show', torn], (text) => written.push(text))).toBe(false);
      expect(written).toEqual([]);
      const path = join(sessions, `${torn}.jsonl`);
      expect(leanRefused(path)).toBe(true);
      // Not read again: were the log whole now, the careful loader would still be the one to print it.
      const tornCopy = `${torn}-copy`;
      copyFileSync(path, join(sessions, `${tornCopy}.jsonl`));
      copyFileSync(join(sessions, `${played}.jsonl`), path);
      const warnings: string[] = [];
      await showSession(
        torn,
        false,
        () => load(tornCopy),
        (text) => written.push(text),
        (text) => warnings.push(text),
      );
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/cut off/);
      expect(written.map(String)).toEqual([await careful(tornCopy, false)]);
      // A log the quick path never refused is read by the lean reader as before.
      expect(leanRefused(join(sessions, `${played}.jsonl`))).toBe(false);
    } finally {
      if (before === undefined) delete process.env.SKALD_HOME;
      else process.env.SKALD_HOME = before;
    }
  });

  it('leaves a log its reader refuses to the CLI, which names the damage in one line and shows the rest', () => {
    // A turn re-sealed with a time no date can hold: the checksum is right, the record is damage.
    const lines = readFileSync(join(sessions, `${played}.jsonl`), 'utf8')
      .trim()
      .split('\n');
    const at = lines.findIndex((line) => line.includes('"type":"turn"'));
    const { crc: _, ...turn } = JSON.parse(lines[at]) as { crc: string; at: number };
    lines[at] = sealJson(JSON.stringify({ ...turn, at: 1e20 }));
    const odd = `${played}-odd-time`;
    writeFileSync(join(sessions, `${odd}.jsonl`), `${lines.join('\n')}\n`);
    const quick = skald('sessions', 'show', odd, '--json');
    expect(quick.cli).toBe(true);
    // One sentence for the damaged line, one for the turn after it that now follows the opening.
    expect(quick.stderr.trim().split('\n')).toHaveLength(2);
    expect(quick.stderr).toMatch(new RegExp(`^Line ${at + 1} of session ${odd} has a record of the wrong shape \\(turn\\.at is number`));
    expect(quick.stderr).not.toMatch(/\n\s+at /);
    expect(quick.status).toBe(0);
    expect(JSON.parse(quick.stdout)).toMatchObject({ id: expect.any(String) });
  });

  it('leaves an id it cannot resolve, and every other command line, to the CLI', () => {
    const missing = skald('sessions', 'show', 'no-such-story');
    expect(missing).toMatchObject({ status: 1, stdout: '', cli: true });
    expect(missing.stderr).toBe('skald: There is no session "no-such-story"; see `skald sessions list`.\n');
    const help = skald('sessions', 'show', '--help');
    expect(help).toMatchObject({ status: 0, cli: true });
    expect(help.stdout).toContain('Usage: skald sessions show');
    expect(skald('sessions', 'show', played, '--json', '--json')).toMatchObject({ cli: true });
    expect(skald('sessions', 'show')).toMatchObject({ status: 2, cli: true });
  });

  it('takes exactly `sessions show <id>` with --json or not, before or after the id', () => {
    expect(quickShowArgs(['sessions', 'show', 'last'])).toEqual({ id: 'last', json: false });
    expect(quickShowArgs(['sessions', 'show', 'a1', '--json'])).toEqual({ id: 'a1', json: true });
    expect(quickShowArgs(['sessions', 'show', '--json', 'a1'])).toEqual({ id: 'a1', json: true });
    for (const args of [
      ['sessions', 'show'],
      ['sessions', 'show', '--json'],
      ['sessions', 'show', 'a1', '--verbose'],
      ['sessions', 'show', 'a1', '--json', '--json'],
      ['sessions', 'show', 'a1', 'b2'],
      ['sessions', 'show', '-h'],
      ['--verbose', 'sessions', 'show', 'a1'],
      ['sessions', 'list', 'a1'],
      ['sessions', 'export', 'a1', '--json'],
    ])
      expect(quickShowArgs(args), args.join(' ')).toBeUndefined();
  });
});
