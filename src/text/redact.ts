/**
 * Keys never reach a screen, a log or a file other than the secrets file. Every key skald loads is
 * registered here, and everything shown to the player (listings, errors, debug output, exports)
 * passes through `redactSecrets`.
 */
const known = new Set<string>();

/** The mark that replaces a secret. */
export const REDACTED = '[redacted]';

/** Remembers a key value so that `redactSecrets` hides it wherever it appears. */
export function registerSecret(value: string | undefined): void {
  // Very short values would redact ordinary words; no real key is that short.
  if (value && value.trim().length >= 6) known.add(value.trim());
}

// Common key shapes, for keys skald never loaded itself (pasted into a URL, echoed by a server).
// Each with a plain substring every match contains (`hint`, in the lower-cased text for /i
// shapes): a story of megabytes (`sessions show --json`) skips the shapes it cannot contain, where
// the URL shape alone, tried at every word, cost half a second.
// A shape starts at a word's edge, or right after a JSON escape (`\n`, `\t`, `\u000a`...): the
// `--json` outputs are redacted as JSON text, where a key after a newline follows the `n` of `\n`.
const EDGE = String.raw`(?:\b|(?<=\\(?:[nrtbf]|u[0-9a-fA-F]{4})))`;
const SHAPES: Array<{ shape: RegExp; hints: string[]; lower: boolean }> = [
  { shape: new RegExp(String.raw`${EDGE}Bearer\s+[A-Za-z0-9._~+/=-]{6,}`, 'gi'), hints: ['bearer'], lower: true },
  { shape: new RegExp(String.raw`${EDGE}sk-[A-Za-z0-9_-]{8,}`, 'g'), hints: ['sk-'], lower: false },
  {
    shape: new RegExp(String.raw`${EDGE}(?:api[_-]?key|access[_-]?token)=([^&\s"']{6,})`, 'gi'),
    hints: ['apikey', 'api_key', 'api-key', 'accesstoken', 'access_token', 'access-token'],
    lower: true,
  },
  // Credentials inside a URL (`http://user:KEY@host`): the user info is hidden whole.
  { shape: /\b[a-z][a-z0-9+.-]*:\/\/([^\s/?#@"'<>]+)@/gi, hints: ['://'], lower: false },
];

/**
 * The hints of /i shapes as one case-insensitive test, compiled once: lower-casing a 30 MB
 * `show --json` to look for them cost more than the search. The `u` flag folds case at least as
 * widely as the shapes' own /i (ASCII only), so no text a shape matches is skipped.
 */
const FOLDED_HINTS = new Map(
  SHAPES.filter((s) => s.lower).map((s) => [s, new RegExp(s.hints.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'iu')]),
);

/** Misses of a hint's tail before `holds` hands the rest of the text to `includes`. */
const TAIL_MISSES = 64;

/**
 * `text.includes(hint)`, found from the hint's second character: the first of `sk-` and `://` is
 * common in prose (V8 looks for a short pattern's first character, then compares), and over the
 * 30 MB of a long story's `show --json` the search for `sk-` alone cost 20-30 ms, for `k-` 3-7.
 * A text full of the tail without the head goes back to `includes` after a few misses.
 */
function holds(text: string, hint: string): boolean {
  if (hint.length < 2) return text.includes(hint);
  const head = hint.charCodeAt(0);
  const tail = hint.slice(1);
  let misses = 0;
  for (let at = text.indexOf(tail, 1); at >= 0; at = text.indexOf(tail, at + 1)) {
    if (text.charCodeAt(at - 1) === head) return true;
    if (++misses > TAIL_MISSES) return text.includes(hint, at);
  }
  return false;
}

/**
 * False only when `redactSecrets(text)` is certainly `text`: no registered key in it, and no hint
 * of any shape (the same tests `redactSecrets` makes before it tries a shape).
 */
export function mayRedact(text: string): boolean {
  for (const secret of known) if (text.includes(secret)) return true;
  return SHAPES.some((entry) => {
    const folded = FOLDED_HINTS.get(entry);
    return folded ? folded.test(text) : entry.hints.some((hint) => holds(text, hint));
  });
}

/** Replaces every registered key value and anything shaped like a key with `[redacted]`. */
export function redactSecrets(text: string): string {
  let out = text;
  // Longest first, so a key that contains another is hidden whole.
  for (const secret of [...known].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
  for (const entry of SHAPES) {
    const { shape, hints } = entry;
    const folded = FOLDED_HINTS.get(entry);
    if (folded ? !folded.test(out) : !hints.some((hint) => holds(out, hint))) continue;
    out = out.replace(shape, (match, group?: string) => {
      if (typeof group !== 'string') return REDACTED;
      const at = match.lastIndexOf(group);
      return match.slice(0, at) + REDACTED + match.slice(at + group.length);
    });
  }
  return out;
}
