/**
 * The world pack format, version 1, as a zod schema. Parsing fills every default, so the output
 * is a complete `WorldPack`; the compile-time check at the bottom keeps the two in step.
 */
import { z } from 'zod';
import { LORE_MATCH_SOURCES, LORE_TRIGGERS, type WorldPack } from './types.js';
import { layerProblem, SAMPLER_NUMBERS, STOP_LIMITS, type NumberSpec } from './samplers.js';

/** Unknown data carried through untouched; allowed on the pack, laws, lore entries and characters. */
const extensions = z.record(z.string(), z.unknown()).optional();
const text = z.string();
const words = z.array(z.string()).default([]);
const itemId = z.string().min(1, 'an id cannot be empty');

/** Where a lore entry's text goes in the prompt (SillyTavern's World Info positions). */
export const LORE_POSITIONS = [
  'before_characters',
  'after_characters',
  'authors_note_top',
  'authors_note_bottom',
  'depth',
  'outlet',
  'before_examples',
  'after_examples',
] as const;

export const lawSchema = z.object({
  id: itemId,
  text: text.min(1, 'a law needs text'),
  forbid: words.describe('words that must not appear in replies'),
  extensions,
});

export const loreSchema = z.object({
  id: itemId,
  keys: words.describe('case-insensitive words or phrases; "/regex/flags" allowed'),
  secondary: words.describe('when non-empty, also checked (see selectiveLogic)'),
  selectiveLogic: z.enum(['and_any', 'and_all', 'not_any', 'not_all']).default('and_any'),
  text,
  constant: z.boolean().default(false).describe('always active'),
  priority: z.number().default(0),
  enabled: z.boolean().default(true),
  caseSensitive: z.boolean().default(false),
  wholeWords: z.boolean().default(true),
  excludeKeys: words,
  activateOnlyAfter: z.number().int().nonnegative().optional(),
  activateOnlyEvery: z.number().int().positive().optional(),
  scanDepth: z.number().int().nonnegative().optional().describe('how many recent messages are scanned for its keys (default 4)'),
  position: z
    .enum(LORE_POSITIONS)
    .optional()
    .describe(
      "where its text goes: before_characters (default), after_characters, authors_note_top, authors_note_bottom, depth, outlet (where a text writes {{outlet::NAME}}), before_examples or after_examples (the lead character's example dialogues)",
    ),
  depth: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('with position: depth, how many messages from the end it is inserted (0 = after the last; default 4)'),
  role: z
    .enum(['system', 'user', 'assistant'])
    .optional()
    .describe('with position: depth, the role of the inserted message (default system)'),
  outlet: z.string().trim().min(1).optional().describe('with position: outlet, the NAME of {{outlet::NAME}}, which places its text'),
  ignoreBudget: z.boolean().optional().describe('fires even when the lore budget is spent, and takes none of it'),
  onlyWith: z
    .array(z.string().min(1))
    .optional()
    .describe('fires only while one of these characters (name, nickname or id) is in the scene'),
  notWith: z.array(z.string().min(1)).optional().describe('stays out while one of these characters is in the scene'),
  probability: z.number().min(0).max(100).optional().describe('chance in percent that it fires when its keys match (default 100)'),
  sticky: z.number().int().nonnegative().optional().describe('once fired, stays active for this many messages'),
  cooldown: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('after firing (and after its sticky span), cannot fire for this many messages'),
  delay: z.number().int().nonnegative().optional().describe('cannot fire until the story has this many messages'),
  group: z.string().optional().describe('inclusion groups (comma-separated): of the matching entries of a group, one fires'),
  groupWeight: z.number().positive().optional().describe("weight in its group's draw (default 100)"),
  groupOverride: z.boolean().optional().describe('its group picks by priority instead of by a weighted draw'),
  groupScoring: z.boolean().optional().describe('only the group members with the most matched keys take part in the draw'),
  preventRecursion: z.boolean().optional().describe('its text does not activate other entries'),
  excludeRecursion: z.boolean().optional().describe("it is not activated by other entries' text"),
  delayUntilRecursion: z
    .union([z.boolean(), z.number().int().positive()])
    .optional()
    .describe('it waits for a recursion pass: true or 1 the first, N the Nth level'),
  matchSources: z
    .array(z.enum(LORE_MATCH_SOURCES))
    .optional()
    .describe(
      "texts besides the story its keys are also looked for in: the player's persona, the first character's description, personality, depth prompt, scenario, creator notes",
    ),
  triggers: z.array(z.enum(LORE_TRIGGERS)).optional().describe('the generations it may fire on (default: every one)'),
  extensions,
});

const relations = z.record(z.string(), z.string()).default({});

export const characterSchema = z.object({
  id: itemId,
  name: z.string().min(1, 'a character needs a name'),
  aliases: words,
  nickname: z.string().optional(),
  persona: text.default(''),
  voice: text.default(''),
  quirks: words,
  goals: words,
  secrets: words,
  relations: relations.describe('keys: character ids or `player`'),
  examples: words,
  color: z.string().optional(),
  extensions,
});

export const playerSchema = z.object({
  name: z
    .string()
    .min(1, 'the player needs a name')
    .optional()
    .describe('who the player is; leave it out for a world any persona may play (imported cards): the active persona plays it'),
  aliases: z.array(z.string()).optional().describe('nicknames characters call the player by; renamed with the player (`--persona`)'),
  persona: text.default(''),
  relations,
  position: z
    .enum(['prompt', 'authors_note_top', 'authors_note_bottom', 'depth', 'none'])
    .optional()
    .describe(
      "where the description goes: the system prompt (default), the author's note's top or bottom, at a depth in the chat, or nowhere",
    ),
  depth: z.number().int().min(0).max(100).optional().describe('with position depth: messages from the end (default 2)'),
  role: z.enum(['system', 'user', 'assistant']).optional().describe('with position depth: the role of its message (default system)'),
});

export const openingSchema = z.object({
  id: itemId,
  // An empty title is replaced by the id after parsing (see validate.ts).
  title: text.default(''),
  scene: text.default(''),
  text: text.min(1, 'an opening needs text'),
  characters: words,
});

export const threadSchema = z.object({
  id: itemId,
  title: text.default(''),
  hook: text.min(1, 'a thread needs a hook'),
  beats: words,
});

const tokens = z.number().int().positive();

function samplerNumber(spec: NumberSpec) {
  let n = spec.kind === 'int' ? z.number().int() : z.number();
  n = spec.minExclusive ? n.gt(spec.min) : n.min(spec.min);
  return n.max(spec.max).nullable().optional().describe(spec.about);
}

/** Samplers a world suggests; the profile's are below them, the story's `/set` and the run's flags above. */
export const samplersSchema = z
  .object({
    ...(Object.fromEntries(Object.entries(SAMPLER_NUMBERS).map(([key, spec]) => [key, samplerNumber(spec)])) as Record<
      keyof typeof SAMPLER_NUMBERS,
      ReturnType<typeof samplerNumber>
    >),
    stop: z
      .array(z.string().min(1).max(STOP_LIMITS.chars))
      .max(STOP_LIMITS.items)
      .nullable()
      .optional()
      .describe("strings that end the reply (added to skald's own)"),
    extra: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('back-end specific samplers sent as they are (dry_multiplier, mirostat, typical_p, xtc_probability ...)'),
  })
  .loose()
  .superRefine((value, ctx) => {
    // Unknown names and the extra object's own rules: a typo is refused rather than never sent.
    const problem = layerProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const styleSchema = z.object({
  pov: z.enum(['first', 'second', 'third']).default('second'),
  tense: z.enum(['present', 'past']).default('present'),
  length: z
    .tuple([tokens, tokens])
    .refine(([min, max]) => min <= max, 'the first number (minimum) must not exceed the second (maximum)')
    .default([60, 220])
    .describe('reply length in tokens: [min, max]'),
  notes: words,
  systemPrompt: text.optional().describe("replaces skald's narrator rules; {{original}} keeps them"),
  postHistoryInstructions: text.optional().describe("a system message after the chat history; {{original}} is the turn's direction"),
  samplers: samplersSchema
    .optional()
    .describe("samplers this world suggests (temperature, min_p ...); a profile's are overridden, a story's /set and the run's flags win"),
});

/** SillyTavern's regex script, as cards carry it; fields it does not use are kept (`id` and the like). */
export const regexScriptSchema = z
  .object({
    scriptName: z.string().default(''),
    findRegex: z.string().min(1, 'a regex script needs a `findRegex` pattern, like "/<status>[\\s\\S]*?<\\/status>/g"'),
    replaceString: z.string().default(''),
    trimStrings: z.array(z.string()).default([]),
    placement: z
      .array(z.number().int())
      .default([])
      .describe('1 user input, 2 AI output (3 slash command, 5 world info, 6 reasoning: not run)'),
    disabled: z.boolean().default(false),
    markdownOnly: z.boolean().default(false).describe('changes only what is displayed'),
    promptOnly: z.boolean().default(false).describe('changes only what is sent to the model'),
    runOnEdit: z.boolean().default(true),
    substituteRegex: z.union([z.number().int().min(0).max(2), z.boolean().transform(Number)]).default(0),
    minDepth: z.number().int().nullable().default(null),
    maxDepth: z.number().int().nullable().default(null),
  })
  .loose();

export const DEFAULT_PLAYER = { name: 'Traveller', persona: '', relations: {} } as const;

export const packSchema = z.object({
  skald: z.literal(1, { error: 'this skald reads format version 1: write `skald: 1`' }).describe('format version; this skald reads 1'),
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'a pack id uses only lowercase letters, digits and hyphens, like `glass-orchard`')
    .describe('how commands name the pack: lowercase letters, digits, hyphens'),
  title: z.string().min(1, 'a pack needs a title'),
  // `version: 1.0` is a number to YAML; accept it as the string the author meant.
  version: z.union([z.string(), z.number().transform(String)]).default('1.0.0'),
  authors: words,
  language: z.string().min(1).default('en').describe('BCP 47 tag: the language replies must be written in'),
  rating: z.enum(['general', 'teen', 'mature']).default('teen').describe('the content boundary'),
  tags: words,
  summary: text.default('').describe('one paragraph for the world picker'),
  setting: text.min(1, 'a pack needs a setting').describe('the world as the narrator knows it'),
  laws: z.array(lawSchema).default([]).describe('immutable rules, always in the prompt'),
  lore: z.array(loreSchema).default([]).describe('entries activated by keywords in recent turns'),
  characters: z.array(characterSchema).default([]).describe('at least one'),
  player: playerSchema.default({ persona: '', relations: {} }).describe("the player's default persona"),
  openings: z.array(openingSchema).default([]).describe('at least one; where a story can start'),
  threads: z.array(threadSchema).default([]).describe('plot threads the planner may bring in'),
  // "At least one character and one opening" is checked in crosscheck.ts, so that a missing list
  // and an empty one read the same (zod skips checks on defaulted values).
  style: styleSchema.default({ pov: 'second', tense: 'present', length: [60, 220], notes: [] }),
  regexScripts: z
    .array(regexScriptSchema)
    .optional()
    .describe(
      "SillyTavern regex scripts from a card, run on the player's input, the model's reply and its reasoning, and lore as the prompt carries it",
    ),
  extensions,
});

export type PackSchemaOutput = z.output<typeof packSchema>;

// Compile-time check: a parsed pack is a WorldPack. If this line errors, schema and types drifted.
const _outputIsWorldPack = (
  parsed: PackSchemaOutput,
): Omit<WorldPack, 'player'> & { player: Omit<WorldPack['player'], 'name'> & { name?: string } } => parsed;
void _outputIsWorldPack;

/** The keys each kind of object accepts, for unknown-key warnings. */
export const KNOWN_KEYS = {
  pack: Object.keys(packSchema.shape),
  law: Object.keys(lawSchema.shape),
  lore: Object.keys(loreSchema.shape),
  character: Object.keys(characterSchema.shape),
  player: Object.keys(playerSchema.shape),
  opening: Object.keys(openingSchema.shape),
  thread: Object.keys(threadSchema.shape),
  style: Object.keys(styleSchema.shape),
} as const;

/** The JSON Schema of the format as authors write it (defaults optional), for editors. */
export function packJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(packSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'skald world pack, format version 1',
  };
}
