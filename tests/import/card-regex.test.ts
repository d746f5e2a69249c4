import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCard, importInto } from '../../src/world/import/index.js';
import { packToCard } from '../../src/world/export/card.js';
import { loadPack } from '../../src/world/load.js';
import { packToYaml } from '../../src/world/serialize.js';
import { tempDir } from './helpers.js';

const FIXTURE = new URL('../fixtures/st-regex/card.json', import.meta.url);

async function importFixture() {
  const dir = await tempDir();
  const path = join(dir, 'archivist.json');
  await writeFile(path, await readFile(FIXTURE));
  return importCard(path);
}

describe("a card's SillyTavern regex scripts", () => {
  it("become the pack's regexScripts in order, the lookahead one too (it runs on the step-bounded matcher)", async () => {
    const { pack, warnings } = await importFixture();
    expect(pack.regexScripts?.map((s) => s.scriptName)).toEqual([
      'ERA status bar template',
      'ERA hide thinking',
      'Strip status block',
      'OOC marker',
      'Old notes out of the prompt',
    ]);
    // Fields skald does not use (the script's id) are kept for the export.
    expect(pack.regexScripts?.[0]).toMatchObject({ id: 'era-status-placeholder', markdownOnly: true, placement: [2] });
    expect(pack.characters[0].extensions?.regex_scripts).toBeUndefined();
    expect(warnings.find((w) => w.includes('ERA hide thinking'))).toBeUndefined();
    expect(warnings).toContain(
      "5 SillyTavern regex scripts imported as regexScripts: run on the player's input, the model's reply and its reasoning, and lore as the prompt carries it (stored, display-only and prompt-only as in SillyTavern)",
    );
  });

  it('survive writing the pack as YAML and loading it again', async () => {
    const { pack } = await importFixture();
    const dir = await tempDir();
    await writeFile(join(dir, 'world.yaml'), packToYaml(pack));
    const loaded = await loadPack(dir);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.loaded.pack.regexScripts).toEqual(pack.regexScripts);
  });

  it('go back into the exported card in their order', async () => {
    const { pack } = await importFixture();
    const card = packToCard(pack);
    const original = JSON.parse(await readFile(FIXTURE, 'utf8')) as { data: { extensions: { regex_scripts: { id: string }[] } } };
    const exported = (card.data.extensions as { regex_scripts: { id: string }[] }).regex_scripts;
    const ids = original.data.extensions.regex_scripts.map((s) => s.id);
    expect(exported.map((s) => s.id)).toEqual(ids);
    expect(exported).toEqual(expect.arrayContaining(original.data.extensions.regex_scripts.map((s) => expect.objectContaining(s))));
  });
});

describe("a card's regex scripts merged --into a pack", () => {
  it("travel with its character, in order, and are not added to the pack's own scripts", async () => {
    const folder = await tempDir({
      'world.yaml': [
        'skald: 1',
        'id: harbour',
        'title: Harbour',
        'setting: A harbour.',
        'characters:',
        '  - id: ana',
        '    name: Ana',
        'openings:',
        '  - id: start',
        '    text: Gulls.',
        '',
      ].join('\n'),
    });
    const file = join(await tempDir(), 'archivist.json');
    await writeFile(file, await readFile(FIXTURE));
    const result = await importInto(file, folder);
    if (result.kind !== 'card') throw new Error('not merged as a card');
    expect(result.warnings).toContain(
      "the card's 5 regex scripts are not added to the pack's regexScripts (they would rewrite every story of the pack): kept under the character's extensions.regex_scripts",
    );
    const loaded = await loadPack(folder);
    if (!loaded.ok) throw new Error('the merged pack does not load');
    expect(loaded.loaded.pack.regexScripts).toBeUndefined();
    const kept = loaded.loaded.pack.characters[1].extensions?.regex_scripts as { id: string }[];
    expect(kept.map((s) => s.id)).toEqual(['era-status-placeholder', 'era-hide-thinking', 'strip-status', 'ooc-marker', 'old-notes-out']);
  });
});
