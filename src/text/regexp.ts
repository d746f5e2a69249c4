/** `text` with every character that means something in a regular expression escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every match of the global regex `re` in `text`, as `[...text.matchAll(re)]` gives them (from
 * `re.lastIndex`, which is left as it was), but found by `re` itself: `matchAll` runs a copy,
 * and a copy of a large regex is compiled again once a garbage collection has emptied V8's
 * regex cache (30-40 ms for a critic's whole-lexicon pattern, on every reply that reached it).
 */
export function execAll(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError('execAll needs a global regex, as matchAll does');
  const start = re.lastIndex;
  const out: RegExpExecArray[] = [];
  try {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push(m);
      // An empty match moves on by one character (a whole surrogate pair under `u`), as matchAll does.
      if (m[0] === '') re.lastIndex = advance(text, re.lastIndex, re.unicode || re.flags.includes('v'));
    }
  } finally {
    re.lastIndex = start;
  }
  return out;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const first = text.charCodeAt(index);
  const second = text.charCodeAt(index + 1);
  return first >= 0xd800 && first <= 0xdbff && second >= 0xdc00 && second <= 0xdfff ? index + 2 : index + 1;
}

/**
 * Compiles `re` now, as a first match would: V8 compiles a regex on its first run and again, to
 * machine code, on its second, which for a long alternation is tens of milliseconds better spent
 * before a reply than during one. `lastIndex` is left at 0.
 */
export function warmRegex(re: RegExp): void {
  for (let run = 0; run < 2; run++) {
    re.lastIndex = 0;
    re.test('a warm-up line, twelve words long');
  }
  re.lastIndex = 0;
}
