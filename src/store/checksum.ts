/**
 * A CRC-32 on every line of a session file, so a damaged record is found instead of read as
 * something the player never wrote. The checksum is the record's first field,
 * `{"crc":"1a2b3c4d",...}`, and covers the record as JSON without it (`{...}`): checking a line
 * costs one pass over its bytes and no second serialisation. Lines written before checksums
 * (`{"type":...`) load as they always did.
 */
import { crc32, crc32Text } from '../text/crc32.js';

/** `{"crc":"` + 8 hex digits + `",`: the 18 bytes before the record's own first field. */
const PREFIX = Buffer.from('{"crc":"');
export const SEAL_LENGTH = 18;
const OPEN_BRACE = Buffer.from('{');
const LEGACY = Buffer.from('{"type":"');

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** The line for a record already serialised as `json` (which starts with `{`), checksum first, no newline. */
export function sealJson(json: string): string {
  // Hashed as text: node:zlib reads the string's UTF-8 without the copy a Buffer of it would make.
  return `{"crc":"${hex(crc32Text(json))}",${json.slice(1)}`;
}

export type LineSeal = 'sealed' | 'legacy' | 'mismatch' | 'other';

/**
 * Whether bytes [start, end) of `bytes` are a line with a matching checksum (`sealed`), one whose
 * checksum does not match (`mismatch`), a line from before checksums (`legacy`: it starts as every
 * such line did), or none of these (`other`).
 */
export function checkSeal(bytes: Buffer, start: number, end: number): LineSeal {
  if (end - start > SEAL_LENGTH && startsWith(bytes, start, PREFIX)) {
    // Read byte by byte: a log's every line comes through here (13,000 at 10,000 turns), and the
    // string, regular expression and buffer view the plain way makes for each were most of its cost.
    if (bytes[start + 16] !== 0x22 || bytes[start + 17] !== 0x2c) return 'mismatch';
    let stored = 0;
    for (let i = start + 8; i < start + 16; i++) {
      const b = bytes[i];
      const digit = b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1;
      if (digit < 0) return 'mismatch';
      stored = stored * 16 + digit;
    }
    const sum = crc32(new Uint8Array(bytes.buffer, bytes.byteOffset + start + SEAL_LENGTH, end - start - SEAL_LENGTH), BRACE_CRC);
    return sum === stored ? 'sealed' : 'mismatch';
  }
  if (end - start >= LEGACY.length && startsWith(bytes, start, LEGACY)) return 'legacy';
  return 'other';
}

/** The CRC of `{`, where every record's checksum starts. */
const BRACE_CRC = crc32(OPEN_BRACE);

function startsWith(bytes: Buffer, start: number, prefix: Buffer): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[start + i] !== prefix[i]) return false;
  return true;
}

/**
 * The record of a line `checkSeal` called sealed, without its checksum field, parsed from the
 * bytes themselves: the seal's closing comma is turned into the record's opening brace for one
 * decode, then put back, so `bytes` is as it was when this returns or throws. Building the
 * record's text first concatenated ~30 MB of strings for a 10,000-turn log only to flatten them.
 */
export function parseUnsealed(bytes: Buffer, start: number, end: number): unknown {
  const at = start + SEAL_LENGTH - 1;
  const comma = bytes[at];
  bytes[at] = 0x7b;
  try {
    return JSON.parse(bytes.toString('utf8', at, end));
  } finally {
    bytes[at] = comma;
  }
}
