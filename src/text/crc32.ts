/**
 * CRC-32 (IEEE), as PNG chunks and the session file's checksums use it: node:zlib's when the
 * running Node has it (20.15 and later), else a table-driven one.
 */
import * as zlib from 'node:zlib';

type Crc = (data: Uint8Array, initial?: number) => number;

let table: Uint32Array | undefined;

function crc32Js(data: Uint8Array, initial = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = ~initial >>> 0;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

const native = (zlib as unknown as { crc32?: Crc }).crc32;

/** CRC-32 of `data`, continuing from `initial`. */
export const crc32: Crc = native ? (data, initial = 0) => native(data, initial) >>> 0 : crc32Js;

const nativeText = (zlib as unknown as { crc32?: (data: string) => number }).crc32;

/** CRC-32 of `text`'s UTF-8 bytes (node:zlib's hashes a string without a copy of it). */
export const crc32Text = (text: string): number => (nativeText ? nativeText(text) >>> 0 : crc32Js(Buffer.from(text, 'utf8')));
