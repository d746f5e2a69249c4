/**
 * A card as a PNG, as SillyTavern reads and writes them: the V3 card base64 in a `ccv3` tEXt
 * chunk, and the same card as V2 in a `chara` chunk for tools that read only that. The image is a
 * 1x1 transparent pixel: a world has no avatar of its own.
 */
import { zlibSync } from 'fflate';
import { crc32 } from '../../text/crc32.js';
import type { CardV3 } from './card.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function text(keyword: string, value: string): Uint8Array {
  return chunk('tEXt', new TextEncoder().encode(`${keyword}\u0000${value}`));
}

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/** The PNG bytes of a card. */
export function cardToPng(card: CardV3): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, 1);
  view.setUint32(4, 1);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const pixels = zlibSync(new Uint8Array([0, 0, 0, 0, 0])); // filter byte + one transparent pixel
  const v2 = { spec: 'chara_card_v2', spec_version: '2.0', data: card.data };
  const parts = [
    new Uint8Array(SIGNATURE),
    chunk('IHDR', header),
    text('chara', base64(v2)),
    text('ccv3', base64(card)),
    chunk('IDAT', pixels),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
