import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { packJsonSchema, packSchema } from '../../src/world/schema.js';
import { packToYaml } from '../../src/world/serialize.js';
import { starterPack } from '../../src/world/starter.js';
import { validatePack } from '../../src/world/validate.js';
import { loadPack } from '../../src/world/load.js';
import { formatProblem, PackError } from '../../src/world/problems.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { writePack } from './helpers.js';

describe('schema, serialisation and the starter pack', () => {
  it('fills every default of a minimal pack', () => {
    const parsed = packSchema.parse({ skald: 1, id: 'x', title: 'X', setting: 's', lore: [{ id: 'l', keys: ['k'], text: 't' }] });
    expect(parsed).toMatchObject({
      version: '1.0.0',
      authors: [],
      language: 'en',
      rating: 'teen',
      tags: [],
      summary: '',
      laws: [],
      threads: [],
      // A pack that names no player is open: validation gives it the default name and marks it.
      player: { persona: '', relations: {} },
      style: { pov: 'second', tense: 'present', length: [60, 220], notes: [] },
    });
    expect(parsed.player.name).toBeUndefined();
    expect(parsed.lore[0]).toEqual({
      id: 'l',
      keys: ['k'],
      text: 't',
      secondary: [],
      selectiveLogic: 'and_any',
      constant: false,
      priority: 0,
      enabled: true,
      caseSensitive: false,
      wholeWords: true,
      excludeKeys: [],
    });
  });

  it('exports a JSON Schema that lists every top-level key', () => {
    const schema = packJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'skald',
        'id',
        'title',
        'setting',
        'laws',
        'lore',
        'characters',
        'player',
        'openings',
        'threads',
        'style',
        'extensions',
      ]),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['skald', 'id', 'title', 'setting']));
    expect(schema.required).not.toContain('language');
  });

  it('round-trips the mini pack through YAML', () => {
    const pack = miniPack();
    const yaml = packToYaml(pack, 'Made by a test.');
    expect(yaml.startsWith('# Made by a test.\n')).toBe(true);
    // Keys come out in the documented order.
    const order = Object.keys(parse(yaml) as object);
    expect(order).toEqual([
      'skald',
      'id',
      'title',
      'version',
      'authors',
      'language',
      'rating',
      'tags',
      'summary',
      'setting',
      'laws',
      'lore',
      'characters',
      'player',
      'openings',
      'threads',
      'style',
    ]);
    const again = validatePack(parse(yaml), 'world.yaml');
    expect(again.problems).toEqual([]);
    expect(again.pack).toEqual(pack);
  });

  it('round-trips extensions and optional lore fields', () => {
    const pack = miniPack({ extensions: { chara: { talkativeness: '0.5' } } });
    pack.lore[0] = {
      ...pack.lore[0],
      selectiveLogic: 'not_all',
      caseSensitive: true,
      excludeKeys: ['dam'],
      activateOnlyAfter: 2,
      depth: 4,
      group: 'mill',
      extensions: { position: 1 },
    };
    pack.characters[0] = {
      ...pack.characters[0],
      persona: '  Leading spaces, a colon: here, and # not a comment, then a long tail '.repeat(3) + '\n',
      voice: 'Line one.\n\nLine two: "quoted" and {{user}} and {{char}}.',
      examples: ['他说："你回来了。" 然后沉默了很久，像是在等一句永远不会来的话，又像是什么都没有等。'.repeat(2), '- dash start', 'yes'],
      nickname: 'null',
    };
    const again = validatePack(parse(packToYaml(pack)), 'world.yaml');
    expect(again.pack).toEqual(pack);
  });

  it('writes a starter pack that validates cleanly', async () => {
    const dir = await writePack({ 'world.yaml': starterPack('lantern-keep') });
    const result = await loadPack(dir);
    expect(result.ok ? result.loaded.warnings.map(formatProblem) : result.problems.map(formatProblem)).toEqual([]);
    expect(result.ok && result.loaded.pack.title).toBe('Lantern Keep');
  });

  it('formats problems and summarises them in PackError', () => {
    const problem = {
      severity: 'error' as const,
      file: 'world.yaml',
      line: 14,
      column: 5,
      path: 'characters[1].relations.morrow',
      message: 'no character with id "morrow"',
    };
    expect(formatProblem(problem)).toBe('world.yaml:14:5 characters[1].relations.morrow: no character with id "morrow"');
    expect(formatProblem({ ...problem, severity: 'warning' })).toBe(
      'warning: world.yaml:14:5 characters[1].relations.morrow: no character with id "morrow"',
    );
    const one = new PackError([problem], 'my-pack');
    expect(one.message).toBe('my-pack is invalid: world.yaml:14:5 characters[1].relations.morrow: no character with id "morrow"');
    const two = new PackError([problem, { ...problem, line: 20 }], 'my-pack');
    expect(two.message).not.toContain('\n');
    expect(two.message).toMatch(/2 problems/);
    expect(two.problems).toHaveLength(2);
  });
});

describe('samplers a world suggests', () => {
  const minimal = {
    skald: 1,
    id: 'x',
    title: 'X',
    setting: 's',
    characters: [{ id: 'c', name: 'C' }],
    openings: [{ id: 'o', text: 'Hello.' }],
  };
  it('are read from style.samplers and checked like any other layer', () => {
    const ok = validatePack({ ...minimal, style: { samplers: { temperature: 0.7, min_p: 0.05, extra: { mirostat: 2 } } } }, 'x.yaml');
    expect(ok.problems).toEqual([]);
    expect(ok.pack?.style.samplers).toEqual({ temperature: 0.7, min_p: 0.05, extra: { mirostat: 2 } });
    const range = validatePack({ ...minimal, style: { samplers: { top_p: 3 } } }, 'x.yaml');
    expect(range.pack).toBeUndefined();
    expect(range.problems.map(formatProblem).join('\n')).toMatch(/style\.samplers\.top_p/);
    const typo = validatePack({ ...minimal, style: { samplers: { temprature: 0.7 } } }, 'x.yaml');
    expect(typo.problems.map((p) => p.message).join('\n')).toMatch(/there is no sampler "temprature"/);
  });

  it('the example in docs/world-packs.md validates', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/world-packs.md', import.meta.url), 'utf8');
    const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith('style:\n  samplers:'));
    const style = (parse(block!) as { style: unknown }).style;
    const result = validatePack({ ...minimal, style }, 'x.yaml');
    expect(result.problems).toEqual([]);
    expect(result.pack?.style.samplers).toEqual({ temperature: 0.8, min_p: 0.05, extra: { dry_multiplier: 0.8 } });
  });

  it('are in the JSON Schema, with their ranges', () => {
    const schema = packJsonSchema() as any;
    const samplers = schema.properties.style.properties.samplers;
    expect(samplers.properties.temperature.anyOf).toContainEqual({ type: 'number', minimum: 0, maximum: 5 });
    expect(samplers.properties.top_k.anyOf).toContainEqual({ type: 'integer', minimum: 0, maximum: 100000 });
    expect(Object.keys(samplers.properties)).toEqual(
      expect.arrayContaining(['top_p', 'top_k', 'min_p', 'repetition_penalty', 'seed', 'max_tokens', 'stop', 'extra']),
    );
  });
});

describe('docs/world-packs.md', () => {
  it('its complete example validates without warnings', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/world-packs.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const result = await loadPack(await writePack({ 'world.yaml': example! }));
    expect(result.ok ? result.loaded.warnings.map(formatProblem) : result.problems.map(formatProblem)).toEqual([]);
    expect(result.ok && result.loaded.pack.characters.map((c) => c.id)).toEqual(['wren', 'ilsa']);
  });
});

describe('a pack that names no player', () => {
  const minimal = {
    skald: 1,
    id: 'x',
    title: 'X',
    setting: 's',
    characters: [{ id: 'c', name: 'C' }],
    openings: [{ id: 'o', text: 'Hello.' }],
  };
  it('is open: played by the player persona, else a Traveller', () => {
    expect(validatePack(minimal, 'x.yaml').pack?.player).toEqual({ name: 'Traveller', open: true, persona: '', relations: {} });
    // Earlier card imports wrote "You" for the same thing.
    expect(validatePack({ ...minimal, player: { name: 'You' } }, 'x.yaml').pack?.player).toMatchObject({ name: 'Traveller', open: true });
    expect(validatePack({ ...minimal, player: { name: 'Mara' } }, 'x.yaml').pack?.player).toEqual({
      name: 'Mara',
      persona: '',
      relations: {},
    });
  });
});
