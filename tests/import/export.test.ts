import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCard } from '../../src/world/import/index.js';
import { packToCard } from '../../src/world/export/card.js';
import { cardToPng } from '../../src/world/export/png.js';
import { spawnSync } from 'node:child_process';
import { readPngText } from '../../src/world/import/png.js';
import { ROOT, ensureBuilt, tempDir, v2Card } from './helpers.js';

/** `skald worlds ...` with its own SKALD_HOME. */
function worlds(home: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'skald.js'), 'worlds', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    timeout: 120_000,
  });
}

type Obj = Record<string, unknown>;

/** Imports a card document written to a temp file. */
async function imported(card: unknown) {
  const dir = await tempDir();
  const file = join(dir, 'card.json');
  await writeFile(file, JSON.stringify(card));
  return importCard(file);
}

/** Line endings come back as \n: a pack keeps text, not carriage returns. */
const lf = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replace(/\\r\\n/g, '\\n'));

/** Every field the original card has comes back equal; book entries keep every field they had. */
function expectKeeps(rawOriginal: Obj, back: Obj): void {
  const original = lf(rawOriginal) as Obj;
  for (const [key, value] of Object.entries(original)) {
    if (key === 'character_book') continue;
    expect(back[key], `data.${key}`).toEqual(value);
  }
  const book = original.character_book as Obj | undefined;
  if (!book) return;
  const backBook = back.character_book as Obj;
  for (const [key, value] of Object.entries(book)) if (key !== 'entries') expect(backBook[key], `character_book.${key}`).toEqual(value);
  const entries = book.entries as Obj[];
  const backEntries = backBook.entries as Obj[];
  expect(backEntries).toHaveLength(entries.length);
  entries.forEach((entry, i) => {
    for (const [key, value] of Object.entries(entry)) expect(backEntries[i][key], `entries[${i}].${key}`).toEqual(value);
  });
}

describe('worlds back to cards', () => {
  it('card -> world -> card keeps every field of a V2 card', async () => {
    const card = v2Card();
    const { pack } = await imported(card);
    const back = packToCard(pack);
    expect(back).toMatchObject({ spec: 'chara_card_v3', spec_version: '3.0' });
    expectKeeps(card.data as Obj, back.data);
  });

  it('a field edited in the world is written as the world now says', async () => {
    const { pack } = await imported(v2Card());
    const edited = {
      ...pack,
      setting: 'A calm night at the lighthouse.',
      characters: [{ ...pack.characters[0], persona: 'Mira keeps the lamp and her counsel.' }],
    };
    const back = packToCard(edited).data;
    expect(back).toMatchObject({
      scenario: 'A calm night at the lighthouse.',
      description: 'Mira keeps the lamp and her counsel.',
      personality: '',
    });
  });

  it("card -> world -> card keeps a V3 card's own source list beside the texts the import keeps", async () => {
    const v2 = v2Card();
    const sources = ['https://example.org/cards/mira', 'ccv3:original'];
    const card = { ...v2, spec: 'chara_card_v3', spec_version: '3.0', data: { ...(v2.data as Obj), source: sources } };
    const { pack } = await imported(card);
    const meta = pack.extensions?.card as Obj;
    expect(meta.source).toEqual(sources);
    expect((meta.originals as Obj).description).toBe((card.data as Obj).description);
    const back = packToCard(pack);
    expect(back.data.source).toEqual(sources);
    expectKeeps(card.data, back.data);
  });

  it('reads the texts a pack imported before they were named originals (under source) and writes no source back', async () => {
    const card = v2Card();
    const { pack } = await imported(card);
    const meta = { ...(pack.extensions?.card as Obj) };
    meta.source = meta.originals;
    delete meta.originals;
    const back = packToCard({ ...pack, extensions: { ...pack.extensions, card: meta } });
    expect(back.data.source).toBeUndefined();
    expectKeeps(card.data as Obj, back.data);
  });

  it('a PNG card carries the V3 card (ccv3) and a V2 copy (chara) that import back to the same world', async () => {
    const { pack } = await imported(v2Card());
    const dir = await tempDir();
    const file = join(dir, 'mira.png');
    await writeFile(file, cardToPng(packToCard(pack)));
    const again = await importCard(file);
    expect(again.format).toBe('chara_card_v3');
    expect(again.pack.characters).toEqual(pack.characters);
    expect(again.pack.lore.map((e) => [e.keys, e.text, e.priority])).toEqual(pack.lore.map((e) => [e.keys, e.text, e.priority]));
    expect(again.pack.openings.map((o) => o.text)).toEqual(pack.openings.map((o) => o.text));
  });

  const seraphina = join(new URL('../../', import.meta.url).pathname, '..', 'shared', 'fixtures', 'sillytavern', 'Seraphina.png');
  it.skipIf(!existsSync(seraphina))('the real Seraphina card comes back with every field', async () => {
    const { pack } = await importCard(seraphina);
    const original = JSON.parse(
      Buffer.from(readPngText(await readFile(seraphina), 'Seraphina.png').get('chara')!, 'base64').toString('utf8'),
    ) as Obj;
    expectKeeps(original.data as Obj, packToCard(pack).data);
  });

  it('skald worlds export writes JSON or a PNG that imports again', async () => {
    ensureBuilt();
    const home = await tempDir();
    const json = worlds(home, 'export', 'harbor-lights', '--format', 'card-v3');
    expect(json.status, json.stderr).toBe(0);
    const card = JSON.parse(json.stdout) as { spec: string; data: Obj };
    expect(card.spec).toBe('chara_card_v3');
    expect(typeof card.data.name).toBe('string');
    const out = join(home, 'harbor.png');
    const png = worlds(home, 'export', 'harbor-lights', '--png', '--out', out);
    expect(png.status, png.stderr).toBe(0);
    expect(png.stdout).toContain(`to ${out}`);
    const back = worlds(home, 'import', out, '--out', join(home, 'harbor'));
    expect(back.status, back.stderr).toBe(0);
    expect(worlds(home, 'export', 'harbor-lights', '--format', 'card-v2').status).toBe(2);
  });
});
