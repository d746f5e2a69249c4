import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

const bin = new URL('../../bin/skald.js', import.meta.url).pathname;

function skald(args: string[], home: string, stdin = '') {
  return spawnSync(process.execPath, [bin, ...args], {
    input: stdin,
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** Plays headless with stdin open until the child exits (the server answers while it runs). */
function playHeadless(args: string[], home: string, lines: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

// A card in our own words: its texts use {{user}} and {{char}}, as community cards do.
const card = {
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: 'Odile',
    description: '{{char}} keeps the lighthouse on Brannock Rock and distrusts visitors.',
    personality: 'wry, watchful',
    scenario: '{{user}} has rowed out to the lighthouse in a storm.',
    first_mes: '*{{char}} holds the lantern higher.* "Who sent you out here, {{user}}?"',
    mes_example: '',
    creator_notes: '',
    system_prompt: '',
    post_history_instructions: '',
    alternate_greetings: ['*{{char}} does not look up from the lamp.* "Another storm, another fool. Sit, {{user}}."'],
    character_book: {
      name: 'Brannock',
      entries: [
        // SillyTavern's "at depth" position (4), one message from the end, as the system.
        {
          keys: ['rain'],
          content: 'The rain on Brannock Rock never falls straight.',
          enabled: true,
          insertion_order: 1,
          extensions: { position: 4, depth: 1, role: 0 },
        },
      ],
    },
    tags: [],
    creator: 'skald tests',
    character_version: '1',
    extensions: {},
  },
};

describe('skald personas', () => {
  it('adds, lists, uses and removes personas, with one-line errors', () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-test-personas-'));
    expect(skald(['personas', 'list'], home).stdout).toContain('No personas yet');
    expect(skald(['personas', 'add', 'Mara', '--description', 'A cartographer who owes everyone money.'], home).status).toBe(0);
    expect(skald(['personas', 'add', 'Ilse'], home).status).toBe(0);
    const listed = JSON.parse(skald(['personas', 'list', '--json'], home).stdout);
    // The first persona saved is the one in use.
    expect(listed).toEqual({
      active: 'Mara',
      personas: [
        { name: 'Mara', description: 'A cartographer who owes everyone money.' },
        { name: 'Ilse', description: '' },
      ],
    });
    expect(skald(['personas', 'use', 'ilse'], home).stdout).toContain('played as Ilse');
    expect(skald(['personas', 'list'], home).stdout).toMatch(/^\* Ilse$/m);
    const missing = skald(['personas', 'use', 'Ilsa'], home);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('skald: There is no persona "Ilsa"; did you mean "Ilse"? Personas: Mara, Ilse.');
    expect(skald(['personas', 'add', 'You'], home).status).toBe(2);
    expect(skald(['personas', 'rm', 'Ilse'], home).status).toBe(0);
    expect(JSON.parse(skald(['personas', 'list', '--json'], home).stdout)).toMatchObject({ active: null, personas: [{ name: 'Mara' }] });
  });
});

describe('an imported card is played by the player persona, never by "You"', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour(() => ({ content: '*Odile lowers the lantern.* "Come in, then, before the sea takes you."' }));
  });
  afterAll(async () => server.close());

  async function importAndPlay(home: string, before: string[] = []) {
    const file = join(home, 'odile.json');
    writeFileSync(file, JSON.stringify(card));
    const imported = skald(['worlds', 'import', file], home);
    expect(imported.status, imported.stderr).toBe(0);
    const first = server.requests.length;
    const run = await playHeadless(
      ['play', 'odile', '--headless', '--base-url', server.url, '--model', 'story-1', '--candidates', '1', '--seed', '3'],
      home,
      [...before, 'I shake the rain off my coat.'],
    );
    expect(run.code, run.stderr).toBe(0);
    const chat = server.requests.slice(first).find((r) => r.path.endsWith('/chat/completions'));
    return {
      body: chat!.body!,
      lines: run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    };
  }

  it('with a persona in use: its name and description in the prompt and the stop sequences', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-test-personas-'));
    skald(['personas', 'add', 'Mara', '--description', 'A cartographer who owes everyone money.'], home);
    const { body, lines } = await importAndPlay(home, ['/opening 2']);
    const prompt = body.messages.map((m) => m.content).join('\n');
    // The alternate greeting, swiped to before the first turn, is the story's opening.
    expect(lines.find((l) => l.type === 'opening')).toMatchObject({ id: 'alternate-1', text: expect.stringContaining('Sit, Mara.') });
    expect(prompt).toContain('Another storm, another fool. Sit, Mara.');
    expect(prompt).not.toContain('Who sent you out here');
    // The book's entry sits at its depth: one message from the end, as a system message.
    const chat = body.messages;
    expect(chat[chat.length - 2]).toEqual({ role: 'user', content: 'I shake the rain off my coat.' });
    expect(chat[chat.length - 3]).toEqual({ role: 'system', content: 'The rain on Brannock Rock never falls straight.' });
    expect(prompt).toContain('A cartographer who owes everyone money.');
    expect(prompt).not.toMatch(/\bYou play You\b|\{\{user\}\}/);
    expect(body.stop).toContain('Mara:');
    expect(body.stop).not.toContain('You:');
    expect(lines.find((l) => l.type === 'turn')).toBeDefined();
  });

  it('with none: a Traveller, not "You"', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-test-personas-'));
    const { body } = await importAndPlay(home);
    const prompt = body.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('Who sent you out here, Traveller?');
    expect(body.stop).toContain('Traveller:');
    expect(body.stop).not.toContain('You:');
  });
});

describe('choosePlayer', () => {
  it('an open pack takes the library persona (named or in use); a fixed pack is only renamed', async () => {
    const { choosePlayer } = await import('../../src/cli/persona-choice.js');
    const { addPersona } = await import('../../src/config/personas.js');
    const { miniPack } = await import('../fixtures/mini-pack.js');
    const env = { ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-personas-')) };
    const open = miniPack({ player: { name: 'Traveller', open: true, persona: '', relations: {} } });
    expect(choosePlayer(open, undefined, undefined, env).pack.player.name).toBe('Traveller');
    addPersona('Mara', 'A cartographer.', env);
    addPersona('Ilse', 'A smuggler.', env);
    expect(choosePlayer(open, undefined, undefined, env).pack.player).toMatchObject({ name: 'Mara', persona: 'A cartographer.' });
    expect(choosePlayer(open, 'ilse', undefined, env).pack.player).toMatchObject({ name: 'Ilse', persona: 'A smuggler.' });
    // A name not in the library plays under that name alone; a resumed story keeps its player.
    expect(choosePlayer(open, 'Bran', undefined, env).pack.player).toMatchObject({ name: 'Bran', persona: '' });
    expect(choosePlayer(open, undefined, 'Ilse', env).pack.player.name).toBe('Ilse');
    const fixed = miniPack();
    const renamed = choosePlayer(fixed, 'Mara', undefined, env);
    expect(renamed.pack).toBe(fixed);
    expect(renamed.persona).toMatchObject({ name: 'Mara', persona: fixed.player.persona });
    expect(choosePlayer(fixed, undefined, undefined, env).persona).toBeUndefined();
  });
});
