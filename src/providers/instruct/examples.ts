/**
 * Example dialogues as SillyTavern's instruct mode lays them out (public/scripts/instruct-mode.js,
 * formatInstructModeExamples): each `<START>` block under the context template's
 * `example_separator`, and each of its messages in the player's or the model's turn sequences, so
 * the model reads them as turns like the chat's. `skip_examples` keeps them as written, under the
 * separator. Pure: no I/O.
 */
import type { ContextTemplate, InstructTemplate } from './template.js';

export interface ExampleNames {
  user: string;
  char: string;
  /** A sequence's macros (`{{user}}`, `{{char}}`, `{{name}}` as `name`), when the template expands them. */
  macro: (text: string, name: string) => string;
}

/**
 * `mesExamples` (`<START>` blocks, names in place) in the template's turns. A block whose lines do
 * not start with the player's or the character's name is no dialogue SillyTavern can split: then
 * all are given as written under the separator, as SillyTavern does.
 */
export function instructExamples(
  mesExamples: string,
  template: InstructTemplate,
  context: ContextTemplate | undefined,
  names: ExampleNames,
): string {
  const { user, char, macro } = names;
  const heading = context?.example_separator ? `${macro(context.example_separator, 'System')}\n` : '';
  const blocks = mesExamples.split(/<START>\n?/i).filter((block) => block.trim() !== '');
  const raw = () => blocks.map((block) => heading + block).join('');
  if (template.skip_examples) return raw();
  const sep = template.wrap ? '\n' : '';
  let inputPrefix = template.input_sequence;
  let outputPrefix = template.output_sequence;
  let inputSuffix = template.input_suffix;
  let outputSuffix = template.output_suffix;
  if (template.macro) {
    inputPrefix = macro(inputPrefix, user);
    outputPrefix = macro(outputPrefix, char);
    inputSuffix = macro(inputSuffix, user) || sep;
    outputSuffix = macro(outputSuffix, char) || sep;
  }
  // SillyTavern names the player's lines only when forced, and every line when names are always shown.
  const named = (fromUser: boolean) => template.names_behavior === 'always' || (template.names_behavior === 'force' && fromUser);
  const out: string[] = [];
  for (const block of blocks) {
    const messages = dialogue(block, user, char);
    if (messages.length === 0) continue;
    if (heading) out.push(heading);
    for (const { fromUser, text } of messages) {
      const body = named(fromUser) ? `${fromUser ? user : char}: ${text}` : text;
      const prefix = fromUser ? inputPrefix : outputPrefix;
      const suffix = fromUser ? inputSuffix : outputSuffix;
      out.push([prefix, body + suffix].filter((part) => part !== '').join(sep));
    }
  }
  return out.length > 0 ? out.join('') : raw();
}

/**
 * Whether any `<START>` block of `mesExamples` is a dialogue of the player's and the character's lines: only then do
 * the examples become turns. A world pack's examples are a character's lines as written ("*He doesn't look up.*"),
 * which its block of the system text attributes; taken out of it and set apart they lose their speaker.
 */
export function examplesAreDialogue(mesExamples: string, user: string, char: string): boolean {
  return mesExamples.split(/<START>\n?/i).some((block) => block.trim() !== '' && dialogue(block, user, char).length > 0);
}

/**
 * A block's messages, as SillyTavern's parseExampleIntoIndividual splits them: a line that starts
 * with `Name:` opens a message, the lines after it belong to it, and the name is taken off.
 */
function dialogue(block: string, user: string, char: string): Array<{ fromUser: boolean; text: string }> {
  const messages: Array<{ fromUser: boolean; lines: string[] }> = [];
  for (const line of block.replace(/\r/g, '').split('\n')) {
    const fromUser = user !== '' && line.startsWith(`${user}:`);
    const fromChar = !fromUser && char !== '' && line.startsWith(`${char}:`);
    if (fromUser || fromChar) messages.push({ fromUser, lines: [line.slice((fromUser ? user : char).length + 1)] });
    else messages[messages.length - 1]?.lines.push(line);
  }
  return messages.map(({ fromUser, lines }) => ({ fromUser, text: lines.join('\n').trim() })).filter((m) => m.text !== '');
}
