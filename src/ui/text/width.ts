/**
 * Terminal column width, as `string-width` measures it, without its grapheme walk for the
 * characters story text is mostly made of. `string-width` counts printable ASCII by its length but
 * segments anything else and runs up to four Unicode-property regexes per grapheme: its first
 * non-ASCII call compiles them (~30 ms, /v emoji sequences among them) and a line of curly quotes
 * and dashes costs ~0.3 ms. Ink measures every text node and line with it (the bundle points Ink's
 * `string-width` here, scripts/build.mjs), so an opening with one “ or — paid that before the first frame.
 */
import stringWidth from 'string-width';

/**
 * Characters one column wide (ambiguous ones narrow, `string-width`'s default) that each form a
 * grapheme of their own, so a text of them only is as wide as it is long: printable ASCII, Latin-1's
 * printable letters and signs (not the soft hyphen), the general punctuation of prose (dashes,
 * curly quotes, bullets, ellipsis, primes; not the separators and bidi controls at U+2028-202F)
 * and box drawing. tests/ui/width.test.ts holds each, and every pair, to `string-width`.
 */
const ONE_COLUMN = /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u2500-\u257f]*$/;

type Options = Parameters<typeof stringWidth>[1];

/** The width of `text` in terminal columns: `string-width`'s answer, with the same options. */
export function columnWidth(text: string, options?: Options): number {
  if (typeof text === 'string' && (options?.ambiguousIsNarrow ?? true) && ONE_COLUMN.test(text)) return text.length;
  return stringWidth(text, options);
}

export default columnWidth;
