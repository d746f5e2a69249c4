import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, readPngCard, readPngText } from '../../src/world/import/png.js';
import { b64json, chunk, failure, png, tEXt } from './helpers.js';

const card = (name: string, spec = 'chara_card_v2') => ({ spec, data: { name, first_mes: 'Hi.' } });

describe('PNG cards', () => {
  it('computes the standard CRC-32 (IEND chunk)', () => {
    expect(crc32(Buffer.from('IEND', 'latin1'))).toBe(0xae426082);
  });

  it('reads a V2 card from a tEXt chunk named chara', () => {
    const result = readPngCard(png(tEXt('chara', b64json(card('Mira')))), 'mira.png');
    expect(result.chunk).toBe('chara');
    expect(result.card).toEqual(card('Mira'));
    expect(result.warnings).toEqual([]);
  });

  it('prefers ccv3 over chara when both exist, whatever their order', () => {
    const both = [tEXt('chara', b64json(card('Old'))), tEXt('ccv3', b64json(card('New', 'chara_card_v3')))];
    for (const chunks of [both, [...both].reverse()]) {
      const result = readPngCard(png(...chunks), 'both.png');
      expect(result.chunk).toBe('ccv3');
      expect((result.card as { data: { name: string } }).data.name).toBe('New');
    }
  });

  it('falls back to chara, with a warning, when ccv3 is not base64', () => {
    const result = readPngCard(png(tEXt('ccv3', '!!!not base64!!!'), tEXt('chara', b64json(card('Old')))), 'x.png');
    expect(result.chunk).toBe('chara');
    expect(result.warnings[0]).toContain('the `ccv3` chunk of x.png is not valid base64; the `chara` chunk was used instead.');
  });

  it('reads zTXt and iTXt chunks (compressed and not), UTF-8 in iTXt', () => {
    const z = chunk('zTXt', Buffer.concat([Buffer.from('chara\0\0', 'latin1'), deflateSync(Buffer.from(b64json(card('Zed'))))]));
    expect((readPngCard(png(z), 'z.png').card as { data: { name: string } }).data.name).toBe('Zed');

    const itxt = (compressed: boolean, text: string) => {
      const body = compressed ? deflateSync(Buffer.from(text, 'utf8')) : Buffer.from(text, 'utf8');
      return chunk('iTXt', Buffer.concat([Buffer.from(`comment\0${compressed ? '\x01' : '\x00'}\0en\0\0`, 'latin1'), body]));
    };
    const texts = readPngText(png(itxt(false, '雨の日'), itxt(true, 'x')), 'i.png');
    expect(texts.get('comment')).toBe('雨の日'); // the first of a keyword wins
  });

  it('refuses a truncated file, a bad checksum, a missing card and bad base64 with distinct errors', () => {
    const good = png(tEXt('chara', b64json(card('Mira'))));
    const truncated = failure(() => readPngCard(good.subarray(0, good.length - 30), 't.png'));
    expect(truncated.kind).toBe('truncated');
    expect(truncated.message).toMatch(/^t\.png is truncated: the PNG ends in the middle of its data/);
    // A file cut exactly at a chunk boundary still lacks IEND.
    expect(failure(() => readPngCard(good.subarray(0, good.length - 12), 't.png')).kind).toBe('truncated');

    const damaged = Buffer.from(good);
    damaged[45] ^= 0xff; // inside the tEXt data
    const crc = failure(() => readPngCard(damaged, 'd.png'));
    expect(crc.kind).toBe('damaged');
    expect(crc.message).toBe('d.png is a damaged PNG: the checksum of its tEXt chunk does not match; export the card again.');

    const none = failure(() => readPngCard(png(tEXt('Software', 'paint')), 'plain.png'));
    expect(none.kind).toBe('no-card');
    expect(none.message).toContain('plain.png is a PNG image without a character card in it');

    const b64 = failure(() => readPngCard(png(tEXt('chara', 'eyJuYW1lIjoi*?')), 'b.png'));
    expect(b64.kind).toBe('bad-base64');
    expect(b64.message).toBe(
      'the `chara` chunk of b.png is not valid base64, so the card cannot be read; export the card again from where you got it.',
    );

    const json = failure(() => readPngCard(png(tEXt('chara', Buffer.from('{"name": ').toString('base64'))), 'j.png'));
    expect(json.kind).toBe('bad-json');
    expect(json.message).toMatch(/^the `chara` chunk of j\.png is not valid JSON \(/);
  });
});
