/**
 * The one way the CLI prints text that may carry data (file names, ids, pack text, server errors,
 * URLs): through `redactSecrets` and the sanitiser, in text and in JSON alike.
 */
import { redactSecrets } from '../text/redact.js';
import { jsonText, neutralize, oneLine } from '../text/sanitize.js';

/** Text for the terminal: keys redacted, escapes, controls and bidi overrides removed; lines kept. */
export function display(text: string): string {
  return neutralize(redactSecrets(text));
}

/** A name, an id, a URL or an error for the terminal: `display`, on one line. */
export function displayLine(text: string): string {
  return oneLine(redactSecrets(text));
}

/** JSON text (for stdout, JSON lines, `--json` files) with no raw control byte and no key in it. */
export function safeJson(value: unknown, space?: number): string {
  return jsonText(value, space, (_k, v) => (typeof v === 'string' ? redactSecrets(v) : v));
}
