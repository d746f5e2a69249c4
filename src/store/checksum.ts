/**
 * A CRC-32 on every line of a session file, so a damaged record is found instead of read as
 * something the player never wrote. The checksum is the record's first field,
 * `{"crc":"1a2b3c4d",...}`, and covers the record as JSON without it (`{...}`): checking a line
 * costs one pass over its bytes and no second serialisation. Lines written before checksums
 * (`{"type":...`) load as they always did.
 */
import { crc32 } from '../text/crc32.js';

/** `{"crc":"` + 8 hex digits + `",`: the 18 bytes before the record's own first field. */
const PREFIX = Buffer.from('{"crc":"');
export const SEAL_LENGTH = 18;
const OPEN_BRACE = Buffer.from('{');
const LEGACY = Buffer.from('{"type":"');

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** The line for a record already serialised as `json` (which starts with `{`), checksum first, no newline. */
export function sealJson(json: string): string {
  const body = Buffer.from(json, 'utf8');
  return `{"crc":"${hex(crc32(body))}",${json.slice(1)}`;
}

export type LineSeal = 'sealed' | 'legacy' | 'mismatch' | 'other';

/**
 * Whether bytes [start, end) of `bytes` are a line with a matching checksum (`sealed`), one whose
 * checksum does not match (`mismatch`), a line from before checksums (`legacy`: it starts as every
 * such line did), or none of these (`other`).
 */
export function checkSeal(bytes: Buffer, start: number, end: number): LineSeal {
  if (end - start > SEAL_LENGTH && bytes.compare(PREFIX, 0, PREFIX.length, start, start + PREFIX.length) === 0) {
    const digits = bytes.toString('latin1', start + 8, start + 16);
    if (bytes[start + 16] !== 0x22 || bytes[start + 17] !== 0x2c || !/^[0-9a-f]{8}$/.test(digits)) return 'mismatch';
    const sum = crc32(bytes.subarray(start + SEAL_LENGTH, end), crc32(OPEN_BRACE));
    return sum === Number.parseInt(digits, 16) ? 'sealed' : 'mismatch';
  }
  if (end - start >= LEGACY.length && bytes.compare(LEGACY, 0, LEGACY.length, start, start + LEGACY.length) === 0) return 'legacy';
  return 'other';
}

/** The record's JSON without its checksum field, for a line `checkSeal` called sealed. */
export function unsealedText(bytes: Buffer, start: number, end: number): string {
  return `{${bytes.toString('utf8', start + SEAL_LENGTH, end)}`;
}

/**
 * `JSON.parse(unsealedText(...))` without building the record's text twice: the seal's closing
 * comma is turned into the record's opening brace for one decode, then put back, so `bytes` is as
 * it was when this returns or throws. Parsing a 10,000-turn log concatenated ~30 MB of strings
 * only to flatten them again.
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
