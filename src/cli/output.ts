/**
 * The one way the CLI prints text that may carry data (file names, ids, pack text, server errors,
 * URLs): through `redactSecrets` and the sanitiser, in text and in JSON alike.
 */
import { redactSecrets } from '../config/redact.js';
import { neutralize, oneLine } from '../text/sanitize.js';

/** Text for the terminal: keys redacted, escapes, controls and bidi overrides removed; lines kept. */
export function display(text: string): string {
  return neutralize(redactSecrets(text));
}

/** A name, an id, a URL or an error for the terminal: `display`, on one line. */
export function displayLine(text: string): string {
  return oneLine(redactSecrets(text));
}

// JSON.stringify escapes C0 controls but leaves DEL, C1, the bidi controls and the line separators
// raw; escaped as \uXXXX they still decode to the same data, but drive no terminal that shows them.
const JSON_RAW = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** JSON text (for stdout, JSON lines, `--json` files) with no raw control byte and no key in it. */
export function safeJson(value: unknown, space?: number): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? redactSecrets(v) : v), space);
  if (text === undefined) return 'null';
  return text.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
