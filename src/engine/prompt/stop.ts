/** Stop sequences that cut a model off when it starts writing the player's lines. */

/** OpenAI-compatible endpoints accept at most four stop sequences. */
const MAX_STOP = 4;

/**
 * `Tamsin:` and `\nTamsin:` (what `{{user}}:` resolves to), the generic `User:`, and for Chinese
 * packs the full-width colon, deduplicated and at most four.
 */
export function stopSequences(playerName: string, language: string): string[] {
  const name = playerName.trim();
  const list = name ? [`\n${name}:`, `${name}:`, 'User:'] : ['User:'];
  if (name && language.toLowerCase().startsWith('zh')) list.push(`${name}：`);
  return [...new Set(list)].slice(0, MAX_STOP);
}
