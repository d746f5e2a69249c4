import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readCharx } from '../../src/world/import/charx.js';
import { ImportError } from '../../src/world/import/errors.js';
import { importCard } from '../../src/world/import/index.js';
import { failure, tempDir, v2Card } from './helpers.js';

const v3 = () => ({ ...v2Card(), spec: 'chara_card_v3', spec_version: '3.0' });

/** Rewrites the uncompressed size of the first entry in both its local and central headers. */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  const end = out.length - 22;
  const central = view.getUint32(end + 16, true);
  view.setUint32(central + 24, size, true);
  view.setUint32(22, size, true);
  return out;
}

describe('CHARX cards', () => {
  it('imports card.json from a .charx zip, ignoring assets', async () => {
    const zip = zipSync({ 'card.json': strToU8(JSON.stringify(v3())), 'assets/icon/main.png': new Uint8Array([1, 2, 3]) });
    const dir = await tempDir({ 'mira.charx': zip });
    const result = await importCard(join(dir, 'mira.charx'));
    expect(result.container).toBe('charx');
    expect(result.format).toBe('chara_card_v3');
    expect(result.pack.title).toBe('Mira Vale');
  });

  it('refuses an archive without card.json', () => {
    const e = failure(() => readCharx(zipSync({ 'other.json': strToU8('{}') }), 'x.charx'));
    expect(e.kind).toBe('no-card');
    expect(e.message).toBe('x.charx is a zip archive without card.json at its top level, so it is not a CHARX card.');
  });

  it('refuses entries that declare more than the limit, before inflating them', () => {
    const zip = zipSync({ 'card.json': strToU8(JSON.stringify({ ...v3(), pad: ' '.repeat(200_000) })) });
    const e = failure(() => readCharx(zip, 'big.charx', 100_000));
    expect(e.kind).toBe('zip-bomb');
    expect(e.message).toMatch(/^big\.charx is refused: its entry "card\.json" expands to 0\.2 MB, beyond the 0\.1 MB limit\.$/);
    // The default limit is 50 MB: a declared 60 MB entry is refused without being inflated.
    expect(
      failure(() =>
        readCharx(lieAboutSize(zipSync({ 'a.bin': new Uint8Array(10), 'card.json': strToU8('{}') }), 60 * 1024 * 1024), 'bomb.charx'),
      ).kind,
    ).toBe('zip-bomb');
  });

  it('stops an entry that lies about its size at the limit (a zip bomb)', () => {
    const zip = lieAboutSize(zipSync({ 'card.json': strToU8(JSON.stringify({ ...v3(), pad: ' '.repeat(3_000_000) })) }), 100);
    expect(zip.length).toBeLessThan(20_000); // 3 MB of spaces squeezed small
    const e = failure(() => readCharx(zip, 'liar.charx', 1_000_000));
    expect(e.kind).toBe('zip-bomb');
    expect(e.message).toBe('liar.charx is refused: its entry "card.json" expands to more than 1 MB, beyond the 1 MB limit.');
  });

  it('refuses a damaged archive and one over the size limit', async () => {
    const zip = zipSync({ 'card.json': strToU8(JSON.stringify(v3())) });
    expect(failure(() => readCharx(zip.subarray(0, 60), 'cut.charx')).kind).toBe('damaged');
    expect(failure(() => readCharx(zip, 'x.charx', 10)).kind).toBe('oversize');
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.charx'), '{"not": "a zip"}');
    const e = await importCard(join(dir, 'bad.charx')).catch((err: unknown) => err as ImportError);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).message).toBe(
      'bad.charx is named like a zip archive but is not one (its first bytes are wrong); export the card again.',
    );
  });
});
