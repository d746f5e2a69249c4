/**
 * Keeps message text from speaking in the template's voice. A text-completion server tokenises the
 * prompt with special tokens enabled, so a card, a pack, a player's line or the model's own earlier
 * reply that contains `<|im_end|>\n<|im_start|>system` would close its turn and open a forged one.
 * Before rendering, every such sequence in message text is broken by a zero-width space after its
 * first character: a reader still sees the same text, the tokenizer no longer finds the token.
 *
 * What is broken:
 * - the well-known special-token shapes of the major model families, whatever template is chosen
 *   (the server's model may not be the one the template was written for): `<|...|>` (ChatML,
 *   Llama 3, Phi, Command R, and DeepSeek's full-width `<｜...｜>`), `<s>` and `</s>`, Gemma's
 *   `<bos>`, `<eos>`, `<start_of_turn>`, `<end_of_turn>`, Mistral's `[INST]`, `[/INST]` and its
 *   other bracketed control words;
 * - the active template's own sequences: the bracketed tokens in them (`<start_of_turn>`,
 *   `<<SYS>>`, a custom `[USER]`) anywhere in the text; sequences with no token in them (Alpaca's
 *   `### Response:`, Vicuna's `USER:`) only where they begin a line, since that is where the model
 *   reads them as a turn boundary and a story may use the same words elsewhere.
 * Pure: no I/O.
 */
import { escapeRegExp } from '../../text/regexp.js';
import { SEQUENCE_FIELDS, type ContextTemplate, type InstructTemplate } from './template.js';

/** Inserted after a sequence's first character: invisible, and no tokenizer joins across it. */
export const BREAK = '\u200B';

/** The template's sequences as they reach the prompt (macros expanded), sorted by how they are matched. */
export interface TemplateMarkers {
  /** Bracketed tokens, broken wherever they stand. */
  tokens: string[];
  /** Plain-word sequences, broken where they begin a line. */
  lineStarts: string[];
}

export interface Neutralised {
  text: string;
  /** How many sequences were broken. */
  count: number;
}

// Each family's special tokens as a shape; Mistral's bracketed words are its tokenizer's control
// vocabulary, since `[OOC]` or `[NOTE]` in role-play text are not tokens and must stay as written.
const FAMILY_TOKENS = [
  String.raw`<[|｜][^\s|｜<>]{1,64}[|｜]>`,
  String.raw`<\/?s>`,
  String.raw`<(?:bos|eos|unk|pad|mask)>`,
  String.raw`<(?:start|end)_of_[a-z]+>`,
  String.raw`\[\/?(?:INST|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_CALLS|TOOL_RESULTS|TOOL_CONTENT|THINK)\]`,
];

const BRACKETED = /<[^<>\s]{1,64}>|\[[^[\]\s]{1,64}\]/g;
const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * The sequences of `template` (and the literal text of its context's story string) that message
 * text must not contain. Macros are expanded with every name a sequence may carry, as rendered.
 */
export function templateMarkers(
  template: InstructTemplate,
  options: { user?: string; char?: string; context?: ContextTemplate } = {},
): TemplateMarkers {
  const user = options.user ?? '';
  const char = options.char ?? '';
  const expand = (text: string): string[] => {
    if (!template.macro) return [text];
    const named = text.replace(/\{\{user\}\}/gi, user).replace(/\{\{char\}\}/gi, char);
    return /\{\{name\}\}/i.test(named) ? [user, char, 'System'].map((name) => named.replace(/\{\{name\}\}/gi, name)) : [named];
  };
  const tokens = new Set<string>();
  const lineStarts = new Set<string>();
  const take = (text: string, plainToo: boolean): void => {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      const bracketed = line.match(BRACKETED);
      if (bracketed) for (const token of bracketed) tokens.add(token);
      else if (plainToo && line.length >= 2 && HAS_WORD.test(line)) lineStarts.add(line);
    }
  };
  for (const key of SEQUENCE_FIELDS) for (const text of expand(template[key])) take(text, true);
  // The story string's own words ("Scenario:") are not turn boundaries; its tokens are.
  if (options.context) for (const literal of options.context.story_string.split(/\{\{[^}]*\}\}/)) take(literal, false);
  const longestFirst = (a: string, b: string) => b.length - a.length;
  return { tokens: [...tokens].sort(longestFirst), lineStarts: [...lineStarts].sort(longestFirst) };
}

/** A function that breaks the family tokens and these markers in a text, counting what it broke. */
export function neutraliser(markers: TemplateMarkers = { tokens: [], lineStarts: [] }): (text: string) => Neutralised {
  const anywhere = [...markers.tokens.map(escapeRegExp), ...FAMILY_TOKENS].join('|');
  // `(?!)` never matches, so the groups exist even for a template with no plain-word sequence.
  const lineStart = markers.lineStarts.map(escapeRegExp).join('|') || '(?!)';
  const pattern = new RegExp(`(^[ \\t]*)(${lineStart})|${anywhere}`, 'gm');
  return (text) => {
    let count = 0;
    const out = text.replace(pattern, (match: string, lead: string | undefined, line: string | undefined) => {
      count += 1;
      return line === undefined ? breakSequence(match) : lead + breakSequence(line);
    });
    return { text: out, count };
  };
}

function breakSequence(sequence: string): string {
  const code = sequence.codePointAt(0);
  if (code === undefined) return sequence;
  const first = String.fromCodePoint(code);
  return first + BREAK + sequence.slice(first.length);
}
