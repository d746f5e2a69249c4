import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/world/load.js';
import { formatProblem } from '../../src/world/problems.js';
import { validatePack } from '../../src/world/validate.js';
import { BASE, problemsOf, writePack } from './helpers.js';

describe('validation errors name file, line, column and field', () => {
  it('accepts the base pack and fills defaults', async () => {
    const result = await loadPack(await writePack({ 'world.yaml': BASE }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { pack } = result.loaded;
    expect(pack.language).toBe('en');
    expect(pack.rating).toBe('teen');
    expect(pack.style).toEqual({ pov: 'second', tense: 'present', length: [60, 220], notes: [] });
    expect(pack.lore[0]).toMatchObject({
      secondary: [],
      selectiveLogic: 'and_any',
      constant: false,
      priority: 0,
      enabled: true,
      caseSensitive: false,
      wholeWords: true,
      excludeKeys: [],
    });
    expect(pack.openings[0]).toMatchObject({ title: 'start', characters: ['wren', 'ilsa'] });
    expect(result.loaded.warnings).toEqual([]);
  });

  it('reports a relation to a missing character at the key', async () => {
    const yaml = BASE.replace('      wren: debtor', '      morrow: rival');
    expect(await problemsOf(yaml)).toEqual([
      'world.yaml:16:7 characters[1].relations.morrow: no character with id "morrow" (keys are character ids or `player`)',
    ]);
  });

  it('checks player relations and opening casts too', async () => {
    const yaml = BASE + 'player:\n  name: Tam\n  relations: {ghost: friend}\n' + '';
    const withCast = yaml.replace('    text: You arrive.', '    text: You arrive.\n    characters: [wren, nobody]');
    expect(await problemsOf(withCast)).toEqual([
      'world.yaml:23:15 player.relations.ghost: no character with id "ghost" (keys are character ids)',
      'world.yaml:20:24 openings[0].characters[1]: no character with id "nobody"',
    ]);
  });

  it('reports duplicate ids within a list', async () => {
    const yaml = BASE.replace('  - id: ilsa', '  - id: wren');
    expect(await problemsOf(yaml)).toEqual([
      'world.yaml:13:9 characters[1].id: duplicate id "wren" (already used by characters[0]); ids must be unique within characters',
    ]);
  });

  it('reports a regex key that does not compile', async () => {
    const yaml = BASE.replace('    keys: [mill]', '    keys: [mill, "/mill(/i"]');
    const lines = await problemsOf(yaml);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^world\.yaml:7:18 lore\[0\]\.keys\[1\]: the regular expression does not compile: /);
  });

  it("reports a regex script's pattern that does not compile in one line, and accepts lookahead (run step-bounded)", async () => {
    const scripts = [
      'regexScripts:',
      '  - scriptName: Broken',
      '    findRegex: "/<status>(/g"',
      '    placement: [2]',
      '  - scriptName: Lookahead',
      '    findRegex: "/a(?=b)/g"',
      '    placement: [2]',
      '  - scriptName: Fine',
      "    findRegex: '/<status>[\\s\\S]*?<\\/status>/g'",
      '    placement: [2]',
    ].join('\n');
    const lines = await problemsOf(`${BASE}${scripts}\n`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^world\.yaml:\d+:\d+ regexScripts\[0\]\.findRegex: the regular expression does not compile: [^\n]+$/);
  });

  it('accepts a regex key that compiles', async () => {
    expect(await problemsOf(BASE.replace('    keys: [mill]', '    keys: ["/mills?/i"]'))).toEqual([]);
  });

  it('requires keys on non-constant lore but not on constant lore', async () => {
    const missing = BASE.replace('    keys: [mill]\n', '');
    expect(await problemsOf(missing)).toEqual([
      'world.yaml:6:5 lore[0]: a lore entry that is not constant needs at least one key (or set `constant: true`)',
    ]);
    const empty = BASE.replace('    keys: [mill]', '    keys: []');
    expect(await problemsOf(empty)).toEqual([
      'world.yaml:7:11 lore[0].keys: a lore entry that is not constant needs at least one key (or set `constant: true`)',
    ]);
    expect(await problemsOf(missing.replace('    text: The mill.', '    text: The mill.\n    constant: true'))).toEqual([]);
    expect(await problemsOf(missing.replace('    text: The mill.', '    text: The mill.\n    enabled: false'))).toEqual([]);
  });

  it('requires at least one character and one opening', async () => {
    const yaml = 'skald: 1\nid: empty\ntitle: Empty\nsetting: Nowhere.\ncharacters: []\n';
    expect(await problemsOf(yaml)).toEqual([
      'world.yaml:5:13 characters: a pack needs at least one character',
      'world.yaml:1:1 openings: a pack needs at least one opening',
    ]);
  });

  it('gives a clear error for format version 2', async () => {
    expect(await problemsOf(BASE.replace('skald: 1', 'skald: 2'))).toEqual([
      'world.yaml:1:8 skald: unsupported format version 2; this skald reads version 1',
    ]);
  });

  it('reports a missing version and wrong types with positions', async () => {
    const yaml = BASE.replace('skald: 1\n', '').replace('title: Test Pack', 'title: Test Pack\nrating: spicy\nstyle:\n  length: [300, 20]');
    expect(await problemsOf(yaml)).toEqual([
      'world.yaml:1:1 skald: required: write `skald: 1` (the format version) at the top',
      'world.yaml:3:9 rating: expected one of "general", "teen", "mature", found the text "spicy"',
      'world.yaml:5:11 style.length: the first number (minimum) must not exceed the second (maximum)',
    ]);
  });

  it('warns about unknown keys with a suggestion, pointing at the key', async () => {
    const yaml = BASE.replace('lore:', 'lroe: []\nlore:').replace('    name: Wren', '    name: Wren\n    persnoa: kind');
    expect(await problemsOf(yaml)).toEqual([
      'warning: world.yaml:5:1 lroe: unknown key `lroe` is ignored; did you mean `lore`?',
      'warning: world.yaml:13:5 characters[0].persnoa: unknown key `persnoa` is ignored; did you mean `persona`?',
    ]);
    const result = await loadPack(await writePack({ 'world.yaml': yaml }));
    expect(result.ok).toBe(true);
  });

  it('reports every error in one run', async () => {
    const yaml = BASE.replace('skald: 1\n', '')
      .replace('  - id: ilsa', '  - id: wren')
      .replace('    keys: [mill]', '    keys: ["/(/"]')
      .replace('      wren: debtor', '      morrow: rival');
    const lines = await problemsOf(yaml);
    expect(lines.map((l) => l.split(' ')[1])).toEqual([
      'skald:',
      'characters[1].id:',
      'characters[1].relations.morrow:',
      'lore[0].keys[0]:',
    ]);
  });

  it('allows extensions on the pack, laws, lore entries and characters', async () => {
    const yaml = BASE.replace(
      'setting: A small town.',
      'setting: A small town.\nextensions: {tool: {v: 1}}\nlaws:\n  - id: l\n    text: Law.\n    extensions: {a: 1}',
    )
      .replace('    text: The mill.', '    text: The mill.\n    extensions: {depth_prompt: {depth: 4}}')
      .replace('    name: Wren', '    name: Wren\n    extensions: {talkativeness: 0.5}');
    const result = await loadPack(await writePack({ 'world.yaml': yaml }));
    expect(result.ok && result.loaded.warnings).toEqual([]);
    if (!result.ok) return;
    expect(result.loaded.pack.extensions).toEqual({ tool: { v: 1 } });
    expect(result.loaded.pack.laws[0].extensions).toEqual({ a: 1 });
    expect(result.loaded.pack.lore[0].extensions).toEqual({ depth_prompt: { depth: 4 } });
    expect(result.loaded.pack.characters[0].extensions).toEqual({ talkativeness: 0.5 });
  });

  it('points problems in merged files at those files', async () => {
    const dir = await writePack({
      'world.yaml': BASE,
      'characters/morrow.yaml': 'id: morrow\nname: Morrow\nrelations:\n  nobody: foe\n',
      'lore/extra.yaml': '- id: well\n  keys: [well]\n  text: A well.\n- id: mill\n  keys: [mill]\n  text: Again.\n',
    });
    const result = await loadPack(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([
      'lore/extra.yaml:4:7 lore[2].id: duplicate id "mill" (already used by lore[0]); ids must be unique within lore',
      'characters/morrow.yaml:4:3 characters[2].relations.nobody: no character with id "nobody" (keys are character ids or `player`)',
    ]);
  });

  it('merges characters and lore from their folders', async () => {
    const dir = await writePack({
      'world.yaml': BASE,
      'characters/morrow.yaml': 'id: morrow\nname: Morrow\nrelations: {wren: rival}\n',
      'lore/extra.yaml': '- id: well\n  keys: [well]\n  text: A well.\n',
    });
    const result = await loadPack(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.loaded.pack.characters.map((c) => c.id)).toEqual(['wren', 'ilsa', 'morrow']);
    expect(result.loaded.pack.lore.map((l) => l.id)).toEqual(['mill', 'well']);
  });

  it('validates plain objects without positions (as importers do)', () => {
    const result = validatePack(
      {
        skald: 1,
        id: 'x',
        title: 'X',
        setting: 's',
        characters: [{ id: 'a', name: 'A', relations: { b: 'friend' } }],
        openings: [{ id: 'o', text: 't' }],
      },
      'card.json',
    );
    expect(result.pack).toBeUndefined();
    expect(result.problems.map(formatProblem)).toEqual([
      'card.json characters[0].relations.b: no character with id "b" (keys are character ids or `player`)',
    ]);
  });
});
