import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupPacks } from '../../src/world/import/group.js';
import { importCard } from '../../src/world/import/index.js';
import { loadPack } from '../../src/world/load.js';
import { ROOT, ensureBuilt, tempDir, v2Card } from './helpers.js';

// A second card in our own words, sharing one lore entry with the first.
const ferryman = v2Card({
  name: 'Osric Dunne',
  description: '{{char}} rows the ferry across the narrows.',
  personality: 'taciturn',
  scenario: 'The last ferry of the night.',
  first_mes: '"Fare first," {{char}} says.',
  alternate_greetings: [],
  character_book: {
    name: 'Narrows',
    entries: [
      {
        keys: ['lighthouse', 'lamp'],
        content: 'The lamp has not failed in forty years.',
        enabled: true,
        insertion_order: 10,
        extensions: {},
      },
      { keys: ['ferry'], content: 'The ferry leaks at the bow.', enabled: true, insertion_order: 3, extensions: {} },
    ],
  },
});

async function cardFile(dir: string, name: string, card: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(card));
  return file;
}

describe('cards played together (--group)', () => {
  it('one world with every character, their books merged without twins, every greeting with the whole cast', async () => {
    const dir = await tempDir();
    const a = await importCard(await cardFile(dir, 'mira.json', v2Card()));
    const b = await importCard(await cardFile(dir, 'osric.json', ferryman));
    const warnings: string[] = [];
    const pack = groupPacks('Storm Pair', [a.pack, b.pack], warnings);
    expect(pack).toMatchObject({ id: 'storm-pair', title: 'Storm Pair' });
    expect(pack.characters.map((c) => c.name)).toEqual(['Mira Vale', 'Osric Dunne']);
    expect(pack.lore.filter((e) => e.text === 'The lamp has not failed in forty years.')).toHaveLength(1);
    expect(pack.lore.some((e) => e.text === 'The ferry leaks at the bow.')).toBe(true);
    expect(warnings.some((w) => w.includes('not added again'))).toBe(true);
    expect(pack.openings.map((o) => o.title)).toContain('Osric Dunne: First message');
    expect(pack.openings.every((o) => o.characters.length === 2)).toBe(true);
    expect(pack.player.open).toBe(true);
    expect(Object.keys(pack.extensions?.cards as object)).toEqual(['mira-vale', 'osric-dunne']);
  });

  it('skald worlds import a b --group NAME writes one valid world; several cards without --group is a usage error', async () => {
    ensureBuilt();
    const dir = await tempDir();
    const files = [await cardFile(dir, 'mira.json', v2Card()), await cardFile(dir, 'osric.json', ferryman)];
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'skald.js'), 'worlds', 'import', ...args], {
        encoding: 'utf8',
        env: { ...process.env, SKALD_HOME: dir, NO_COLOR: '1' },
        timeout: 120_000,
      });
    const made = run(...files, '--group', 'Storm Pair', '--out', join(dir, 'pair'));
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('as world storm-pair');
    const loaded = await loadPack(join(dir, 'pair'), 'path');
    expect(loaded.ok && loaded.loaded.pack.characters.map((c) => c.id)).toEqual(['mira-vale', 'osric-dunne']);
    const missing = run(...files);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--group NAME');
  });
});
