/**
 * A JSON object left at the end of a reply, after its prose: a game's state update or a tool's arguments the model
 * wrote into the text the player reads. Told from prose by parsing, never by its keys: prose does not parse as a
 * JSON object, and a card's status sheet in a fence ("HP: 10", a list) does not either.
 */

/** Words of prose the reply needs before the object: a reply that is only data is another matter. */
const MIN_PROSE_WORDS = 5;
/** Where an unfenced object may start: the last few lines that open on a brace, earliest first. */
const MAX_STARTS = 6;
/** Longer tails are not parsed: a state update is a line or a short block. */
const MAX_DATA = 20_000;

function isObject(body: string): boolean {
  const t = body.trim();
  if (!t.startsWith('{') || !t.endsWith('}') || t.length > MAX_DATA) return false;
  try {
    const value: unknown = JSON.parse(t);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
  } catch {
    return false;
  }
}

function proseBefore(text: string, start: number): boolean {
  let words = 0;
  for (const _ of text.slice(0, start).matchAll(/\p{L}{2,}/gu)) if (++words >= MIN_PROSE_WORDS) return true;
  return false;
}

/** The offsets of a JSON object (fenced or not) that closes the reply after some prose, or null. */
export function trailingJson(text: string): { start: number; end: number } | null {
  const t = text.trimEnd();
  if (t.endsWith('```')) {
    const open = t.lastIndexOf('```', t.length - 4);
    if (open < 0) return null;
    // The fence's info string ("json") is its first line.
    const bodyStart = t.indexOf('\n', open);
    if (bodyStart < 0 || bodyStart > t.length - 3) return null;
    const info = t.slice(open + 3, bodyStart).trim();
    if (info !== '' && !/^json5?$/i.test(info)) return null;
    return isObject(t.slice(bodyStart, t.length - 3)) && proseBefore(t, open) ? { start: open, end: t.length } : null;
  }
  if (!t.endsWith('}')) return null;
  const starts: number[] = [];
  for (let i = t.lastIndexOf('{'); i >= 0 && starts.length < MAX_STARTS; i = i > 0 ? t.lastIndexOf('{', i - 1) : -1) {
    const line = t.lastIndexOf('\n', i - 1) + 1;
    if (t.slice(line, i).trim() === '' || /[.!?:…]["”’*)]?\s+$/u.test(t.slice(Math.max(line, i - 4), i))) starts.push(i);
  }
  for (const start of starts.reverse()) if (isObject(t.slice(start)) && proseBefore(t, start)) return { start, end: t.length };
  return null;
}
