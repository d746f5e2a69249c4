/**
 * SillyTavern's personas into skald's library (`skald personas import`). The backup file is
 * hand-made in the shape SillyTavern's Backup button writes (tests/fixtures/sillytavern-personas,
 * PROVENANCE.md says why no real one is used).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { activePersona, addPersona, listPersonas } from '../../src/config/personas.js';
import { importSillyTavernPersonas } from '../../src/config/st-personas.js';
import { runCli } from './cli.js';
import { choosePlayer } from '../../src/cli/persona-choice.js';
import { miniPack } from '../fixtures/mini-pack.js';

const BACKUP = fileURLToPath(new URL('../fixtures/sillytavern-personas/personas_20250301.json', import.meta.url));
const backup = () => JSON.parse(readFileSync(BACKUP, 'utf8')) as Record<string, unknown>;
const freshEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-stpersonas-')),
  NO_COLOR: '1',
});

describe('SillyTavern personas into the persona library', () => {
  it('saves each named persona with its description, makes the default persona the one in use, and names what it skips', () => {
    const env = freshEnv();
    const result = importSillyTavernPersonas(backup(), env);
    expect(result.added.map((p) => p.name)).toEqual(['User', 'Mara Quill', 'Osric']);
    expect(listPersonas(env)).toEqual([
      { name: 'User', description: '' },
      { name: 'Mara Quill', description: '{{user}} is a cartographer who owes everyone money.' },
      // Osric's description went one message from the end of the chat in SillyTavern (position 4, role 0): it still does.
      {
        name: 'Osric',
        description: 'A retired duellist with a bad knee and a good memory for faces.',
        position: 'depth',
        depth: 1,
        role: 'system',
      },
    ]);
    expect(result.inUse?.name).toBe('Osric');
    expect(activePersona(env)?.name).toBe('Osric');
    expect(result.notes).toEqual([
      `"Osric": its linked lorebook "Osric's Past"; its tie to 1 character or group in SillyTavern; skald does not keep them.`,
      `"Lin": A persona's description is at most 2000 characters; this one has 2459. Not added.`,
      'the persona of 1740236705312-Nameless.png: it has no name; not added.',
      '"mara quill": a persona of that name is already saved, and is kept; not added.',
    ]);
  });

  it('reads settings.json (the personas under power_user) and keeps a persona already saved under that name', () => {
    const env = freshEnv();
    addPersona('Mara Quill', 'Mine, not the file’s.', env);
    const { personas, persona_descriptions } = backup();
    const settings = { firstRun: false, username: 'User', power_user: { personas, persona_descriptions, default_persona: null } };
    const result = importSillyTavernPersonas(settings, env);
    expect(result.added.map((p) => p.name)).toEqual(['User', 'Osric']);
    expect(listPersonas(env).find((p) => p.name === 'Mara Quill')?.description).toBe('Mine, not the file’s.');
    expect(result.inUse).toBeUndefined();
    // The first persona saved in an empty library is the one in use, as `personas add` does.
    expect(activePersona(env)?.name).toBe('Mara Quill');
  });

  it(
    'the CLI prints what came in and what did not, and refuses a file that is no persona backup in one line',
    { timeout: 120_000 },
    async () => {
      const env = freshEnv();
      const run = await runCli(['personas', 'import', BACKUP], { env });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Imported 3 personas from ${BACKUP}: User, Mara Quill, Osric.`);
      expect(run.stdout).toContain('  "Lin": A persona\'s description is at most 2000 characters');
      expect(run.stdout).toContain("In use now: Osric (SillyTavern's default persona)");
      expect((await runCli(['personas', 'list'], { env })).stdout).toContain('* Osric');

      const card = join(mkdtempSync(join(tmpdir(), 'skald-stpersonas-')), 'card.json');
      writeFileSync(card, JSON.stringify({ spec: 'chara_card_v2', data: { name: 'Seraphina' } }));
      const refused = await runCli(['personas', 'import', card], { env });
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toContain(`${card}: There are no SillyTavern personas in it`);
    },
  );

  it("keeps each of SillyTavern's description positions: the author's note's top or bottom, a depth with its role, none", () => {
    const env = freshEnv();
    const file = backup() as { persona_descriptions: Record<string, Record<string, unknown>> };
    const about = file.persona_descriptions;
    Object.assign(about['user-default.png'], { description: 'Plain.', position: 9 });
    Object.assign(about['1740236705309-Mara.png'], { position: 2 });
    Object.assign(about['1740236705310-Osric.png'], { position: 4, depth: 3, role: 1 });
    Object.assign(about['1740236705313-Twin.png'], { position: 3 });
    importSillyTavernPersonas(file, env);
    const placed = Object.fromEntries(listPersonas(env).map(({ name, position, depth, role }) => [name, { position, depth, role }]));
    expect(placed).toEqual({
      User: { position: 'none', depth: undefined, role: undefined },
      'Mara Quill': { position: 'authors_note_top', depth: undefined, role: undefined },
      Osric: { position: 'depth', depth: 3, role: 'user' },
    });
    // A world that names no player is played by the persona, its description placed as it was.
    const open = { ...miniPack(), player: { ...miniPack().player, open: true } };
    expect(choosePlayer(open, 'Osric', undefined, env).pack.player).toMatchObject({
      name: 'Osric',
      position: 'depth',
      depth: 3,
      role: 'user',
    });
    // The deprecated AFTER_CHAR (1) reads as in the prompt, as SillyTavern migrates it.
    const again = freshEnv();
    Object.assign(about['1740236705309-Mara.png'], { position: 1 });
    importSillyTavernPersonas(file, again);
    expect(listPersonas(again).find((p) => p.name === 'Mara Quill')?.position).toBeUndefined();
  });

  it("a settings.json description that names no placement takes settings.json's own persona_description_position, depth and role", () => {
    const env = freshEnv();
    const { personas, persona_descriptions } = backup() as { personas: unknown; persona_descriptions: Record<string, unknown> };
    // An older settings.json: Mara's description a bare string, Osric's without depth or role.
    const descriptions = {
      ...persona_descriptions,
      '1740236705309-Mara.png': '{{user}} is a cartographer who owes everyone money.',
      '1740236705310-Osric.png': { description: 'A retired duellist.', position: 4 },
    };
    const settings = {
      power_user: {
        personas,
        persona_descriptions: descriptions,
        persona_description_position: 4,
        persona_description_depth: 6,
        persona_description_role: 2,
      },
    };
    importSillyTavernPersonas(settings, env);
    const placed = Object.fromEntries(listPersonas(env).map(({ name, position, depth, role }) => [name, { position, depth, role }]));
    expect(placed['Mara Quill']).toEqual({ position: 'depth', depth: 6, role: 'assistant' });
    expect(placed.Osric).toEqual({ position: 'depth', depth: 6, role: 'assistant' });
  });

  it(
    '`personas add` takes the placement as flags, and `personas list` shows an imported or added placement',
    { timeout: 120_000 },
    async () => {
      const env = freshEnv();
      const file = backup() as { persona_descriptions: Record<string, Record<string, unknown>> };
      Object.assign(file.persona_descriptions['1740236705309-Mara.png'], { position: 3 });
      importSillyTavernPersonas(file, env);
      const added = await runCli(['personas', 'add', 'Wren', '--description', 'A lamplighter.', '--position', 'depth', '--role', 'user'], {
        env,
      });
      expect(added.status).toBe(0);
      expect(listPersonas(env).find((p) => p.name === 'Wren')).toEqual({
        name: 'Wren',
        description: 'A lamplighter.',
        position: 'depth',
        depth: 2,
        role: 'user',
      });
      const listed = (await runCli(['personas', 'list'], { env })).stdout;
      expect(listed).toContain('Mara Quill [authors_note_bottom] — ');
      expect(listed).toContain('Osric [depth 1, system] — ');
      expect(listed).toContain('Wren [depth 2, user] — A lamplighter.');
      const refused = await runCli(['personas', 'add', 'Ash', '--depth', '3'], { env });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('The options --depth and --role go with --position depth');
    },
  );
});
