/**
 * Card macros: `{{user}}` and `{{char}}` (any case), and the `<USER>`/`<BOT>` of old cards.
 */

const MACRO = /\{\{\s*(user|char)\s*\}\}|<(user|bot)>/gi;

/** Replaces the player and character macros in `text`. */
export function resolveMacros(text: string, names: { user: string; char: string }): string {
  if (!text.includes('{{') && !text.includes('<')) return text;
  return text.replace(MACRO, (_whole, curly: string | undefined, angle: string | undefined) => {
    const which = (curly ?? angle ?? '').toLowerCase();
    return which === 'user' ? names.user : names.char;
  });
}
