/**
 * Small text helpers shared by the importers: ids from names, the language of a card, base64
 * and JSON decoding with errors that say which part of the file was broken.
 */
import { createHash } from 'node:crypto';
import { ImportError } from './errors.js';

/** An ASCII id (`[a-z0-9-]+`) from a name; empty when the name has no Latin letters or digits. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** A short stable hash, for ids of names written in scripts a slug cannot carry (`card-1a2b3c4d`). */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** Returns `base`, or `base-2`, `base-3`... whichever `taken` does not hold yet, and takes it. */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;
const KANA = /[\u3040-\u30ff]/gu;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/gu;
const LATIN = /[A-Za-z\u00c0-\u024f]/u;
// Template words and macros are English whatever the card's language; they must not tip the count.
const MACROS = /\{\{[^}]*\}\}|<\/?START>|<\/?(?:USER|BOT)>/giu;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/**
 * The card's language from the share of each script in its prose: mostly Han characters give
 * `zh` (with kana, `ja`), Hangul gives `ko`, anything else `en`. One CJK character stands for
 * about a word, so it is weighed against Latin words rather than Latin letters.
 */
export function detectLanguage(texts: readonly string[]): string {
  const text = texts.join('\n').replace(MACROS, ' ');
  const han = count(text, HAN);
  const kana = count(text, KANA);
  const hangul = count(text, HANGUL);
  const latinWords = text.split(/\s+/).filter((w) => LATIN.test(w)).length;
  const cjk = han + kana + hangul;
  if (cjk === 0 || cjk < latinWords) return 'en';
  if (hangul > han + kana) return 'ko';
  if (kana > 0 && kana * 5 >= han) return 'ja';
  return 'zh';
}

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/** Decodes base64 (standard or URL-safe, whitespace allowed) to UTF-8 text; `what` names the source. */
export function decodeBase64(data: string, what: string): string {
  const compact = data.replace(/\s+/g, '');
  if (compact.length === 0 || !BASE64.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
    throw new ImportError(
      'bad-base64',
      `${what} is not valid base64, so the card cannot be read; export the card again from where you got it.`,
    );
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** Parses JSON, turning a syntax error into an ImportError that names the source. */
export function parseJson(text: string, what: string): unknown {
  const deep = nestingBeyond(text, MAX_JSON_NESTING);
  if (deep >= 0) {
    throw new ImportError(
      'bad-json',
      `${what} nests brackets more than ${MAX_JSON_NESTING} levels deep (at character ${deep}); no card needs that, so it is refused.`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // V8 quotes a snippet of the input; it says nothing the position does not, and may hold escapes.
    const reason = (error instanceof Error ? error.message : String(error))
      .replace(/,\s*"[\s\S]*"\s*is not valid JSON$/, '')
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    throw new ImportError('bad-json', `${what} is not valid JSON (${reason}); check that the file is complete or export it again.`);
  }
}

/** A plain object, or undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A string field, trimmed of trailing whitespace, CRLF made LF; '' when absent or not text. */
export function str(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.replace(/\r\n?/g, '\n').trim();
}

/** A list of non-empty strings; a comma-separated string is split (older exports do that). */
export function strList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map((v) => String(v).trim())
    .filter(Boolean);
}

/** A finite number from a number or numeric string; undefined otherwise. */
export function num(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Brackets nested deeper than this are refused before parsing: no card comes close. */
export const MAX_JSON_NESTING = 256;

/** The offset where `[`/`{` nesting outside strings first exceeds `limit`, or -1. One pass. */
function nestingBeyond(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return -1;
}
