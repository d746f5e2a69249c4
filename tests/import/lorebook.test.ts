import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/world/import/errors.js';
import { importLorebook } from '../../src/world/import/index.js';
import { loadPack } from '../../src/world/load.js';
import { tempDir, v2Card } from './helpers.js';
import { activateLore, compileLore } from '../../src/engine/lore/index.js';
import { TokenCounter } from '../../src/engine/tokens.js';
import { story } from '../engine/lore/helpers.js';

const WORLD = [
  'skald: 1',
  'id: harbour',
  'title: Harbour',
  'setting: A harbour town.',
  'lore:',
  '  - id: tide',
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

const worldInfo = {
  entries: {
    '0': {
      uid: 0,
      key: ['tide', 'flood'],
      keysecondary: [],
      comment: 'Tide',
      content: 'Spring tides flood the quay.',
      constant: false,
      selective: true,
      order: 100,
      disable: false,
    },
    '1': {
      uid: 1,
      key: ['ship'],
      keysecondary: ['night'],
      comment: 'Night ship',
      content: 'A ship without lights.',
      selective: true,
      selectiveLogic: 0,
      order: 50,
    },
    '2': {
      uid: 2,
      key: ['bell'],
      keysecondary: ['fog', 'rain'],
      comment: 'Bell',
      content: 'The bell rings in fog.',
      selective: true,
      selectiveLogic: 1,
      caseSensitive: true,
      matchWholeWords: false,
    },
    '3': {
      uid: 3,
      key: ['gate'],
      keysecondary: ['day'],
      comment: 'Gate',
      content: 'The gate shuts at dusk.',
      selective: true,
      selectiveLogic: 2,
      disable: true,
    },
    '4': {
      uid: 4,
      key: ['crown'],
      keysecondary: ['king', 'queen'],
      comment: '',
      content: 'The crown is lost.',
      selective: true,
      selectiveLogic: 3,
      constant: true,
      group: 'royal',
      scanDepth: 2,
      delay: 4,
    },
  },
};

async function pack(): Promise<string> {
  return tempDir({ 'world.yaml': WORLD });
}

async function source(name: string, content: unknown): Promise<string> {
  const dir = await tempDir();
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(content));
  return path;
}

async function loaded(folder: string) {
  const result = await loadPack(folder);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.loaded;
}

describe('merging lorebooks into a pack', () => {
  it('keeps keys written as regexes with lookahead (SillyTavern runs them in JavaScript), and they fire as written', async () => {
    // A made-up book: a name only when not possessive, a bell only when it tolls, with flags inside a group.
    const book = {
      entries: {
        '0': { uid: 0, key: ["/Elara(?!'s)/"], content: 'Elara keeps the lighthouse.', comment: 'Elara', order: 10 },
        '1': { uid: 1, key: ['/(?i:bell)(?=\\s+tolls)/'], content: 'The bell tolls for ships lost.', comment: 'Bell', order: 20 },
      },
    };
    const folder = await pack();
    const result = await importLorebook(await source('Lighthouse.json', book), folder);
    expect(result.warnings.filter((w) => /dropped/.test(w))).toEqual([]);
    const { pack: merged } = await loaded(folder);
    const byId = Object.fromEntries(merged.lore.map((e) => [e.id, e]));
    expect(byId.elara.keys).toEqual(["/Elara(?!'s)/"]);
    expect(byId.bell.keys).toEqual(['/(?i:bell)(?=\\s+tolls)/']);
    const fired = (text: string) =>
      activateLore(compileLore(merged.lore), { messages: story([text]), turn: 1, budget: 2000, counter: new TokenCounter() }).active.map(
        (e) => e.id,
      );
    expect(fired('Elara waits by the lamp.')).toContain('elara');
    expect(fired("Elara's lamp is out.")).not.toContain('elara');
    expect(fired('The BELL tolls twice.')).toContain('bell');
    expect(fired('The bell is silent.')).not.toContain('bell');
  });

  it('World Info: fields and selectiveLogic 0..3 map, ids are deduplicated, and the pack still validates', async () => {
    const folder = await pack();
    const result = await importLorebook(await source('Harbour Lore.json', worldInfo), folder);
    expect(result.format).toBe('world_info');
    expect(result.file).toBe(join(folder, 'lore', 'harbour-lore.yaml'));
    expect(result.entries.map((e) => e.id)).toEqual(['tide-2', 'night-ship', 'bell', 'gate', 'crown']);

    const { pack: merged } = await loaded(folder);
    expect(merged.lore.map((e) => e.id)).toEqual(['tide', 'tide-2', 'night-ship', 'bell', 'gate', 'crown']);
    const byId = Object.fromEntries(merged.lore.map((e) => [e.id, e]));
    expect(byId['tide-2']).toMatchObject({
      keys: ['tide', 'flood'],
      secondary: [],
      priority: 100,
      enabled: true,
      text: 'Spring tides flood the quay.',
    });
    expect(byId['night-ship']).toMatchObject({ secondary: ['night'], selectiveLogic: 'and_any', priority: 50 });
    expect(byId.bell).toMatchObject({ secondary: ['fog', 'rain'], selectiveLogic: 'not_all', caseSensitive: true, wholeWords: false });
    expect(byId.gate).toMatchObject({ selectiveLogic: 'not_any', enabled: false });
    // World Info's scanDepth is the scan depth, and its delay counts messages (not turns).
    expect(byId.crown).toMatchObject({ selectiveLogic: 'and_all', constant: true, group: 'royal', scanDepth: 2, delay: 4 });
    expect(byId.crown.activateOnlyAfter).toBeUndefined();

    // The file is a plain YAML list an author can edit.
    const written = parse(await readFile(result.file, 'utf8')) as unknown[];
    expect(written).toHaveLength(5);
    expect(written[0]).toEqual({ id: 'tide-2', keys: ['tide', 'flood'], text: 'Spring tides flood the quay.', priority: 100 });
  });

  it('never overwrites an existing lore file: a second merge goes to -2 with fresh ids; the same book again adds nothing', async () => {
    const folder = await pack();
    const file = await source('harbour-lore.json', worldInfo);
    await importLorebook(file, folder);
    await expect(importLorebook(file, folder)).rejects.toThrow('already in the pack (same keys and text); nothing was written.');
    const revised = {
      entries: Object.fromEntries(Object.entries(worldInfo.entries).map(([k, e]) => [k, { ...e, content: `${e.content} (revised)` }])),
    };
    const second = await importLorebook(await source('harbour-lore.json', revised), folder);
    expect(second.file).toBe(join(folder, 'lore', 'harbour-lore-2.yaml'));
    expect(second.entries[0].id).toBe('tide-3');
    expect(second.entries[1].id).toBe('night-ship-2');
    expect((await readdir(join(folder, 'lore'))).sort()).toEqual(['harbour-lore-2.yaml', 'harbour-lore.yaml']);
    expect((await loaded(folder)).pack.lore).toHaveLength(11);
  });

  it('a V2 character_book (alone or inside a card), named by its name', async () => {
    const folder = await pack();
    const book = (v2Card().data as { character_book: unknown }).character_book;
    const alone = await importLorebook(await source('book.json', book), folder);
    expect(alone.format).toBe('character_book');
    expect(alone.file).toBe(join(folder, 'lore', 'storm-coast.yaml'));
    expect(alone.entries.find((e) => e.id === 'wreck')).toMatchObject({
      selectiveLogic: 'and_all',
      secondary: ['night', 'fog'],
      extensions: { group: 'ships' },
    });

    // The same book inside a card: already there, so nothing is added twice.
    await expect(importLorebook(await source('card.json', v2Card()), folder)).rejects.toThrow(
      'Every lore entry of card.json is already in the pack',
    );
    expect((await loaded(folder)).pack.lore).toHaveLength(5);
  });

  it("an Agnai memory book: its entries' keywords and entry are the keys and text; the book's own settings are named", async () => {
    const folder = await pack();
    const book = {
      kind: 'memory',
      name: 'Quay Lore',
      description: '',
      entries: [
        {
          name: 'Harbour master',
          entry: 'The harbour master keeps the tide tables.',
          keywords: ['harbour master', 'tables'],
          priority: 1,
          weight: 1,
          enabled: true,
        },
      ],
      scan_depth: 50,
      token_budget: 500,
    };
    const result = await importLorebook(await source('quay.json', book), folder);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({
      id: 'harbour-master',
      keys: ['harbour master', 'tables'],
      text: 'The harbour master keeps the tide tables.',
      enabled: true,
      // Agnai's weight has no lore field: kept with the entry, so an export back has it.
      extensions: { card_entry: { name: 'Harbour master', priority: 1, weight: 1 } },
    });
    expect(result.warnings).toEqual([
      "quay.json: the book's own kind \"memory\", scan_depth 50, token_budget 500 are not merged: a pack's lore has no book of its own, so its entries' settings and skald's apply",
    ]);
  });

  it('a V3 lorebook_v3 with regex keys and decorators', async () => {
    const folder = await pack();
    const result = await importLorebook(
      await source('v3.json', {
        spec: 'lorebook_v3',
        data: {
          name: 'Deep Lore',
          extensions: {},
          entries: [
            {
              keys: ['kraken|leviathan'],
              use_regex: true,
              case_sensitive: false,
              content: '@@depth 2\n@@exclude_keys dream\nIt rises.',
              enabled: true,
              insertion_order: 3,
              extensions: { x: 1 },
            },
            {
              keys: ['/Abyss/'],
              content: 'Below.',
              enabled: true,
              insertion_order: 1,
              extensions: {},
              selective: true,
              secondary_keys: ['dark'],
            },
          ],
        },
      }),
      folder,
    );
    expect(result.format).toBe('lorebook_v3');
    expect(result.file).toBe(join(folder, 'lore', 'deep-lore.yaml'));
    const { pack: merged } = await loaded(folder);
    expect(merged.lore[1]).toMatchObject({
      id: 'kraken-leviathan',
      keys: ['/kraken|leviathan/i'],
      depth: 2,
      excludeKeys: ['dream'],
      text: '@@depth 2\n@@exclude_keys dream\nIt rises.',
      extensions: { x: 1 },
    });
    expect(merged.lore[2]).toMatchObject({ id: 'abyss', keys: ['/Abyss/'], secondary: ['dark'], selectiveLogic: 'and_any' });
  });

  it('refuses a folder that is not a valid pack, a card without a book, and empty lorebooks', async () => {
    const notPack = await tempDir({ 'notes.txt': 'hi' });
    const err = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e as ImportError,
      );
    const file = await source('wi.json', worldInfo);
    expect((await err(importLorebook(file, notPack)))?.message).toMatch(
      /is invalid before the merge \(world\.yaml missing: a pack folder needs a world\.yaml\); fix it first\.$/,
    );
    expect((await err(importLorebook(file, join(notPack, 'nope'))))?.message).toContain(
      'is not a pack folder; --into needs a folder with world.yaml',
    );
    const folder = await pack();
    const card = v2Card();
    delete (card.data as Record<string, unknown>).character_book;
    expect((await err(importLorebook(await source('c.json', card), folder)))?.message).toBe(
      'c.json is a character card without a character_book, so it has no lore to merge; import it without --into to make a pack of it.',
    );
    expect((await err(importLorebook(await source('e.json', { entries: {} }), folder)))?.kind).toBe('unknown-format');
    await expect(readdir(join(folder, 'lore'))).rejects.toThrow();
  });
});
