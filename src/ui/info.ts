/**
 * The help overlay's text: every key from the key table and every command the TUI runs. The other
 * overlays' texts are the commands' own (src/commands/texts.ts), re-exported here.
 */
import { commandsFor } from '../commands/index.js';
import { KEY_BINDINGS } from './keys.js';

export { factOrigin, namedCreatorNotes, memoryText, modelText, openingText, personaText, worldText } from '../commands/texts.js';

/** The /help overlay: every command (first: they are what /help is opened for), then every key from the key table. */
export function helpText(): string {
  // A name longer than its column gets a line of its own, and its description starts on the next
  // line under the descriptions: beside it, there would be no column to wrap under.
  const row = (name: string, column: number, description: string) =>
    name.length < column ? [`  ${name.padEnd(column)} ${description}`] : [`  ${name}`, `${' '.repeat(column + 3)}${description}`];
  const groupOf = (id: string) =>
    id.startsWith('modal-')
      ? 'Lists and overlays'
      : /^(cursor-|delete-|clear-|send|newline|complete|history-)/.test(id)
        ? 'Composer'
        : 'Story';
  const groups = new Map<string, string[]>();
  for (const b of KEY_BINDINGS) {
    const rows = groups.get(groupOf(b.id)) ?? [];
    rows.push(...row(b.keys, 24, `${b.description}  (${b.context})`));
    groups.set(groupOf(b.id), rows);
  }
  const keys = ['Story', 'Composer', 'Lists and overlays'].flatMap((g) => [`${g} keys`, ...(groups.get(g) ?? []), '']);
  const commands = commandsFor('tui').flatMap((c) => row(`/${c.name}${c.args ? ` ${c.args}` : ''}`, 19, c.help));
  return ['Commands (Tab completes)', ...commands, '', ...keys].join('\n').trimEnd();
}
