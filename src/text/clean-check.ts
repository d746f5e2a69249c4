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
 * holds no raw C0 control (each is escaped), so when its bytes are all ASCII the only character
 * `neutralize` could act on is DEL: one native scan of the bytes instead of a regex over every
 * character. Text that is not all ASCII is tested as `cleaningMayChange` tests it.
 */
export function jsonCleaningMayChange(json: string, bytes: Uint8Array): boolean {
  const controls = isAscii(bytes) ? bytes.includes(0x7f) : hasControl(json);
  return controls || mayRedact(json);
}
