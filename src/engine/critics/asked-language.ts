/**
 * Whether the player's message names a language: text in a language the player asked for ("Translate
 * this into Spanish", "用法语说一遍", "en français, s'il te plaît") is an answer, not a slip into
 * another language. Names come from the platform's own language names (Intl.DisplayNames): the
 * English name, the name in the story's language and the language's name for itself.
 */
const namesMemo = new Map<string, RegExp | null>();

function displayName(locale: string, code: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : undefined;
  } catch {
    return undefined;
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function namesOf(code: string, storyLanguage: string): RegExp | null {
  const key = `${code}\u0000${storyLanguage}`;
  const hit = namesMemo.get(key);
  if (hit !== undefined) return hit;
  const names = [...new Set([displayName('en', code), displayName(storyLanguage, code), displayName(code, code)])].filter(
    (n): n is string => n !== undefined && n.length >= 2,
  );
  // Han and kana names have no word boundaries; Latin-script names need them ("Thai" is not "Thailand").
  const parts = names.map((n) =>
    /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(n)
      ? escape(n)
      : `(?<![\\p{L}])${escape(n)}(?![\\p{L}])`,
  );
  const re = parts.length > 0 ? new RegExp(parts.join('|'), 'iu') : null;
  namesMemo.set(key, re);
  return re;
}

/** Whether `input` names the language `code` (an ISO 639-1 code) in English, in the story's language or in its own. */
export function namesLanguage(input: string, code: string, storyLanguage: string): boolean {
  if (!code || input.trim() === '') return false;
  return namesOf(code, storyLanguage)?.test(input) ?? false;
}
