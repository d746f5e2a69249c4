/**
 * Tab in the composer as a shell's menu completion: the first Tab completes what every match
 * shares; once nothing more is shared, each Tab puts the next match in the composer and Shift+Tab
 * the one before, round the list, as zsh and SillyTavern's slash-command box do. Any other edit
 * ends the cycle: the text no longer is the match it put there.
 */
import { argumentMatches, complete, completeArgument, completions, type ArgumentChoices } from '../../commands/index.js';

/** One match: the composer's text with it in place, and how the list names it. */
export interface TabOption {
  text: string;
  label: string;
}

/** The matches a cycle goes round, and the one in the composer now. */
export interface TabCycle {
  options: readonly TabOption[];
  index: number;
}

/** The cycle while the composer still holds the match it put there; else none. */
export function activeCycle(text: string, cycle: TabCycle | undefined): TabCycle | undefined {
  return cycle && cycle.options[cycle.index]?.text === text ? cycle : undefined;
}

/** What the text may complete to: the commands it names the start of, or its argument's values. */
function optionsFor(text: string, choices: ArgumentChoices): TabOption[] {
  if (/^\/\S+\s/.test(text)) {
    const head = text.slice(0, text.search(/\S*$/));
    return argumentMatches(text, choices).map((value) => ({ text: `${head}${value}`, label: value }));
  }
  return completions(text).map((c) => ({ text: `/${c.name}`, label: `/${c.name}` }));
}

/**
 * One Tab (`step` 1) or Shift+Tab (-1): the composer's new text and the cycle it is in, if any.
 * A single match completes as before (a command that takes arguments gets its space).
 */
export function tabStep(
  text: string,
  cycle: TabCycle | undefined,
  step: 1 | -1,
  choices: ArgumentChoices,
): { text: string; cycle?: TabCycle } {
  const going = activeCycle(text, cycle);
  if (going) {
    const n = going.options.length;
    const index = (going.index + step + n) % n;
    return { text: going.options[index].text, cycle: { options: going.options, index } };
  }
  const options = optionsFor(text, choices);
  const completed = /^\/\S+\s/.test(text) ? completeArgument(text, choices) : complete(text);
  // One match, or a longer prefix all of them share: the completion, no cycle yet.
  if (options.length < 2 || completed.length > text.length) return { text: completed };
  const index = step === 1 ? 0 : options.length - 1;
  return { text: options[index].text, cycle: { options, index } };
}
