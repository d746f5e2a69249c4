import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCard, importLorebook } from '../../src/world/import/index.js';
import { loadPack } from '../../src/world/load.js';
import { packToYaml } from '../../src/world/serialize.js';
import { FIXTURES, tempDir } from './helpers.js';

const seraphina = join(FIXTURES, 'Seraphina.png');
const eldoria = join(FIXTURES, 'Eldoria.json');
const present = existsSync(seraphina) && existsSync(eldoria);
if (!present) console.warn(`skipped: the SillyTavern fixtures are not at ${FIXTURES} (a fresh clone has no ../shared)`);

const ELDORIA_KEYS = [
  ['eldoria', 'wood', 'forest', 'magical forest'],
  ['shadowfang', 'beast', 'monster', 'monsters', 'beasts'],
  ['glade', 'safe haven', 'refuge'],
  ['power', 'magic', 'ability'],
];

describe.skipIf(!present)('real SillyTavern fixtures', () => {
  it('Seraphina.png (V2 card in a tEXt chunk) becomes a valid pack', async () => {
    const { pack, format, container, chunk, warnings } = await importCard(seraphina);
    expect([format, container, chunk]).toEqual(['chara_card_v2', 'png', 'chara']);
    expect(warnings).toEqual([]);
    expect(pack).toMatchObject({ id: 'seraphina', title: 'Seraphina', language: 'en', authors: ['OtisAlejandro'], version: '1.0.0' });
    expect(pack.characters.map((c) => c.name)).toEqual(['Seraphina']);
    expect(pack.characters[0].extensions).toEqual({ talkativeness: '0.5', fav: false, world: 'Eldoria' });
    expect(pack.setting).toBe(
      'You were attacked by beasts while wandering the magical forest of Eldoria. Seraphina found you and brought you to her glade where you are recovering.',
    );
    expect(pack.openings).toHaveLength(1);
    expect(pack.openings[0].text).toMatch(/^\*You wake with a start/);
    expect(pack.lore.map((e) => e.keys)).toEqual(ELDORIA_KEYS);
    expect(pack.lore.map((e) => e.id)).toEqual(['eldoria', 'shadowfang', 'glade', 'power']);
    expect(pack.lore.every((e) => e.priority === 100 && e.enabled && !e.constant)).toBe(true);
    expect(pack.lore[0].text).toContain('{{char}}: *Seraphina turns');
    expect(pack.extensions?.character_book).toEqual({ name: 'Eldoria' });

    const dir = await tempDir();
    await writeFile(join(dir, 'world.yaml'), packToYaml(pack));
    const loaded = await loadPack(dir);
    expect(loaded.ok && loaded.loaded.pack).toEqual(pack);
  });

  it('Eldoria.json (World Info export) holds the same entries as the Seraphina card: merging adds no second copy', async () => {
    const { pack } = await importCard(seraphina);
    const dir = await tempDir({ 'world.yaml': packToYaml(pack) });
    await expect(importLorebook(eldoria, dir)).rejects.toThrow(
      'Every lore entry of Eldoria.json is already in the pack (same keys and text); nothing was written.',
    );
    const loaded = await loadPack(dir);
    expect(loaded.ok && loaded.loaded.pack.lore).toHaveLength(4);
  });

  it('Eldoria.json merges into a pack without them, every setting mapped or named', async () => {
    const { pack } = await importCard(seraphina);
    const dir = await tempDir({ 'world.yaml': packToYaml({ ...pack, lore: [] }) });
    const result = await importLorebook(eldoria, dir);
    expect(result.format).toBe('world_info');
    expect(result.file).toBe(join(dir, 'lore', 'eldoria.yaml'));
    expect(result.entries.map((e) => e.keys)).toEqual(ELDORIA_KEYS);
    expect(result.entries.map((e) => e.id)).toEqual(['eldoria', 'shadowfang', 'glade', 'power']);
    expect(result.entries.every((e) => e.priority === 100 && e.selectiveLogic === 'and_any' && e.secondary.length === 0)).toBe(true);
    // SillyTavern's settings the entries carry stay with them.
    expect(result.entries.every((e) => e.extensions && 'st' in e.extensions)).toBe(true);
  });
});
