import { mkdtempSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { b64json, ensureBuilt, png, skald, tEXt, tempDir, v2Card } from './helpers.js';

const home = () => mkdtempSync(join(tmpdir(), 'skald-test-import-home-'));

beforeAll(() => ensureBuilt());

describe('skald worlds import (the built CLI)', () => {
  it('installs a V2 PNG card and says what it made and where', async () => {
    const dir = await tempDir({ 'mira.png': png(tEXt('chara', b64json(v2Card()))) });
    const h = home();
    const run = skald(h, join(dir, 'mira.png'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const location = join(h, 'worlds', 'mira-vale');
    expect(run.stdout).toBe(
      `Imported Character Card V2 "Mira Vale" as world mira-vale (en, 3 openings, 5 lore entries): installed at ${location}\n`,
    );
    expect(await readFile(join(location, 'world.yaml'), 'utf8')).toMatch(/^# Imported by skald from mira\.png \(Character Card V2\)\.\n/);

    const again = skald(h, join(dir, 'mira.png'));
    expect(again.stdout).toContain(': replaced the installed world at ');
  });

  it('--out writes world.yaml there, refuses to overwrite it, and --json prints a summary', async () => {
    const card = { ...v2Card(), spec: 'chara_card_v3', spec_version: '3.0' };
    const dir = await tempDir({ 'mira.json': JSON.stringify(card) });
    const out = join(dir, 'pack');
    const run = skald(home(), join(dir, 'mira.json'), '--out', out, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      kind: 'card',
      format: 'chara_card_v3',
      container: 'json',
      id: 'mira-vale',
      title: 'Mira Vale',
      language: 'en',
      location: out,
      installed: false,
      replaced: false,
      characters: ['Mira Vale'],
      openings: 3,
      lore: 5,
      warnings: [],
    });
    expect((await stat(join(out, 'world.yaml'))).isFile()).toBe(true);

    const twice = skald(home(), join(dir, 'mira.json'), '--out', out);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toBe(`skald: ${join(out, 'world.yaml')} already exists; choose another --out folder or remove it first.\n`);
  });

  it('a PNG with both chunks imports the ccv3 card', async () => {
    const v3 = { ...v2Card({ name: 'Newer' }), spec: 'chara_card_v3' };
    const dir = await tempDir({ 'both.png': png(tEXt('chara', b64json(v2Card({ name: 'Older' }))), tEXt('ccv3', b64json(v3))) });
    const run = skald(home(), join(dir, 'both.png'), '--out', join(dir, 'out'), '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'chara_card_v3', container: 'png', chunk: 'ccv3', title: 'Newer' });
  });

  it('--into merges a lorebook and prints where', async () => {
    const dir = await tempDir({
      'world.yaml': 'skald: 1\nid: p\ntitle: P\nsetting: S.\ncharacters:\n  - id: a\n    name: A\nopenings:\n  - id: o\n    text: T.\n',
      'wi.json': JSON.stringify({ entries: { 0: { uid: 0, key: ['x'], content: 'X.', comment: 'Ex' } } }),
    });
    const run = skald(home(), join(dir, 'wi.json'), '--into', dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`Merged 1 lore entry from SillyTavern World Info into ${join(dir, 'lore', 'wi.yaml')}\n`);
    // The same entries again: nothing to add, said in one line.
    const again = skald(home(), join(dir, 'wi.json'), '--into', dir);
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('already in the pack');
    await writeFile(
      join(dir, 'wi.json'),
      JSON.stringify({ entries: { 0: { uid: 0, key: ['x'], content: 'X, told again.', comment: 'Ex' } } }),
    );
    const json = skald(home(), join(dir, 'wi.json'), '--into', dir, '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      kind: 'lorebook',
      format: 'world_info',
      file: join(dir, 'lore', 'wi-2.yaml'),
      entries: ['ex-2'],
      warnings: [],
    });
  });

  it('--into with a card adds its character and lorebook and says so, warnings one a line', async () => {
    const dir = await tempDir({
      'world.yaml': 'skald: 1\nid: p\ntitle: P\nsetting: S.\ncharacters:\n  - id: a\n    name: A\nopenings:\n  - id: o\n    text: T.\n',
      'mira.png': png(tEXt('chara', b64json(v2Card()))),
    });
    const run = skald(home(), join(dir, 'mira.png'), '--into', dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [first, ...warnings] = run.stdout.trim().split('\n');
    expect(first).toBe(
      `Added character Mira Vale (mira-vale) and 5 lore entries from Character Card V2 to ${dir} (${join(dir, 'characters', 'mira-vale.yaml')}, ${join(dir, 'lore', 'storm-coast.yaml')})`,
    );
    expect(warnings).toContain(
      "warning: the card's 3 greetings were not added as openings (the pack keeps its own); import the card alone to play them",
    );
    const json = skald(home(), join(dir, 'mira.png'), '--into', dir, '--json');
    expect(json.status).toBe(1);
    expect(json.stderr).toBe(`skald: The pack already has Mira Vale and every lore entry of mira.png; nothing was written.\n`);
  });

  it('--into takes an installed world by its id, and refuses a bundled one in a sentence that says why', async () => {
    // The player imports a card, then its lorebook into the world it made, by the id just printed.
    const dir = await tempDir({
      'mira.png': png(tEXt('chara', b64json(v2Card()))),
      'wi.json': JSON.stringify({
        entries: { 0: { uid: 0, key: ['lantern'], content: 'The lantern never goes out.', comment: 'Lantern' } },
      }),
    });
    const h = home();
    expect(skald(h, join(dir, 'mira.png')).status).toBe(0);
    const run = skald(h, join(dir, 'wi.json'), '--into', 'mira-vale');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lore = join(h, 'worlds', 'mira-vale', 'lore', 'wi.yaml');
    expect(run.stdout).toBe(`Merged 1 lore entry from SillyTavern World Info into ${lore}\n`);
    expect(await readFile(lore, 'utf8')).toContain('The lantern never goes out.');

    const bundled = skald(h, join(dir, 'wi.json'), '--into', 'glass-orchard');
    expect(bundled.status).toBe(1);
    expect(bundled.stderr).toBe(
      "skald: glass-orchard is a world that ships with skald, which an import does not change; give --into a pack folder of your own (`skald worlds new NAME` makes one), or an installed world's id.\n",
    );
  });

  // Spawns the CLI once per broken file: slow on a loaded machine, so it gets room, not a race.
  it('every broken input is one line on stderr and exit 1', async () => {
    const good = png(tEXt('chara', b64json(v2Card())));
    const files: Record<string, string | Uint8Array> = {
      'plain.png': png(tEXt('Software', 'paint')),
      'badb64.png': png(tEXt('chara', 'not*base64')),
      'badjson.json': '{"name": "x",',
      'cut.png': good.subarray(0, good.length - 40),
      'noname.json': JSON.stringify({ spec: 'chara_card_v2', data: { first_mes: 'hi' } }),
      'unknown.json': JSON.stringify({ hello: 'world' }),
      'empty.json': '',
      'nocard.charx': zipSync({ 'x.txt': strToU8('x') }),
      'ctrl.json': '\u001b[2J\u001b]0;pwned\u0007{oops\n\u001b[31m',
      'mira.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
      'mira.webp': new Uint8Array([...Buffer.from('RIFF'), 4, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]),
    };
    const dir = await tempDir(files);
    const big = join(dir, 'big.json');
    await writeFile(big, '');
    // A sparse 51 MB file: refused on its size, never read.
    const { truncate } = await import('node:fs/promises');
    await truncate(big, 51 * 1024 * 1024);
    const expected: Record<string, string> = {
      'plain.png':
        'skald: plain.png is a PNG image without a character card in it (no `chara` or `ccv3` text chunk); use the card file itself, not a copy re-saved by an image editor.',
      'badb64.png':
        'skald: the `chara` chunk of badb64.png is not valid base64, so the card cannot be read; export the card again from where you got it.',
      'badjson.json': 'skald: badjson.json is not valid JSON (',
      'cut.png': 'skald: cut.png is truncated: the PNG ends in the middle of its data',
      'noname.json':
        'skald: The card in noname.json has no name; a character card needs a `name` (fix the card in its editor and export it again).',
      'unknown.json': 'skald: unknown.json is a JSON object with none of the fields of a card or lorebook, not a format skald imports',
      'empty.json': 'skald: empty.json is empty; export the card or lorebook again.',
      'nocard.charx': 'skald: nocard.charx is a zip archive without card.json at its top level, so it is not a CHARX card.',
      'ctrl.json': 'skald: ctrl.json is not valid JSON (',
      'mira.jpg': 'skald: mira.jpg is a JPEG image, and character cards come as PNG (or .json, .charx): download or export the card as PNG',
      'mira.webp': 'skald: mira.webp is a WebP image, and character cards come as PNG',
      'big.json': 'skald: big.json is 51 MB; skald imports cards and lorebooks up to 50 MB.',
    };
    const h = home();
    for (const [name, start] of Object.entries(expected)) {
      const run = skald(h, join(dir, name));
      expect(run.status, name).toBe(1);
      expect(run.stdout, name).toBe('');
      expect(run.stderr.startsWith(start), `${name}: ${run.stderr}`).toBe(true);
      expect(run.stderr.trimEnd().split('\n'), name).toHaveLength(1);
      expect(run.stderr.includes('\u001b'), `${name}: escape sequences reach the terminal`).toBe(false);
    }
    const missing = skald(h, join(dir, 'nope.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`skald: ${join(dir, 'nope.json')}: no such file.\n`);
    const both = skald(h, join(dir, 'plain.png'), '--out', dir, '--into', dir);
    expect(both.status).toBe(2);
  });
});
