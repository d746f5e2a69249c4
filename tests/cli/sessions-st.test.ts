// `skald sessions import|export --format st` through the built binary, with the real Seraphina card
// from the shared fixtures as the world. The shared fixtures hold no chat file, so the chat is
// written here in SillyTavern's documented chat format, its greeting the card's own (real chats, in
// process: tests/fixtures/sillytavern-chats, tests/store/st-chat-fixtures.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCard } from '../../src/world/import/index.js';
import { FIXTURES } from '../import/helpers.js';
import { activeBranch } from '../../src/store/branch.js';
import { loadSession } from '../../src/store/load.js';

const root = new URL('../../', import.meta.url);
const bin = new URL('bin/skald.js', root).pathname;
const card = join(FIXTURES, 'Seraphina.png');
const present = existsSync(card);
if (!present) console.warn(`skipped: the SillyTavern fixtures are not at ${FIXTURES} (a fresh clone has no ../shared)`);

const home = mkdtempSync(join(tmpdir(), 'skald-st-cli-'));
const skald = (args: string[], stdin = '') =>
  spawnSync(process.execPath, [bin, ...args], {
    input: stdin,
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
const sessionFiles = () =>
  existsSync(join(home, 'sessions')) ? readdirSync(join(home, 'sessions')).filter((f) => f.endsWith('.jsonl')) : [];
type Msg = Record<string, unknown>;

let chat: Msg[] = [];
let chatFile = '';

beforeAll(async () => {
  if (!present) return;
  expect(skald(['worlds', 'import', card]).status).toBe(0);
  // The greeting as SillyTavern shows it to a user named Mara: the card's first_mes, macros filled in.
  const greeting = (await importCard(card)).pack.openings[0].text.replaceAll('{{user}}', 'Mara').replaceAll('{{char}}', 'Seraphina');
  chat = [
    {
      user_name: 'Mara',
      character_name: 'Seraphina',
      create_date: '2024-05-01@12h00m00s',
      // Variables as SillyTavern's {{setvar}} leaves them: they go back as they were.
      chat_metadata: { world_info: 'Eldoria', note_prompt: '', variables: { affection: 3, mood: 'wary' } },
    },
    { name: 'Seraphina', is_user: false, is_system: false, send_date: 'May 1, 2024 12:00pm', mes: greeting, extra: {} },
    {
      name: 'Mara',
      is_user: true,
      is_system: false,
      send_date: 'May 1, 2024 12:01pm',
      mes: 'Where am I? My dog is called Biscuit.',
      extra: {},
    },
    {
      name: 'Seraphina',
      is_user: false,
      is_system: false,
      send_date: 'May 1, 2024 12:02pm',
      mes: '"In my glade, safe from the Shadowfangs."',
      extra: { api: 'openai', model: 'gpt-4o' },
      swipe_id: 2,
      swipes: ['"You are in Eldoria."', '"Rest first; questions later."', '"In my glade, safe from the Shadowfangs."'],
      swipe_info: [
        { send_date: 'May 1, 2024 12:02pm', extra: {} },
        { send_date: 'May 1, 2024 12:02pm', extra: {} },
        { send_date: 'May 1, 2024 12:02pm', extra: { api: 'openai' } },
      ],
    },
    { name: 'Mara', is_user: true, is_system: false, send_date: 'May 1, 2024 12:03pm', mes: 'I try to stand.', extra: {} },
    {
      name: 'Seraphina',
      is_user: false,
      is_system: false,
      send_date: 'May 1, 2024 12:04pm',
      mes: '*She steadies you.* "Slowly."',
      extra: {},
      swipe_id: 0,
      swipes: ['*She steadies you.* "Slowly."'],
      swipe_info: [{}],
    },
  ];
  chatFile = join(home, 'Seraphina - 2024-05-01@12h00m00s.jsonl');
  writeFileSync(chatFile, chat.map((m) => JSON.stringify(m)).join('\n') + '\n');
});

describe.skipIf(!present)('skald sessions import / export --format st', () => {
  // Spawns the CLI seven times: on a loaded machine it gets room, not a race.
  it("imports a chat into the card's world, exports it back the same, and plays on from it headless", { timeout: 180_000 }, async () => {
    const done = skald(['sessions', 'import', chatFile, '--world', 'seraphina']);
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    const id = /as session (\S+):/.exec(done.stdout)?.[1] as string;
    expect(done.stdout).toBe(
      `Imported Seraphina - 2024-05-01@12h00m00s.jsonl into world seraphina as session ${id}: 2 turns, 4 swipes (no critics ran on them); the greeting is the world's opening "first-message". Play on with \`skald play --resume ${id}\`.\n`,
    );

    // `sessions show --json` says a turn was imported, and gives its swipes no made-up score.
    const show = JSON.parse(skald(['sessions', 'show', id, '--json']).stdout) as {
      turns: Array<{ imported?: string; candidates: Array<{ score: number | null; variant: string }> }>;
    };
    expect(show.turns.map((t) => t.imported)).toEqual(['sillytavern', 'sillytavern']);
    expect(show.turns[0].candidates).toEqual(expect.arrayContaining([expect.objectContaining({ score: null, variant: 'SillyTavern' })]));

    const out = join(home, 'back.jsonl');
    const exported = skald(['sessions', 'export', id, '--format', 'st', '--out', out]);
    expect(exported.stdout).toBe(`Exported session ${id} to ${out}.\n`);
    const back = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Msg);
    const shown = (m: Msg) => ({
      name: m.name,
      is_user: m.is_user,
      mes: m.mes,
      swipes: m.swipes ?? [m.mes],
      swipe_id: m.swipe_id ?? 0,
      extra: m.extra,
      send_date: m.send_date,
    });
    expect(back[0]).toEqual(chat[0]);
    expect(back.slice(1).map(shown)).toEqual(chat.slice(1).map(shown));

    // Resumed headless with the offline narrator: turn 3 follows the imported two, in their story.
    const played = skald(['play', '--resume', id, '--headless', '--offline'], 'I thank her and look for my pack.\n');
    expect(played.status).toBe(0);
    const lines = played.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'session', id, world: 'seraphina', persona: 'Mara', resumed: true, turns: 2 });
    const turn = lines.find((l) => l.type === 'turn');
    expect(turn).toMatchObject({ turn: 3, input: 'I thank her and look for my pack.' });
    // The fact from the imported first message is in force in the resumed story.
    expect(JSON.stringify(turn)).toContain('Biscuit');
    const after = activeBranch((await loadSession(id, join(home, 'sessions'))).records);
    expect(after.map((t) => t.input.text)).toEqual([
      'Where am I? My dog is called Biscuit.',
      'I try to stand.',
      'I thank her and look for my pack.',
    ]);
    // Imported swipes carry no critic verdicts and say where they came from; the turn played here was judged as usual.
    expect(after[0].candidates.every((c) => c.critics.length === 0 && c.imported?.from === 'sillytavern')).toBe(true);
    expect(after[2].imported).toBeUndefined();
    expect(after[2].candidates.every((c) => c.critics.length > 0 && !c.imported)).toBe(true);

    // The export now ends with the new turn, the candidates of it as swipes.
    const again = skald(['sessions', 'export', id, '--format', 'st'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Msg);
    expect(again).toHaveLength(back.length + 2);
    expect(again.at(-2)).toMatchObject({ name: 'Mara', is_user: true, mes: 'I thank her and look for my pack.' });
    expect(again.at(-1)).toMatchObject({ name: 'Seraphina', is_user: false, swipe_id: 0 });
    expect((again.at(-1)!.swipes as string[])[0]).toBe(again.at(-1)!.mes);
  });

  it('a malformed line is named by its number and no session is written', () => {
    const before = sessionFiles();
    const bad = join(home, 'bad.jsonl');
    writeFileSync(
      bad,
      [JSON.stringify(chat[0]), JSON.stringify(chat[1]), '{"name":"Mara","is_user":true,"mes":"cut off', JSON.stringify(chat[3])].join(
        '\n',
      ),
    );
    const done = skald(['sessions', 'import', bad, '--world', 'seraphina']);
    expect(done.status).toBe(1);
    expect(done.stdout).toBe('');
    expect(done.stderr).toMatch(/^skald: bad\.jsonl line 3 is not JSON \(.+\); nothing was imported\.\n$/);
    expect(sessionFiles()).toEqual(before);
  });

  it('refuses an unknown world or a missing --world before writing anything', () => {
    const before = sessionFiles();
    expect(skald(['sessions', 'import', chatFile, '--world', 'no-such-world']).stderr).toMatch(/no-such-world/);
    const missing = skald(['sessions', 'import', chatFile]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("skald: Required option '--world <id>'");
    expect(sessionFiles()).toEqual(before);
  });
});
