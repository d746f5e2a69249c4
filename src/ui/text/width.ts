/**
 * Terminal column width, as `string-width` measures it, without its grapheme walk for the
 * characters story text is mostly made of. `string-width` counts printable ASCII by its length but
 * segments anything else and runs up to four Unicode-property regexes per grapheme: its first
 * non-ASCII call compiles them (~30 ms, /v emoji sequences among them) and a line of curly quotes
 * and dashes costs ~0.3 ms. Ink measures every text node and line with it (the bundle points Ink's
 * `string-width` here, scripts/build.mjs), so a status line with a · or an arrow, or an opening
 * with one “, paid that before the first frame.
 */
import stringWidth from 'string-width';

/**
 * Characters one column wide (ambiguous ones narrow, `string-width`'s default) that each form a
 * grapheme of their own, so a text of them only is as wide as it is long: printable ASCII, Latin-1's
 * printable letters and signs (not the soft hyphen), the general punctuation of prose (dashes,
 * curly quotes, bullets, ellipsis, primes; not the separators and bidi controls at U+2028-202F),
 * arrows, mathematical operators, box drawing, blocks and geometric shapes (not ◽◾, which are
 * emoji). tests/ui/width.test.ts holds each to `string-width`.
 */
export const ONE_COLUMN = /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u2190-\u22ff\u2500-\u25fc\u25ff]*$/;

/**
 * A select-graphic-rendition sequence (bold, dim, a colour) in the one form `string-width`'s
 * strip-ansi removes whole: ESC [, up to four digits, more `;`-separated groups, m. A text whose
 * every escape is one of these is measured without them, as string-width measures it.
 */
const SGR = /\u001b\[(?:\d{1,4}(?:;\d{0,4})*)?m/g;

type Options = Parameters<typeof stringWidth>[1];

/** The width of `text` in terminal columns: `string-width`'s answer, with the same options. */
export function columnWidth(text: string, options?: Options): number {
  if (typeof text === 'string' && (options?.ambiguousIsNarrow ?? true)) {
    const visible = text.includes('\u001b') && !options?.countAnsiEscapeCodes ? text.replace(SGR, '') : text;
    if (ONE_COLUMN.test(visible)) return visible.length;
  }
  return stringWidth(text, options);
}

export default columnWidth;
