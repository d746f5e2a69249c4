/**
 * The grammar of card macros (`{{name}}`, `{{name:args}}`, `{{name::a::b}}`, `{{name args}}`,
 * `{{// comment}}`, and old cards' `<USER>`/`<BOT>`), shared by the engine, which expands them,
 * and pack validation, which names the ones nothing expands.
 */

/** Every macro name skald expands (lower case). */
export const KNOWN_MACROS: readonly string[] = [
  'user',
  'char',
  'random',
  'pick',
  'roll',
  'time',
  'date',
  'weekday',
  'isotime',
  'isodate',
  'idle_duration',
  'lastmessage',
  'newline',
  'trim',
  'noop',
  'personality',
  'mesexamples',
  'mesexamplesraw',
  'space',
  'reverse',
  'ismobile',
  'lastusermessage',
  'lastcharmessage',
  'lastmessageid',
  'maxprompt',
  'maxprompttokens',
  'model',
  'datetimeformat',
  'lastchatmessage',
  'group',
  'charifnotgroup',
  'groupnotmuted',
  'notchar',
  'input',
  'timediff',
  'banned',
  'outlet',
  'if',
  'else',
  ...['get', 'set', 'add', 'inc', 'dec'].flatMap((verb) => [`${verb}var`, `${verb}globalvar`]),
];

/** `time_UTC+2`, `time_UTC-5`: SillyTavern's clock at a UTC offset, the offset part of the name. */
export const UTC_TIME = /^time_utc([+-]\d{1,2})$/i;

/**
 * One macro: group 1 its name (or `//comment`), 2 the separator before its arguments, 3 the
 * arguments, 4 an old card's `user`/`bot`. Arguments hold no braces, so a scan never runs past the
 * next macro: linear on hostile text. A nested macro is matched from the inside out (macros.ts).
 */
export const MACRO = /\{\{\s*(\/\/[^}]*|[A-Za-z_]\w*(?:[+-]\d{1,2}(?!\w))?)(?:\s*(::?|\s)\s*([^{}]*?))?\s*\}\}|<(user|bot)>/gi;

/** The macros in `text` skald would leave as written, each once, as the author wrote them. */
export function unknownMacros(text: string): string[] {
  if (!text.includes('{{')) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(MACRO)) {
    const name = m[1];
    if (name === undefined || name.startsWith('//')) continue;
    if (!KNOWN_MACROS.includes(name.toLowerCase()) && !UTC_TIME.test(name)) found.add(m[0]);
  }
  return [...found];
}
