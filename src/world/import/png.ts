/**
 * Character cards inside PNG images: the card is base64 JSON in a text chunk named `chara` (V2)
 * or `ccv3` (V3). The file is walked chunk by chunk, checking the signature, every length and
 * every CRC, so a truncated or damaged image is reported as such instead of half-read.
 */
import { inflateSync } from 'node:zlib';
import { ImportError, MAX_IMPORT_BYTES } from './errors.js';
import { decodeBase64, parseJson } from './text.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((b, i) => bytes[i] === b);
}

import { crc32 } from '../../text/crc32.js';

export { crc32 };

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** What all compressed chunks of one image may still inflate to, together. */
interface Budget {
  left: number;
}

function inflateBounded(data: Uint8Array, what: string, budget: Budget): Uint8Array {
  try {
    if (budget.left <= 0) throw new RangeError('budget spent');
    // The cap is for the whole image: 110 chunks of 50 MB each would otherwise pass one by one.
    const out = inflateSync(data, { maxOutputLength: budget.left });
    budget.left -= out.length;
    return out;
  } catch (error) {
    const tooBig = error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new ImportError(
      tooBig ? 'zip-bomb' : 'damaged',
      tooBig
        ? `${what} holds compressed text chunks that expand beyond 50 MB together; it is refused.`
        : `${what} has a compressed text chunk that does not inflate; the image is damaged.`,
    );
  }
}

/** One text chunk (`tEXt`, `zTXt` or `iTXt`) as keyword and text, or undefined for other chunks. */
function textChunk(type: string, data: Uint8Array, what: string, budget: Budget): { keyword: string; text: string } | undefined {
  if (type !== 'tEXt' && type !== 'zTXt' && type !== 'iTXt') return undefined;
  const nul = data.indexOf(0);
  if (nul <= 0) return undefined; // no keyword: not a chunk a card writer makes
  const keyword = latin1(data.subarray(0, nul));
  const rest = data.subarray(nul + 1);
  if (type === 'tEXt') return { keyword, text: latin1(rest) };
  if (type === 'zTXt') return rest[0] === 0 ? { keyword, text: latin1(inflateBounded(rest.subarray(1), what, budget)) } : undefined;
  // iTXt: compression flag, method, language tag\0, translated keyword\0, UTF-8 text.
  const compressed = rest[0] === 1;
  const langEnd = rest.indexOf(0, 2);
  const transEnd = langEnd < 0 ? -1 : rest.indexOf(0, langEnd + 1);
  if (transEnd < 0) return undefined;
  const body = rest.subarray(transEnd + 1);
  return { keyword, text: utf8(compressed ? inflateBounded(body, what, budget) : body) };
}

/**
 * Every text chunk of a PNG, keyword (lower-cased) to text; the first chunk of a keyword wins.
 * Throws ImportError when the file is not a PNG, is truncated, or a chunk fails its CRC.
 */
export function readPngText(bytes: Uint8Array, what: string): Map<string, string> {
  if (!isPng(bytes)) throw new ImportError('unknown-format', `${what} is not a PNG image (its signature is wrong).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const texts = new Map<string, string>();
  let offset = SIGNATURE.length;
  let sawEnd = false;
  const budget: Budget = { left: MAX_IMPORT_BYTES };
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) break;
    const length = view.getUint32(offset);
    const type = latin1(bytes.subarray(offset + 4, offset + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) {
      throw new ImportError('damaged', `${what} is a damaged PNG: a chunk at byte ${offset} has no valid type; export the card again.`);
    }
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) break;
    const crc = view.getUint32(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) {
      throw new ImportError(
        'damaged',
        `${what} is a damaged PNG: the checksum of its ${type} chunk does not match; export the card again.`,
      );
    }
    const text = textChunk(type, bytes.subarray(offset + 8, offset + 8 + length), what, budget);
    if (text && !texts.has(text.keyword.toLowerCase())) texts.set(text.keyword.toLowerCase(), text.text);
    offset = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) {
    throw new ImportError(
      'truncated',
      `${what} is truncated: the PNG ends in the middle of its data (byte ${bytes.length}); download or export the card again.`,
    );
  }
  return texts;
}

/** The card JSON found in a PNG, and which chunk it came from. */
export interface PngCard {
  chunk: 'ccv3' | 'chara';
  card: unknown;
  /** A `ccv3` chunk that could not be read when `chara` could: said, not fatal. */
  warnings: string[];
}

/**
 * Reads the character card embedded in a PNG: `ccv3` when present (V3 wins), else `chara`.
 * A broken `ccv3` next to a good `chara` falls back to `chara` with a warning.
 */
export function readPngCard(bytes: Uint8Array, what: string): PngCard {
  const texts = readPngText(bytes, what);
  const decode = (chunk: 'ccv3' | 'chara', data: string) =>
    parseJson(decodeBase64(data, `the \`${chunk}\` chunk of ${what}`), `the \`${chunk}\` chunk of ${what}`);
  const v3 = texts.get('ccv3');
  const v2 = texts.get('chara');
  if (v3 !== undefined) {
    try {
      return { chunk: 'ccv3', card: decode('ccv3', v3), warnings: [] };
    } catch (error) {
      if (v2 === undefined || !(error instanceof ImportError)) throw error;
      return {
        chunk: 'chara',
        card: decode('chara', v2),
        warnings: [`${error.message.replace(/(, so |; ).*$/s, '')}; the \`chara\` chunk was used instead.`],
      };
    }
  }
  if (v2 !== undefined) return { chunk: 'chara', card: decode('chara', v2), warnings: [] };
  throw new ImportError(
    'no-card',
    `${what} is a PNG image without a character card in it (no \`chara\` or \`ccv3\` text chunk); use the card file itself, not a copy re-saved by an image editor.`,
  );
}
