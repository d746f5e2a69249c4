/**
 * A quick "certainly unchanged" for `neutralize(redactSecrets(text))`: the tests each makes before
 * it changes anything, without the changes. For output of megabytes (`sessions show` of a long
 * story) that holds no key and no control character, which is nearly all of it, cleaning is then
 * skipped; anything else is cleaned as before.
 */
import { isAscii } from 'node:buffer';
import { mayRedact } from './redact.js';
import { hasControl } from './sanitize.js';

/** False only when `neutralize(redactSecrets(text))` is certainly `text`; true means "clean it". */
export function cleaningMayChange(text: string): boolean {
  return hasControl(text) || mayRedact(text);
}

/**
 * `cleaningMayChange` for text `JSON.stringify` wrote, given its UTF-8 `bytes` as well. That text
 * holds no raw C0 control (each is escaped), so what `neutralize` could act on is DEL, a C1 control
 * or a bidi control: in all-ASCII bytes one native scan for DEL, else `utf8Controls`, a few native
 * scans for bytes prose seldom holds instead of a regex over every character.
 */
export function jsonCleaningMayChange(json: string, bytes: Uint8Array): boolean {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const controls = isAscii(bytes) ? view.includes(0x7f) : (utf8Controls(view) ?? hasControl(json));
  return controls || mayRedact(json);
}

/** Hits of one scanned byte that are no control before `utf8Controls` leaves the answer to the regex. */
const MISSES = 256;

/**
 * Whether valid UTF-8 `bytes` hold DEL, a C1 control (C2 80-9F) or a bidi control (U+202A-202E:
 * E2 80 AA-AE; U+2066-2069: E2 81 A6-A9), found from their rarest byte: C2, 81 and AA-AE, each
 * checked against its neighbours. Typographic prose is full of E2 80 (curly quotes, dashes,
 * ellipses), which is why the lead bytes are not what is looked for. Undefined when one of those
 * bytes is common in the text (accented letters: í is C3 AD), so the caller's regex answers.
 */
export function utf8Controls(bytes: Buffer): boolean | undefined {
  if (bytes.includes(0x7f)) return true;
  const scan = (byte: number, isControl: (at: number) => boolean): boolean | undefined => {
    let misses = 0;
    for (let at = bytes.indexOf(byte); at >= 0; at = bytes.indexOf(byte, at + 1)) {
      if (isControl(at)) return true;
      if (++misses > MISSES) return undefined;
    }
    return false;
  };
  const c1 = scan(0xc2, (at) => bytes[at + 1] < 0xa0);
  if (c1 !== false) return c1;
  const isolate = scan(0x81, (at) => bytes[at - 1] === 0xe2 && bytes[at + 1] >= 0xa6 && bytes[at + 1] <= 0xa9);
  if (isolate !== false) return isolate;
  for (let last = 0xaa; last <= 0xae; last++) {
    const embedding = scan(last, (at) => bytes[at - 1] === 0x80 && bytes[at - 2] === 0xe2);
    if (embedding !== false) return embedding;
  }
  return false;
}
