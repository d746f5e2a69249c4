/**
 * Instruct and context templates in SillyTavern's own field names, so that a template exported
 * from SillyTavern is read as it is and one of ours can be imported there. An instruct template
 * says how each turn is wrapped for a text-completion model; a context template lays out the
 * system prompt (its `story_string`). Pure data and parsing: no file system here.
 */

/** SillyTavern's instruct template (`presets/instruct/*.json`), every field present. */
export interface InstructTemplate {
  name: string;
  input_sequence: string;
  input_suffix: string;
  output_sequence: string;
  output_suffix: string;
  system_sequence: string;
  system_suffix: string;
  /** Written before / after the system prompt inside the story string (older SillyTavern). */
  system_sequence_prefix: string;
  system_sequence_suffix: string;
  /** Wrap the whole story string (SillyTavern 1.13 and later); empty in older files. */
  story_string_prefix: string;
  story_string_suffix: string;
  first_input_sequence: string;
  last_input_sequence: string;
  first_output_sequence: string;
  last_output_sequence: string;
  /** The sequence of the system instruction at the very end of the prompt. */
  last_system_sequence: string;
  stop_sequence: string;
  /** A user message put first when the chat would otherwise start with the model's turn. */
  user_alignment_message: string;
  /** A newline between a sequence and the text, and after each message that has no suffix. */
  wrap: boolean;
  /** Expand {{user}}, {{char}} and {{name}} in the sequences. */
  macro: boolean;
  /** `always`: speaker names before each message; `force`: only in group chats; `none`. */
  names_behavior: 'none' | 'force' | 'always';
  /** System messages use the user sequences (models with no system role: Gemma, Mistral). */
  system_same_as_user: boolean;
  /** Every sequence also stops generation, not only `stop_sequence` (SillyTavern's default). */
  sequences_as_stop_strings: boolean;
}

/** SillyTavern's context template (`presets/context/*.json`). */
export interface ContextTemplate {
  name: string;
  /** Handlebars-like: `{{#if system}}{{system}}\n{{/if}}...`. */
  story_string: string;
  example_separator: string;
  chat_start: string;
  /** Add `chat_start` and `example_separator` to the stop strings. */
  use_stop_strings: boolean;
}

/** Either kind, as read from a file. */
export type ParsedTemplate = { kind: 'instruct'; template: InstructTemplate } | { kind: 'context'; template: ContextTemplate };

/** A template file that cannot be used, with the reason in words. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** The fields that mark a turn's edges: what a message must not contain (neutralise.ts). */
export const SEQUENCE_FIELDS = [
  'input_sequence',
  'input_suffix',
  'output_sequence',
  'output_suffix',
  'system_sequence',
  'system_suffix',
  'system_sequence_prefix',
  'system_sequence_suffix',
  'story_string_prefix',
  'story_string_suffix',
  'first_input_sequence',
  'last_input_sequence',
  'first_output_sequence',
  'last_output_sequence',
  'last_system_sequence',
  'stop_sequence',
] as const;

const INSTRUCT_STRINGS = [...SEQUENCE_FIELDS, 'user_alignment_message'] as const;

/** A sequence or a story string longer than this is not a template (it would crowd out the story). */
export const MAX_FIELD_CHARS = 16_384;

/** Reads an instruct or a context template from parsed JSON; `fallbackName` names one without `name`. */
export function parseTemplate(value: unknown, fallbackName: string): ParsedTemplate {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new TemplateError('it is not a JSON object');
  const raw = value as Record<string, unknown>;
  const name = templateName(raw.name, fallbackName);
  if ('story_string' in raw) return { kind: 'context', template: parseContext(raw, name) };
  if ('input_sequence' in raw || 'output_sequence' in raw) return { kind: 'instruct', template: parseInstruct(raw, name) };
  throw new TemplateError('it is neither an instruct template (input_sequence, output_sequence ...) nor a context template (story_string)');
}

function templateName(value: unknown, fallback: string): string {
  const name = (typeof value === 'string' && value.trim() ? value : fallback).trim();
  if (!name) throw new TemplateError('it has no name');
  if (name.length > 100) throw new TemplateError('its name is longer than 100 characters');
  return name;
}

function stringField(raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new TemplateError(`${key} must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`);
  if (value.length > MAX_FIELD_CHARS) throw new TemplateError(`${key} is longer than ${MAX_FIELD_CHARS} characters`);
  return value;
}

function boolField(raw: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new TemplateError(`${key} must be true or false`);
  return value;
}

function parseInstruct(raw: Record<string, unknown>, name: string): InstructTemplate {
  const strings = Object.fromEntries(INSTRUCT_STRINGS.map((key) => [key, stringField(raw, key)])) as Record<
    (typeof INSTRUCT_STRINGS)[number],
    string
  >;
  // Files from before SillyTavern 1.12 call the output suffix `separator_sequence`.
  if (raw.output_suffix === undefined && typeof raw.separator_sequence === 'string')
    strings.output_suffix = stringField(raw, 'separator_sequence');
  return {
    name,
    ...strings,
    wrap: boolField(raw, 'wrap', true),
    macro: boolField(raw, 'macro', true),
    names_behavior: namesBehavior(raw),
    system_same_as_user: boolField(raw, 'system_same_as_user', false),
    sequences_as_stop_strings: boolField(raw, 'sequences_as_stop_strings', true),
  };
}

/** `names_behavior`, or the older `names` / `names_force_groups` pair it replaced. */
function namesBehavior(raw: Record<string, unknown>): InstructTemplate['names_behavior'] {
  const value = raw.names_behavior;
  if (value === 'none' || value === 'force' || value === 'always') return value;
  if (value !== undefined) throw new TemplateError('names_behavior must be none, force or always');
  if (typeof raw.names === 'boolean') return raw.names ? 'always' : raw.names_force_groups === false ? 'none' : 'force';
  return 'force';
}

function parseContext(raw: Record<string, unknown>, name: string): ContextTemplate {
  return {
    name,
    story_string: stringField(raw, 'story_string'),
    example_separator: stringField(raw, 'example_separator'),
    chat_start: stringField(raw, 'chat_start'),
    use_stop_strings: boolField(raw, 'use_stop_strings', false),
  };
}

/** The key a template is found by: its name in lower case, letters and digits only. */
export function templateKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
