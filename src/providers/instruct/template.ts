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
  /** Example dialogues stay as written instead of in the turn sequences (examples.ts). */
  skip_examples?: boolean;
  /**
   * The system prompt of a file from before SillyTavern 1.12.6, kept as written but not rendered
   * (skald's system text stands); its presence also dates the file (see `parseTemplate`).
   */
  system_prompt?: string;
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

/**
 * SillyTavern's reasoning template (`presets/reasoning/*.json`): the text around a model's
 * reasoning (`<think>\n` and `\n</think>` for DeepSeek). skald reads the reasoning between them into
 * the debug pane; the separator is what SillyTavern puts between reasoning and reply.
 */
export interface ReasoningTemplate {
  name: string;
  prefix: string;
  suffix: string;
  separator: string;
}

/** A field of the file that skald does not use, and why (shown by the import, never dropped silently). */
export interface UnusedField {
  field: string;
  why: string;
}

/** Either kind, as read from a file, with the fields it has that skald does not use. */
export type ParsedTemplate = (
  | { kind: 'instruct'; template: InstructTemplate }
  | { kind: 'context'; template: ContextTemplate }
  | { kind: 'reasoning'; template: ReasoningTemplate }
) & {
  unused: UnusedField[];
};

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
  if ('story_string' in raw) {
    const template = parseContext(raw, name);
    const empty = emptyStoryVariables(template.story_string);
    const unused = unusedFields(raw, CONTEXT_USED);
    if (empty.length > 0)
      unused.unshift({
        field: `story_string's ${empty.map((n) => `{{${n}}}`).join(', ')}`,
        why: "left empty: the author's note goes in the chat",
      });
    return { kind: 'context', template, unused };
  }
  if ('input_sequence' in raw || 'output_sequence' in raw) {
    const template = parseInstruct(raw, name);
    const unused = unusedFields(raw, INSTRUCT_USED);
    // SillyTavern has ignored these since system prompts became presets of their own (1.12.6):
    // a file without `system_prompt` is from then, and its story string carries the sequences.
    if (!('system_prompt' in raw)) {
      for (const field of ['system_sequence_prefix', 'system_sequence_suffix'] as const) {
        if (!template[field]) continue;
        template[field] = '';
        unused.push({
          field,
          why: 'SillyTavern ignores it since 1.12.6 (this file, without a system_prompt, is from then), so skald does too',
        });
      }
    }
    return { kind: 'instruct', template, unused };
  }
  if (isReasoningTemplate(raw)) return { kind: 'reasoning', template: parseReasoning(raw, name), unused: [] };
  if (typeof raw.content === 'string' && !('temp' in raw) && !('temperature' in raw))
    throw new TemplateError(
      'it is a SillyTavern system prompt, not a template; use it with `skald profiles set PROFILE system-prompt-file FILE`',
    );
  throw new TemplateError('it is neither an instruct template (input_sequence, output_sequence ...) nor a context template (story_string)');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parts of SillyTavern's master export (Advanced Formatting's "Master Export"), when `value` is one. */
export interface MasterExport {
  instruct?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** Its reasoning template (SillyTavern 1.13 and later). */
  reasoning?: Record<string, unknown>;
  /** Its other parts (`sysprompt` ...), which are not templates skald keeps. */
  others: Array<{ field: string; why: string }>;
}

/**
 * SillyTavern's master export holds the instruct template, the context template and the system
 * prompt (and, since 1.13, the reasoning template) as one file under those keys; players share them.
 */
export function masterExport(value: unknown): MasterExport | undefined {
  if (!isObject(value) || 'input_sequence' in value || 'output_sequence' in value || 'story_string' in value) return undefined;
  if (!isObject(value.instruct) && !isObject(value.context)) return undefined;
  const others = Object.entries(value)
    .filter(([key, part]) => !['instruct', 'context', 'reasoning'].includes(key) && part !== null && part !== undefined)
    .map(([field]) => ({
      field,
      why:
        field === 'sysprompt'
          ? 'a system prompt, not a template; `skald profiles set PROFILE system-prompt-file FILE` takes it from this file'
          : 'no equivalent in skald',
    }));
  return {
    ...(isObject(value.instruct) ? { instruct: value.instruct } : {}),
    ...(isObject(value.context) ? { context: value.context } : {}),
    ...(isObject(value.reasoning) ? { reasoning: value.reasoning } : {}),
    others,
  };
}

/** SillyTavern's reasoning template (`presets/reasoning/*.json`): how a model marks its reasoning. */
export function isReasoningTemplate(raw: Record<string, unknown>): boolean {
  return (
    typeof raw.prefix === 'string' &&
    typeof raw.suffix === 'string' &&
    typeof raw.separator === 'string' &&
    Object.keys(raw).every((k) => ['name', 'prefix', 'suffix', 'separator'].includes(k))
  );
}

function parseReasoning(raw: Record<string, unknown>, name: string): ReasoningTemplate {
  const template = {
    name,
    prefix: stringField(raw, 'prefix'),
    suffix: stringField(raw, 'suffix'),
    separator: stringField(raw, 'separator'),
  };
  // SillyTavern's "Blank" turns reasoning parsing off; skald has nothing to look for then.
  if (!template.prefix.trim() || !template.suffix.trim())
    throw new TemplateError(
      "it is a SillyTavern reasoning template with an empty prefix or suffix, so it marks no reasoning; a profile with no reasoning template reads a model's reasoning between <think> and </think>",
    );
  return template;
}

/** The fields skald reads (or that are skald's own: `aliases`, `source`). */
const INSTRUCT_USED = new Set<string>([
  'name',
  'aliases',
  'source',
  ...INSTRUCT_STRINGS,
  'separator_sequence',
  'wrap',
  'macro',
  'names_behavior',
  'names',
  'names_force_groups',
  'system_same_as_user',
  'sequences_as_stop_strings',
  'skip_examples',
]);
const CONTEXT_USED = new Set<string>(['name', 'story_string', 'example_separator', 'chat_start', 'use_stop_strings']);

/** Why the fields SillyTavern files carry have no use in skald; any other field has no equivalent. */
const UNUSED_WHY: Record<string, string> = {
  system_prompt:
    'the system prompt that SillyTavern kept in instruct templates before 1.12.6: a template carries none in skald; `skald profiles set PROFILE system-prompt-file FILE` takes it from this file',
  activation_regex: 'SillyTavern picks the template by model name with it; skald uses the template you name (`--template`)',
  bind_to_context: 'skald pairs a context template with the instruct template of its name',
  derived: "SillyTavern derives the template from the model's chat template; skald reads the fields as written",
  always_force_name2: "skald's narrator speaks as no one character, so no name is put before its reply",
  trim_sentences: 'no equivalent in skald (a reply is not cut back to its last full sentence)',
  single_line: 'no equivalent in skald (a reply is not cut at its first line)',
  names_as_stop_strings: 'no equivalent in skald (names are not stop strings)',
  allow_jailbreak: 'no equivalent in skald (it has no post-history instructions in the story string)',
  story_string_position: 'skald puts the story string at the top of the prompt',
  story_string_depth: 'skald puts the story string at the top of the prompt',
  story_string_role: 'skald puts the story string at the top of the prompt',
};

/** A value that loses nothing when left out: off, empty, or the story string in its usual place. */
function nothingToLose(field: string, value: unknown, raw: Record<string, unknown>): boolean {
  if (value === '' || value === false || value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  // In the prompt, at the top (0) is what skald does; depth and role only apply in the chat (1).
  if (field === 'story_string_position') return value === 0;
  if (field === 'story_string_depth' || field === 'story_string_role') return raw.story_string_position !== 1;
  return field === 'enabled' && value === true;
}

function unusedFields(raw: Record<string, unknown>, used: ReadonlySet<string>): UnusedField[] {
  return Object.entries(raw)
    .filter(([field, value]) => !used.has(field) && !nothingToLose(field, value, raw))
    .map(([field]) => ({ field, why: UNUSED_WHY[field] ?? 'no equivalent in skald' }));
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
    ...(raw.skip_examples === true ? { skip_examples: true } : {}),
    ...(typeof raw.system_prompt === 'string' ? { system_prompt: stringField(raw, 'system_prompt') } : {}),
  };
}

/** `names_behavior`, or the older `names` / `names_force_groups` pair it replaced. */
function namesBehavior(raw: Record<string, unknown>): InstructTemplate['names_behavior'] {
  const value = raw.names_behavior;
  if (value === 'none' || value === 'force' || value === 'always') return value;
  if (value !== undefined) throw new TemplateError('names_behavior must be none, force or always');
  // As SillyTavern migrates them: names_force_groups left out counts as off.
  if (typeof raw.names === 'boolean') return raw.names ? 'always' : raw.names_force_groups ? 'force' : 'none';
  return 'force';
}

/**
 * What SillyTavern fills in a story string that skald leaves empty: the rest (`description`,
 * `scenario`, `persona`, `wiBefore` ...) it fills from its system text (story-parts.ts).
 */
const STORY_VARIABLES_IN_SYSTEM = /^(anchorBefore|anchorAfter)$/;

/** The story string's `{{name}}`s (and `{{#if name}}`s) that skald leaves empty. */
function emptyStoryVariables(story: string): string[] {
  const names = [...story.matchAll(/\{\{\s*(?:[#/]\s*(?:if|unless)\s+)?([A-Za-z_]\w*)\s*\}\}/g)].map((m) => m[1]);
  return [...new Set(names.filter((n) => STORY_VARIABLES_IN_SYSTEM.test(n)))];
}

function parseContext(raw: Record<string, unknown>, name: string): ContextTemplate {
  const story = stringField(raw, 'story_string');
  // Everything skald tells the model (the world, its characters, the lore, the rules) is {{system}}.
  if (!/\{\{\s*system\s*\}\}/.test(story))
    throw new TemplateError(
      'its story_string has no {{system}}, where skald puts its whole system text (the world, the characters, the lore, the rules); add {{system}} to the story string',
    );
  return {
    name,
    story_string: story,
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
