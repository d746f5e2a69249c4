import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/world/import/errors.js';
import { importCard, importInto } from '../../src/world/import/index.js';
import { loadPack } from '../../src/world/load.js';
import { FIXTURES, tempDir, v2Card } from './helpers.js';

const WORLD = [
  '# The harbour, by hand.',
  'skald: 1',
  'id: harbour',
  'title: Harbour',
  'setting: >-',
  '  A harbour town where the fog comes in at four and the',
  '  bells answer it.',
  'lore:',
  '  - id: tide   # the first entry',
  '    keys: [tide]',
  '    text: The tide is high.',
  'characters:',
  '  - id: ana',
  '    name: Ana',
  'openings:',
  '  - id: start',
  '    text: Gulls.',
  '',
].join('\n');

async function loaded(path: string) {
  const result = await loadPack(path);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.loaded.pack;
}

async function card(content: unknown = v2Card()): Promise<string> {
  const dir = await tempDir({ 'mira.json': JSON.stringify(content) });
  return join(dir, 'mira.json');
}

const err = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as ImportError,
  );

describe('a card --into a pack', () => {
  it('adds the character, mapped as a card import maps it, and its lorebook to a pack folder', async () => {
    const folder = await tempDir({ 'world.yaml': WORLD });
    const file = await card();
    const alone = (await importCard(file)).pack.characters[0];
    const result = await importInto(file, folder);
    expect(result.kind).toBe('card');
    if (result.kind !== 'card') return;
    expect(result.character).toEqual({ id: 'mira-vale', name: 'Mira Vale' });
    expect(result.files).toEqual([join(folder, 'characters', 'mira-vale.yaml'), join(folder, 'lore', 'storm-coast.yaml')]);
    const pack = await loaded(folder);
    expect(pack.characters.map((c) => c.id)).toEqual(['ana', 'mira-vale']);
    const mira = pack.characters[1];
    // The same fields a card import gives the character; the card's own texts travel with it.
    expect({ ...mira, extensions: undefined }).toEqual({ ...alone, extensions: undefined });
    expect(mira.extensions).toMatchObject({
      ...alone.extensions,
      card: { spec: 'chara_card_v2', originals: { scenario: 'A gale has stranded {{user}} at the lighthouse.' } },
    });
    expect(pack.lore.map((e) => e.id)).toEqual(['tide', ...result.lore.map((e) => e.id)]);
    expect(result.lore).toHaveLength(5);
    expect(result.warnings).toContain(
      "the card's 3 greetings were not added as openings (the pack keeps its own); import the card alone to play them",
    );
    expect(
      result.warnings.some((w) =>
        w.startsWith("the card's scenario, system_prompt, post_history_instructions, creator_notes are not merged"),
      ),
    ).toBe(true);

    // Again: the character and every entry are there; nothing is written, said in one sentence.
    const again = await err(importInto(file, folder));
    expect(again?.message).toBe('The pack already has Mira Vale and every lore entry of mira.json; nothing was written.');
    expect(await readdir(join(folder, 'characters'))).toEqual(['mira-vale.yaml']);
  });

  it('keeps a character of the same name already in the pack, and still adds the lore it lacks', async () => {
    const folder = await tempDir({
      'world.yaml': WORLD.replace('    name: Ana', "    name: Ana\n  - id: mira\n    name: mira vale\n    persona: The pack's own Mira."),
    });
    const result = await importInto(await card(), folder);
    if (result.kind !== 'card') throw new Error('not a card');
    expect(result.character).toBeUndefined();
    expect(result.kept).toEqual({ id: 'mira', name: 'mira vale' });
    expect(result.warnings[0]).toBe(
      'the pack already has a character named "mira vale" (mira); it is kept and the card\'s was not added (remove it from the pack first to take the card\'s)',
    );
    const pack = await loaded(folder);
    expect(pack.characters.map((c) => [c.id, c.persona])).toEqual([
      ['ana', ''],
      ['mira', "The pack's own Mira."],
    ]);
    expect(pack.lore).toHaveLength(6);
    expect(existsSync(join(folder, 'characters'))).toBe(false);
  });

  it('appends to a single-file pack as text: every line the author wrote stays, comments and folding too', async () => {
    const dir = await tempDir({ 'harbour.yaml': WORLD });
    const path = join(dir, 'harbour.yaml');
    const result = await importInto(await card(), path);
    if (result.kind !== 'card') throw new Error('not a card');
    expect(result.files).toEqual([path]);
    const after = await readFile(path, 'utf8');
    // Only lines were added: the original's lines are all there, in order, unchanged.
    const lines = after.split('\n');
    let at = 0;
    for (const line of WORLD.split('\n')) {
      at = lines.indexOf(line, at);
      expect(at, line).toBeGreaterThanOrEqual(0);
      at += 1;
    }
    const pack = await loaded(path);
    expect(pack.characters.map((c) => c.id)).toEqual(['ana', 'mira-vale']);
    expect(pack.lore.map((e) => e.id)[0]).toBe('tide');
    expect(pack.lore).toHaveLength(6);
  });

  it('turns `lore: []` into a list, adds a missing one, and leaves the file as it was when the result would not load', async () => {
    const dir = await tempDir({
      'empty.yaml': WORLD.replace(/lore:\n(?: {2}.*\n)+/, 'lore: []\n'),
      'none.yaml': WORLD.replace(/lore:\n(?: {2}.*\n)+/, ''),
      'bad.yaml': WORLD.replace(/lore:\n(?: {2}.*\n)+/, 'lore: {}\n'),
      // Valid as written; the list added after the document's end marker would make a second document.
      'ended.yaml': `${WORLD.replace(/lore:\n(?: {2}.*\n)+/, '')}...\n`,
    });
    for (const name of ['empty.yaml', 'none.yaml']) {
      await importInto(await card(), join(dir, name));
      expect((await loaded(join(dir, name))).lore, name).toHaveLength(5);
    }
    const bad = await readFile(join(dir, 'bad.yaml'), 'utf8');
    expect((await err(importInto(await card(), join(dir, 'bad.yaml'))))?.kind).toBe('not-a-pack');
    expect(await readFile(join(dir, 'bad.yaml'), 'utf8')).toBe(bad);
    const ended = await readFile(join(dir, 'ended.yaml'), 'utf8');
    const refused = await err(importInto(await card(), join(dir, 'ended.yaml')));
    expect(refused?.kind).toBe('invalid-result');
    expect(refused?.message).toMatch(/^Merging mira\.json would make the pack invalid \(.*multiple documents.*\); nothing was written\.$/);
    expect(await readFile(join(dir, 'ended.yaml'), 'utf8')).toBe(ended);
    expect(await readdir(dir)).toEqual(['bad.yaml', 'empty.yaml', 'ended.yaml', 'none.yaml']);
  });

  const seraphina = join(FIXTURES, 'Seraphina.png');
  if (!existsSync(seraphina)) console.warn(`skipped: the SillyTavern fixtures are not at ${FIXTURES} (a fresh clone has no ../shared)`);
  it.skipIf(!existsSync(seraphina))('the real Seraphina card joins a pack folder with her Eldoria lore', async () => {
    const folder = await tempDir({ 'world.yaml': WORLD });
    const result = await importInto(seraphina, folder);
    if (result.kind !== 'card') throw new Error('not a card');
    expect(result.format).toBe('chara_card_v2');
    expect(result.character).toEqual({ id: 'seraphina', name: 'Seraphina' });
    const pack = await loaded(folder);
    const alone = (await importCard(seraphina)).pack.characters[0];
    expect(pack.characters[1]).toMatchObject({
      id: 'seraphina',
      name: 'Seraphina',
      persona: alone.persona,
      examples: alone.examples,
      voice: alone.voice,
    });
    expect(pack.characters[1].extensions).toMatchObject({ world: 'Eldoria', talkativeness: '0.5' });
    expect(pack.lore.slice(1).map((e) => e.keys[0])).toEqual(['eldoria', 'shadowfang', 'glade', 'power']);
  });
});
