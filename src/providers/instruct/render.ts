/**
 * Renders the chat messages skald builds (a system prompt, the story as user and assistant turns,
 * system messages for lore and the planner's directive) into one text-completion prompt through an
 * instruct template, the way SillyTavern's instruct mode lays them out. Pure: no I/O.
 *
 * Where the prompt ends is a choice (`ending`): after the model's turn prefix (`reply`, the
 * default), inside the model's last message (`continue`: that message is left open, without its
 * suffix, and is the default when the messages end with the assistant's), or after the user's
 * prefix (`impersonate`: the model drafts the player's line).
 *
 * Message text and names never carry the template's control sequences or a model family's special
 * tokens into the prompt: `neutralise.ts` breaks them first, and `neutralised` counts them.
 */
import type { ChatMessage, PromptEnding, StoryParts } from '../../engine/types.js';
import { resolveMacros } from '../../engine/macros.js';
import { hashSeed } from '../../engine/random.js';
import { neutraliser, templateMarkers } from './neutralise.js';
import { renderStoryString } from './story.js';
import { storyVariables } from './story-parts.js';
import { examplesAreDialogue, instructExamples } from './examples.js';
import { cutParagraph } from '../../world/card-fields.js';
import { withReasoning, type ReasoningBlock } from '../think.js';
import type { ContextTemplate, InstructTemplate } from './template.js';

export type { PromptEnding };

export interface RenderOptions {
  /** The player's name: `{{user}}`, and the name before their lines when the template shows names. */
  user?: string;
  /** The character the model speaks as, when it speaks as one; the narrator of a scene has none. */
  char?: string;
  /** The context template laying out the system prompt, when one goes with the instruct template. */
  context?: ContextTemplate;
  /** The system message's sections by SillyTavern's names, for the context template's story string (story-parts.ts). */
  parts?: StoryParts;
  ending?: PromptEnding;
  /**
   * Where `{{random}}` and `{{roll}}` in the sequences draw from: the story's seed, the turn and the
   * candidate's number in it. SillyTavern draws afresh each time it builds a prompt
   * (public/scripts/macros.js, randomReplace); here each generation draws anew too, and a story
   * replayed with its seed draws the same. Without it, the number of messages stands for the turn.
   */
  draw?: PromptDraw;
  /**
   * The reasoning of the reply the prompt continues (`ending: continue`) and the block it is written
   * back in: the open message then reads prefix, reasoning, suffix, separator, reply.
   */
  reasoning?: { text: string; block: ReasoningBlock };
}

/** See `RenderOptions.draw`. */
export interface PromptDraw {
  seed: number;
  turn: number;
  candidate: number;
}

/** Where the stop strings' `{{random}}` draws from (see `templateStops`). */
export type StopDraw = Omit<PromptDraw, 'candidate'>;

/** The stop strings draw as no reply's sequences do, so they are the same for every reply of a generation. */
const STOP_CANDIDATE = -1;

export interface RenderedPrompt {
  prompt: string;
  /** The template's stop strings (see `templateStops`). */
  stop: string[];
  ending: PromptEnding;
  /** How many control sequences in message text or names were broken (see `neutralise.ts`). */
  neutralised: number;
}

type Role = ChatMessage['role'];
type Place = 'first' | 'last' | 'middle';

/** The prompt for these messages; see the module comment for `ending`. */
export function renderPrompt(raw: readonly ChatMessage[], template: InstructTemplate, options: RenderOptions = {}): RenderedPrompt {
  const clean = neutraliser(templateMarkers(template, options));
  let neutralised = 0;
  const safe = (text: string): string => {
    const result = clean(text);
    neutralised += result.count;
    return result.text;
  };
  const user = safe(options.user ?? '');
  const char = safe(options.char ?? '');
  const messages = raw.map((m) => ({ ...m, content: safe(m.content) }));
  const sep = template.wrap ? '\n' : '';
  const names = template.names_behavior === 'always';
  const macro = sequenceMacros(template, user, char, options.draw ?? { seed: 0, turn: raw.length, candidate: 0 });

  const [head, ...rest] = messages;
  const system = head?.role === 'system' ? head.content : undefined;
  let chat: ChatMessage[] = system === undefined ? [...messages] : rest;
  const ending: PromptEnding = options.ending ?? (chat[chat.length - 1]?.role === 'assistant' ? 'continue' : 'reply');
  const firstSpeaker = chat.find((m) => m.role !== 'system');
  if (template.user_alignment_message && firstSpeaker?.role === 'assistant') {
    chat = [{ role: 'user', content: macro(template.user_alignment_message, user, -1) }, ...chat];
  }

  const speaker = (role: Role): string => (role === 'user' ? user : role === 'assistant' ? char : 'System');
  const prefixFor = (role: Role, place: Place): string => {
    if (role === 'system') {
      if (place === 'last' && template.last_system_sequence) return template.last_system_sequence;
      return template.system_same_as_user ? template.input_sequence : template.system_sequence;
    }
    if (role === 'user') {
      if (place === 'first' && template.first_input_sequence) return template.first_input_sequence;
      if (place === 'last' && template.last_input_sequence) return template.last_input_sequence;
      return template.input_sequence;
    }
    if (place === 'first' && template.first_output_sequence) return template.first_output_sequence;
    if (place === 'last' && template.last_output_sequence) return template.last_output_sequence;
    return template.output_sequence;
  };
  const suffixFor = (role: Role): string =>
    role === 'system'
      ? template.system_same_as_user
        ? template.input_suffix
        : template.system_suffix
      : role === 'user'
        ? template.input_suffix
        : template.output_suffix;

  /** Message `at`: prefix, newline when wrapped, the (named) text, its suffix; `open` leaves the suffix off. */
  const format = (message: ChatMessage, place: Place, at: number, open = false): string => {
    const name = speaker(message.role);
    const prefix = macro(prefixFor(message.role, place), name, at);
    const suffix = open ? '' : macro(suffixFor(message.role), name, at) || sep;
    const body = names && message.role !== 'system' && name ? `${name}: ${message.content}` : message.content;
    return [prefix, body + suffix].filter((part) => part !== '').join(sep);
  };

  let prompt = '';
  // Cleaned as the system message was, so each section is still found in it as it stands.
  const parts: StoryParts | undefined =
    options.parts &&
    Object.fromEntries(Object.entries(options.parts).map(([k, v]: [string, string | undefined]) => [k, clean(v ?? '').text]));
  // The example dialogues in the template's turns (examples.ts), where a story string places
  // `{{mesExamples}}`, else after the story string as SillyTavern puts them: out of the system text.
  const examples =
    parts?.mesExamples && parts.examplesText
      ? instructExamples(parts.mesExamples, template, options.context, { user, char: parts.char ?? char, macro })
      : undefined;
  const placed = options.context && /\{\{\s*mesExamples(?:Raw)?\s*\}\}/.test(options.context.story_string);
  // Lines that are no dialogue stay in the system text, with the character they belong to, as chat mode has them.
  const apart =
    examples !== undefined &&
    !placed &&
    system?.includes(parts?.examplesText ?? '') === true &&
    examplesAreDialogue(parts?.mesExamples ?? '', user, parts?.char ?? char);
  const shown = apart && system !== undefined && parts?.examplesText ? cutParagraph(system, parts.examplesText) : system;
  const tools = { user, char, sep, macro, parts, ...(examples !== undefined && placed ? { examples } : {}) };
  if (shown !== undefined) prompt += storyString(shown, template, options.context, tools);
  if (apart) prompt += examples;
  if (options.context?.chat_start) prompt += `${macro(options.context.chat_start, 'System')}\n`;

  const firstOf = new Map<Role, number>();
  const lastOf = new Map<Role, number>();
  chat.forEach((m, i) => {
    if (!firstOf.has(m.role)) firstOf.set(m.role, i);
    lastOf.set(m.role, i);
  });
  chat.forEach((message, i) => {
    const isLast = i === chat.length - 1;
    const open = isLast && ending === 'continue' && message.role === 'assistant';
    if (open && options.reasoning)
      message = { ...message, content: withReasoning(message.content, safe(options.reasoning.text), options.reasoning.block) };
    // The continued reply and the closing instruction take the "last" sequences; user turns keep
    // `last_input_sequence` for the newest of them, assistant turns `first_output_sequence` for the first.
    let place: Place = 'middle';
    if (open || (isLast && message.role === 'system')) place = 'last';
    else if (message.role === 'user' && lastOf.get('user') === i) place = 'last';
    else if (firstOf.get(message.role) === i && message.role !== 'system') place = 'first';
    prompt += format(message, place, i, open);
  });

  if (ending === 'reply' || ending === 'impersonate') {
    const role: Role = ending === 'reply' ? 'assistant' : 'user';
    const name = speaker(role);
    const sequence = macro(
      ending === 'reply'
        ? template.last_output_sequence || template.output_sequence
        : template.last_input_sequence || template.input_sequence,
      name,
      chat.length,
    );
    prompt += (sequence ? sequence + sep : '') + (names && name ? `${name}:` : '');
  }
  const stopDraw = options.draw && { seed: options.draw.seed, turn: options.draw.turn };
  return { prompt, stop: templateStops(template, { user, char, context: options.context, draw: stopDraw }), ending, neutralised };
}

/**
 * Expands the macros in a template's sequences when its `macro` is on, as SillyTavern's
 * substituteParams does: `{{name}}` (the speaker), then every card macro skald knows (`{{user}}`,
 * `{{char}}`, `{{noop}}`, `{{random}}`, `{{newline}}` ...; community templates put `{{noop}}` and
 * `{{random}}` in their reply prefix). A macro nested in another's arguments
 * (`{{random::{{noop}}::Go on.}}`) is expanded first, then its host. Unknown macros stay as written.
 * `at` is the message the sequence goes with: SillyTavern substitutes each message's sequences on
 * their own, so each draws on its own.
 */
function sequenceMacros(
  template: InstructTemplate,
  user: string,
  char: string,
  draw: PromptDraw,
): (text: string, name: string, at?: number) => string {
  if (!template.macro) return (text) => text;
  return (text, name, at = -2) => {
    const ctx = { user, char, seed: draw.seed, turn: hashSeed(draw.turn, draw.candidate, at) };
    let out = text.replace(/\{\{name\}\}/gi, name);
    for (let pass = 0; pass < 2 && out.includes('{{'); pass++) out = resolveMacros(out, ctx);
    return out;
  };
}

interface StoryTools {
  user: string;
  char: string;
  sep: string;
  macro: (text: string, name: string) => string;
  parts: StoryParts | undefined;
  /** The example dialogues in the template's turns, for a story string's `{{mesExamples}}`. */
  examples?: string;
}

/**
 * The system prompt as the story string: with a context template, its layout (whose own sequences,
 * in SillyTavern files before 1.13, are kept as they are); otherwise a system message. The
 * template's `story_string_prefix`/`suffix` (SillyTavern 1.13+) wrap it when present.
 */
function storyString(system: string, template: InstructTemplate, context: ContextTemplate | undefined, tools: StoryTools): string {
  const { sep, macro } = tools;
  let text = system;
  if (template.system_sequence_prefix) text = macro(template.system_sequence_prefix, 'System') + sep + text;
  if (template.system_sequence_suffix) text = text + sep + macro(template.system_sequence_suffix, 'System');
  const wrapped = Boolean(template.story_string_prefix || template.story_string_suffix);
  if (context) {
    // As SillyTavern's renderStoryString: no leading newlines, and a closing one only where the
    // template wraps and no story_string_suffix closes the story string itself.
    const vars = storyVariables(context.story_string, text, tools.parts, { user: tools.user, char: tools.char });
    // `{{mesExamplesRaw}}` keeps them as written.
    if (vars.mesExamples !== undefined && tools.examples !== undefined) vars.mesExamples = tools.examples;
    text = renderStoryString(context.story_string, vars).replace(/^\n+/, '');
    if (text && !text.endsWith('\n') && template.wrap && !template.story_string_suffix) text += '\n';
  } else if (!wrapped) {
    // The system prompt in the system role when the template has one; otherwise plain text on top,
    // as SillyTavern's Default context lays it out (Mistral's alignment message then refers to it).
    if (!template.system_sequence) return `${text}\n`;
    return [macro(template.system_sequence, 'System'), text + (macro(template.system_suffix, 'System') || sep)]
      .filter((part) => part !== '')
      .join(sep);
  }
  if (!text) return '';
  if (!wrapped) return text;
  // As SillyTavern's formatInstructModeStoryString: the prefix, a newline when the template wraps, the text, the suffix.
  const prefix = template.story_string_prefix ? macro(template.story_string_prefix, 'System') + sep : '';
  return prefix + text + macro(template.story_string_suffix, 'System');
}

/**
 * The stop strings a template implies: its `stop_sequence` as written (a model ends its turn with
 * it), and unless `sequences_as_stop_strings` is off, every turn sequence on a line of its own
 * (after a newline when the template wraps), so the model is cut off when it starts the next turn.
 * A context template's `chat_start` and `example_separator` join them when it says so.
 *
 * `{{random}}` in them draws from `draw`, the story's seed and the turn (a regenerated reply's seed
 * is its own): the same for every reply of one generation, so the stop strings the session records
 * are the ones each request sends.
 */
export function templateStops(
  template: InstructTemplate,
  options: { user?: string; char?: string; context?: ContextTemplate; draw?: StopDraw | undefined } = {},
): string[] {
  const user = options.user ?? '';
  const char = options.char ?? '';
  const macro = sequenceMacros(template, user, char, { ...(options.draw ?? { seed: 0, turn: 0 }), candidate: STOP_CANDIDATE });
  const lines = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '');
  const stops = lines(macro(template.stop_sequence, 'System'));
  if (template.sequences_as_stop_strings) {
    const sequences: Array<[string, string]> = [
      [template.input_sequence, user],
      [template.output_sequence, char],
      [template.first_output_sequence, char],
      [template.last_output_sequence, char],
      [template.system_sequence, 'System'],
      [template.last_system_sequence, 'System'],
    ];
    for (const [sequence, name] of sequences) {
      for (const line of lines(macro(sequence, name))) stops.push(template.wrap ? `\n${line}` : line);
    }
  }
  const context = options.context;
  if (context?.use_stop_strings) {
    for (const extra of [context.chat_start, context.example_separator]) if (extra.trim()) stops.push(`\n${macro(extra, 'System')}`);
  }
  return [...new Set(stops)];
}
