/**
 * Pack text, file names, ids, server error texts and model output are data: nothing in them may
 * drive the terminal or reorder what the player reads. These helpers remove escape sequences (CSI
 * colours and cursor moves, OSC titles, OSC 8 hyperlinks, OSC 52 clipboard writes, DCS/APC/PM
 * strings), every other control character (C0, DEL, C1) and the bidi embedding, override and
 * isolate controls (U+202A-202E, U+2066-2069), so only skald's own styling reaches the screen.
 * Every string bound for a terminal, a JSON line or an HTML page passes `neutralize` (text that
 * keeps its lines) or `oneLine` (a name, an id, an error: one line).
 */

// ESC-introduced sequences: OSC/DCS/SOS/PM/APC strings up to BEL or ST, CSI with params, and
// two-character escapes. The 8-bit C1 forms (0x9b CSI, 0x9d OSC ...) are covered below.
const ESCAPE_SEQUENCE = /\u001b(?:[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\[[0-?]*[ -/]*[@-~]?|[ -/]*[0-~]?)/g;
const C1_STRING = /[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u009c|\u001b\\|$)/g;
const C1_CSI = /\u009b[0-?]*[ -/]*[@-~]?/g;
// C0 controls except tab and newline, DEL, C1 controls, and the bidi controls that can make a
// line read differently from its bytes (Trojan Source, CVE-2021-42574).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Removes escape sequences, control characters and bidi controls; keeps text, newlines and tabs. */
export function neutralize(text: string): string {
  if (!hasControl(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(C1_STRING, '').replace(C1_CSI, '').replace(CONTROL, '');
}

/**
 * One line of plain text: `neutralize`, then every line break and tab as one space. For file
 * names, ids, titles and error texts, where a CR or a newline would break the line they sit in.
 * With `max` (a table's column), runs of white space fold to one, the ends are trimmed, and a
 * longer line is cut to `max` characters ending in `…`.
 */
export function oneLine(text: string, max?: number): string {
  const line = neutralize(text).replace(/[\n\t\u2028\u2029\u0085]+/g, ' ');
  if (max === undefined) return line;
  const flat = line.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** True when the text holds anything `neutralize` would remove. */
export function hasControl(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/** Sanitises every string (and key) of a JSON-able value, for JSON lines and `--json` outputs. */
export function neutralizeDeep<T>(value: T): T {
  if (typeof value === 'string') return neutralize(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => neutralizeDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [neutralize(k), neutralizeDeep(v)])) as T;
  }
  return value;
}

// JSON.stringify escapes C0 controls but leaves DEL, C1, the bidi controls and the line separators
// raw; escaped as \uXXXX they decode to the same data but drive no terminal that shows the file.
const JSON_RAW = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** JSON.stringify with no raw control byte in its output. */
export function jsonText(value: unknown, space?: number, replacer?: (key: string, value: unknown) => unknown): string {
  const text = JSON.stringify(value, replacer, space) ?? 'null';
  return text.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
