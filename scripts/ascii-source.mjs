// @ts-check
/**
 * The bundle as ASCII (scripts/build.mjs runs this over every chunk). esbuild escapes strings and
 * identifiers but leaves regular expression literals and comments as written, and V8 keeps a
 * module's whole source for the module's lifetime, at two bytes a character once a single
 * character is past U+00FF: one em dash in a comment doubled zod's chunk (0.76 -> 1.5 MB of heap),
 * a Chinese pattern the offline narrator's. Every non-ASCII character becomes its `\uXXXX` escape
 * (an astral one a surrogate pair), which means the same in a regular expression with or without
 * the u flag, and nothing in a comment. After an odd run of backslashes (an identity escape, a
 * backslash before the character) the escape takes the backslash's place. Source maps keep their
 * lines; columns after such a character on its line shift.
 * @param {string} code
 * @returns {string}
 */
export function asciiSource(code) {
  return code.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, char) => {
    const escape = `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return slashes.length % 2 === 1 ? slashes.slice(1) + escape : slashes + escape;
  });
}
