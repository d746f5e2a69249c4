import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/world/load.js';
import { formatProblem } from '../../src/world/problems.js';
import { validatePack } from '../../src/world/validate.js';
import { BASE, problemsOf, writePack } from './helpers.js';
import { cpuStopwatch } from '../support/cpu-time.js';

const CHARACTER = 'id: morrow\nname: Morrow\n';

describe('hostile input is data, never code', () => {
  it('rejects custom tags such as !!js/function, with their position', async () => {
    const yaml = BASE.replace('title: Test Pack', 'title: !!js/function "function () { return 1 }"');
    expect(await problemsOf(yaml)).toEqual([
      'world.yaml:3:8 the tag `!!js/function` is not allowed: packs are plain data (text, numbers, lists, mappings)',
    ]);
    const local = BASE.replace('    name: Wren', '    name: !custom Wren');
    expect(await problemsOf(local)).toEqual([
      'world.yaml:11:11 the tag `!custom` is not allowed: packs are plain data (text, numbers, lists, mappings)',
    ]);
  });

  it('rejects duplicate keys', async () => {
    const yaml = BASE.replace('title: Test Pack', 'title: Test Pack\ntitle: Other');
    expect(await problemsOf(yaml)).toEqual(['world.yaml:4:1 duplicate key `title`: each key may appear only once in a mapping']);
  });

  it('fails fast on a billion-laughs pack', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) {
      const prev = `*${names[i - 1]}`;
      lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(prev).join(',')}]`);
    }
    const yaml = BASE.replace('setting: A small town.', `setting: A small town.\nextensions:\n${lines.map((l) => '  ' + l).join('\n')}`);
    const cpu = cpuStopwatch();
    const problems = await problemsOf(yaml);
    expect(cpu()).toBeLessThan(2000);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^world\.yaml too many aliases: this file expands YAML aliases more than 100 times/);
  });

  it('still allows a few ordinary aliases', async () => {
    const yaml = BASE.replace('    relations: {player: brother}', '    relations: &rel {player: brother}').replace(
      '    relations:\n      wren: debtor',
      '    relations: *rel',
    );
    const result = await loadPack(await writePack({ 'world.yaml': yaml }));
    expect(result.ok && result.loaded.pack.characters[1].relations).toEqual({ player: 'brother' });
  });

  it('refuses __proto__ keys and never pollutes Object.prototype', async () => {
    const yaml = BASE.replace('    name: Wren', '    name: Wren\n    __proto__: {polluted: yes}').replace(
      'setting: A small town.',
      'setting: A small town.\nextensions: {constructor: {prototype: {polluted: yes}}}',
    );
    expect(await problemsOf(yaml)).toEqual([
      'world.yaml:5:14 extensions.constructor: the key `constructor` is not allowed (it could tamper with how the pack is read); rename it',
      'world.yaml:13:5 characters[0].__proto__: the key `__proto__` is not allowed (it could tamper with how the pack is read); rename it',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Importers hand over JSON.parse output, where __proto__ is an own key.
    const raw = JSON.parse(
      '{"skald":1,"id":"x","title":"X","setting":"s","__proto__":{"polluted":true},"characters":[{"id":"a","name":"A"}],"openings":[{"id":"o","text":"t"}]}',
    );
    const result = validatePack(raw, 'card.json');
    expect(result.pack).toBeUndefined();
    expect(result.problems.map(formatProblem)).toEqual([
      'card.json __proto__: the key `__proto__` is not allowed (it could tamper with how the pack is read); rename it',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses merged files that escape the pack folder through symlinks', async () => {
    const outside = await writePack({ 'secret.yaml': CHARACTER, 'chars/x.yaml': CHARACTER });
    const dir = await writePack({ 'world.yaml': BASE });
    await symlink(join(outside, 'chars'), join(dir, 'characters'));
    const result = await loadPack(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map(formatProblem)).toEqual([
        'characters/ this folder points outside the pack folder (through a symlink); packs may only read their own files',
      ]);
    }

    const dir2 = await writePack({ 'world.yaml': BASE, 'lore/.keep': '' });
    await symlink(join(outside, 'secret.yaml'), join(dir2, 'lore', 'stolen.yaml'));
    await symlink('../../' + outside.split('/').pop() + '/secret.yaml', join(dir2, 'lore', 'dotdot.yaml'));
    const result2 = await loadPack(dir2);
    expect(result2.ok).toBe(false);
    if (!result2.ok) {
      expect(result2.problems.map(formatProblem)).toEqual([
        'lore/dotdot.yaml this file points outside the pack folder (through a symlink); packs may only read their own files',
        'lore/stolen.yaml this file points outside the pack folder (through a symlink); packs may only read their own files',
      ]);
    }
  });

  it('rejects binary files and invalid UTF-8', async () => {
    expect(await problemsOf(BASE, { 'characters/pic.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) })).toEqual([
      'characters/pic.yaml this is a binary file, not YAML text',
    ]);
    const dir = await writePack({
      'world.yaml': Buffer.concat([Buffer.from(BASE), Buffer.from('summary: caf'), Buffer.from([0xe9, 0x0a])]),
    });
    const result = await loadPack(dir);
    expect(!result.ok && result.problems.map(formatProblem)).toEqual(['world.yaml this file is not valid UTF-8 text; save it as UTF-8']);
  });

  it('refuses files over 5 MB before reading them', async () => {
    const dir = await writePack({ 'world.yaml': BASE });
    await writeFile(join(dir, 'world.yaml'), BASE + `summary: "${'x'.repeat(5 * 1024 * 1024)}"\n`);
    const result = await loadPack(dir);
    expect(!result.ok && result.problems.map(formatProblem)).toEqual(['world.yaml this file is 5.0 MB; pack files are limited to 5 MB']);
  });

  it('strips terminal control characters from text, with a warning', async () => {
    const yaml = BASE.replace('title: Test Pack', 'title: "Test \\e[31mPack\\e]0;pwned\\u0007"');
    const dir = await writePack({ 'world.yaml': yaml });
    const result = await loadPack(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.loaded.pack.title).toBe('Test Pack');
    expect(result.loaded.warnings.map(formatProblem)).toEqual([
      'warning: world.yaml:3:8 title: terminal control characters removed from this text',
    ]);
  });

  it('reports YAML syntax errors with a position', async () => {
    const lines = await problemsOf(BASE.replace('    keys: [mill]', '    keys: [mill'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^world\.yaml:\d+:\d+ YAML syntax: /);
  });
});

describe('deeply nested input', () => {
  it('is refused with an error, not a crash, from YAML and from importers', async () => {
    const yaml = BASE.replace('setting: A small town.', `setting: A small town.\nextensions: {x: ${'['.repeat(3000)}${']'.repeat(3000)}}`);
    const lines = await problemsOf(yaml);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^world\.yaml:5:\d+ /);
    const deep = JSON.parse(
      `{"skald":1,"id":"x","title":"X","setting":"s","extensions":{"x":${'['.repeat(100000)}${']'.repeat(100000)}},"characters":[{"id":"a","name":"A"}],"openings":[{"id":"o","text":"t"}]}`,
    );
    const result = validatePack(deep, 'card.json');
    expect(result.pack).toBeUndefined();
    expect(result.problems.map(formatProblem)[0]).toMatch(/^card\.json extensions\.x(\[0\])+: nested more than 64 levels deep/);
  });
});
