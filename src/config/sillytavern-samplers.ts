/**
 * Reads SillyTavern's sampler presets: text-completion presets (`temp`, `min_p`, `rep_pen`,
 * `dry_*`, `mirostat_*` ...) and the chat-completion preset (`temperature`, `frequency_penalty`,
 * `openai_max_tokens` ...). What has an equivalent becomes a sampler; back-end samplers go under
 * `extra` with the names llama.cpp and KoboldCpp read; a back-end sampler switched off in the
 * preset is not sent (the back ends' defaults are off too); everything else is listed with why.
 */
import { layerProblem, type SamplerLayer } from '../world/samplers.js';

export type SillyTavernPresetKind = 'text-completion' | 'chat-completion';

/** A field that was not imported, and why. */
export interface UnmappedField {
  field: string;
  why: string;
}

export interface ImportedSamplers {
  kind: SillyTavernPresetKind;
  samplers: SamplerLayer;
  /** Back-end samplers switched off in the preset (`mirostat_mode 0`), so nothing is sent for them. */
  off: string[];
  unmapped: UnmappedField[];
  /** What became of every field of the file: a sampler, off, not imported, or empty (nothing to lose). */
  fields: Record<string, 'sampler' | 'off' | 'unmapped' | 'empty'>;
}

/** A file that is not a sampler preset, or not one this version reads; the message is one sentence. */
export class PresetImportError extends Error {
  override readonly name = 'PresetImportError';
}

type Obj = Record<string, unknown>;

/** Named samplers with an equivalent: SillyTavern's field → skald's. */
const TEXT_NAMED: Record<string, keyof SamplerLayer> = {
  temp: 'temperature',
  top_p: 'top_p',
  top_k: 'top_k',
  min_p: 'min_p',
  rep_pen: 'repetition_penalty',
  presence_pen: 'presence_penalty',
  freq_pen: 'frequency_penalty',
  // The KoboldAI presets' length of a reply.
  genamt: 'max_tokens',
};
const CHAT_NAMED: Record<string, keyof SamplerLayer> = {
  temperature: 'temperature',
  top_p: 'top_p',
  top_k: 'top_k',
  min_p: 'min_p',
  repetition_penalty: 'repetition_penalty',
  presence_penalty: 'presence_penalty',
  frequency_penalty: 'frequency_penalty',
  openai_max_tokens: 'max_tokens',
};

/**
 * Back-end samplers: the field, its value when switched off, and the fields sent with it under
 * the names the back ends read (SillyTavern sends the same ones to llama.cpp and KoboldCpp).
 */
const BACKEND: Array<{ field: string; off: unknown; send: Record<string, string> }> = [
  { field: 'typical_p', off: 1, send: { typical_p: 'typical_p' } },
  { field: 'tfs', off: 1, send: { tfs: 'tfs' } },
  { field: 'top_a', off: 0, send: { top_a: 'top_a' } },
  { field: 'rep_pen_range', off: 0, send: { rep_pen_range: 'repeat_last_n' } },
  { field: 'rep_pen_slope', off: 1, send: { rep_pen_slope: 'rep_pen_slope' } },
  { field: 'rep_pen_decay', off: 0, send: { rep_pen_decay: 'repetition_decay' } },
  { field: 'mirostat_mode', off: 0, send: { mirostat_mode: 'mirostat', mirostat_tau: 'mirostat_tau', mirostat_eta: 'mirostat_eta' } },
  {
    field: 'dry_multiplier',
    off: 0,
    send: {
      dry_multiplier: 'dry_multiplier',
      dry_base: 'dry_base',
      dry_allowed_length: 'dry_allowed_length',
      dry_penalty_last_n: 'dry_penalty_last_n',
      dry_sequence_breakers: 'dry_sequence_breakers',
    },
  },
  { field: 'xtc_probability', off: 0, send: { xtc_probability: 'xtc_probability', xtc_threshold: 'xtc_threshold' } },
  { field: 'smoothing_factor', off: 0, send: { smoothing_factor: 'smoothing_factor', smoothing_curve: 'smoothing_curve' } },
  { field: 'nsigma', off: 0, send: { nsigma: 'top_n_sigma' } },
  { field: 'epsilon_cutoff', off: 0, send: { epsilon_cutoff: 'epsilon_cutoff' } },
  { field: 'eta_cutoff', off: 0, send: { eta_cutoff: 'eta_cutoff' } },
  { field: 'no_repeat_ngram_size', off: 0, send: { no_repeat_ngram_size: 'no_repeat_ngram_size' } },
  { field: 'encoder_rep_pen', off: 1, send: { encoder_rep_pen: 'encoder_repetition_penalty' } },
  { field: 'penalty_alpha', off: 0, send: { penalty_alpha: 'penalty_alpha' } },
  { field: 'skew', off: 0, send: { skew: 'skew' } },
  { field: 'min_length', off: 0, send: { min_length: 'min_tokens' } },
  { field: 'guidance_scale', off: 1, send: { guidance_scale: 'guidance_scale', negative_prompt: 'negative_prompt' } },
  { field: 'grammar_string', off: '', send: { grammar_string: 'grammar' } },
];

/** Why the rest is left out, by field (exact names first, then patterns). */
const WHY: Array<[RegExp, string]> = [
  [/^(temperature_last|sampler_priority|samplers|sampler_order)$/, "sampler order: skald leaves the back end's own"],
  [
    /^(do_sample|early_stopping|num_beams|length_penalty)$/,
    'beam search and sampling switches of text-generation-webui: skald always samples',
  ],
  [
    /^(add_bos_token|ban_eos_token|ignore_eos_token|skip_special_tokens|spaces_between_special_tokens|speculative_ngram)(_aphrodite)?$/,
    "tokenizer and end-of-text switches: left at the back end's default",
  ],
  [/^(banned_tokens|logit_bias|use_default_badwordsids)$/, "token bans and biases need the model's own tokenizer"],
  [/^json_schema$/, 'structured output: skald asks for JSON only where it needs it'],
  [/^(dynatemp|min_temp|max_temp|dynatemp_exponent)$/, 'dynamic temperature is off in this preset'],
  [/^(n|seed)$/, ''],
  [
    /^(openai_max_context|max_length|truncation_length)$/,
    "the context size is skald's contextBudget setting (`--budget`, `skald config set contextBudget`)",
  ],
  [
    /(_model|_source)$|^(custom_url|custom_include_body|custom_exclude_body|custom_include_headers|reverse_proxy|proxy_password|api_url_scale|show_external_models|bypass_status_check|openrouter_.*|use_alt_scale|claude_use_sysprompt|image_inlining|stream_openai|max_context_unlocked)$/,
    "which service and model: that is the profile's (`skald profiles add`)",
  ],
  [
    /^(prompts|prompt_order)$/,
    "the preset's prompts: `skald profiles set NAME system-prompt-file` with this file makes those above the chat history a profile's system prompt",
  ],
  [
    /^(wi_format|scenario_format|personality_format|names_behavior)$/,
    "a prompt format: used when this file is a profile's system-prompt-file (`skald profiles set NAME system-prompt-file`)",
  ],
  [
    /^extensions$/,
    "the preset's extensions: its regex scripts run when a chat-completion preset is a profile's system-prompt-file (`skald profiles set NAME system-prompt-file`)",
  ],
  [
    /prompt|_format$|^(wrap_in_quotes|names_behavior|send_if_empty|jailbreak_system|bias_preset_selected|assistant_prefill|assistant_impersonation|squash_system_messages|continue_prefill|continue_postfix)$/,
    'prompt settings: skald builds its own prompt from the world',
  ],
];

function why(field: string, value: unknown): string {
  if (field === 'seed')
    return typeof value === 'number' && value < 0
      ? 'seed -1 means a random seed each time, which is what skald does without one'
      : 'not a whole number from 0';
  if (field === 'n') return 'skald asks for its own candidates (`--candidates`, `skald config set candidates`)';
  for (const [pattern, reason] of WHY) if (pattern.test(field) && reason) return reason;
  return 'no equivalent in skald';
}

/** What kind of SillyTavern file this is; the instruct, context and system prompt files are refused by name. */
function kindOf(data: Obj): SillyTavernPresetKind {
  if ('input_sequence' in data || 'output_sequence' in data)
    throw new PresetImportError(
      'this is a SillyTavern instruct template, not a sampler preset; it shapes the prompt of a text-completion back end, which `skald presets import` does not read.',
    );
  if (typeof data.instruct === 'object' && data.instruct !== null && ('context' in data || 'sysprompt' in data))
    throw new PresetImportError(
      'this is a SillyTavern master export (instruct and context templates, system prompt), not a sampler preset; `skald templates import` reads it.',
    );
  if ('story_string' in data)
    throw new PresetImportError(
      'this is a SillyTavern context template, not a sampler preset; `skald presets import` reads text-completion and chat-completion sampler presets.',
    );
  if ('chat_completion_source' in data || 'openai_max_tokens' in data || 'prompt_order' in data) return 'chat-completion';
  if ('temp' in data || 'rep_pen' in data) return 'text-completion';
  if (typeof data.prefix === 'string' && typeof data.suffix === 'string' && typeof data.separator === 'string')
    throw new PresetImportError(
      'this is a SillyTavern reasoning template (prefix, suffix, separator), not a sampler preset; `skald templates import` reads it.',
    );
  if (typeof data.content === 'string' && typeof data.name === 'string')
    throw new PresetImportError(
      'this is a SillyTavern system prompt, not a sampler preset; `skald presets import` reads text-completion and chat-completion sampler presets.',
    );
  throw new PresetImportError(
    'this is not a SillyTavern sampler preset: it has neither `temp` (a text-completion preset) nor `temperature` with `openai_max_tokens` (the chat-completion preset).',
  );
}

/** DRY's sequence breakers: SillyTavern keeps them as JSON text, the back ends take a list. */
function breakers(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    const list = JSON.parse(value) as unknown;
    return Array.isArray(list) ? list : value;
  } catch {
    return value.split(',');
  }
}

/**
 * SillyTavern's KoboldAI presets (`presets/kobold/`) name three back-end samplers as KoboldAI does;
 * read under the text-completion names, reported under their own.
 */
const KOBOLD_NAMES: Record<string, string> = { typical: 'typical_p', mirostat: 'mirostat_mode', grammar: 'grammar_string' };

/** The preset with KoboldAI's names read as the text-completion ones, and the way back to the file's names. */
function withTextNames(data: Obj): { obj: Obj; own: (field: string) => string } {
  const back = new Map<string, string>();
  const obj: Obj = {};
  for (const [field, value] of Object.entries(data)) {
    const as = KOBOLD_NAMES[field];
    if (as && !(as in data)) {
      obj[as] = value;
      back.set(as, field);
    } else obj[field] = value;
  }
  return { obj, own: (field) => back.get(field) ?? field };
}

/** Maps a parsed SillyTavern preset to samplers; throws PresetImportError for what is not one. */
export function importSillyTavernPreset(data: unknown): ImportedSamplers {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new PresetImportError('a SillyTavern preset is a JSON object; this file holds something else.');
  const { obj, own } = withTextNames(data as Obj);
  const result = importPreset(obj);
  const fields: ImportedSamplers['fields'] = {};
  for (const [field, as] of Object.entries(result.fields)) fields[own(field)] = as;
  return {
    ...result,
    off: result.off.map((o) => o.replace(/^\S+/, own)),
    unmapped: result.unmapped.map((u) => ({ ...u, field: own(u.field) })),
    fields,
  };
}

function importPreset(obj: Obj): ImportedSamplers {
  const kind = kindOf(obj);
  const samplers: SamplerLayer = {};
  const extra: Record<string, unknown> = {};
  const off: string[] = [];
  const unmapped: UnmappedField[] = [];
  const fields: ImportedSamplers['fields'] = {};
  const used = {
    add: (field: string, as: 'sampler' | 'off' = 'sampler') => void (fields[field] = as),
    has: (field: string) => field in fields,
  };
  const named = kind === 'text-completion' ? TEXT_NAMED : CHAT_NAMED;

  for (const [field, key] of Object.entries(named)) {
    if (!(field in obj)) continue;
    used.add(field);
    const candidate = { [key]: obj[field] };
    const problem = layerProblem(candidate);
    if (problem) {
      fields[field] = 'unmapped';
      unmapped.push({ field, why: `out of range for skald (${problem.replace(/\.$/, '')})` });
    } else Object.assign(samplers, candidate);
  }
  if (typeof obj.seed === 'number' && Number.isSafeInteger(obj.seed) && obj.seed >= 0) {
    samplers.seed = obj.seed;
    used.add('seed');
  }
  if (kind === 'chat-completion') {
    // The chat-completion preset's one back-end sampler (OpenRouter and Claude read top_a).
    if (obj.top_a === 0) off.push('top_a 0');
    else if (typeof obj.top_a === 'number') extra.top_a = obj.top_a;
    if ('top_a' in obj) used.add('top_a', obj.top_a === 0 ? 'off' : 'sampler');
  }
  if (kind === 'text-completion') {
    if (obj.dynatemp === true && typeof obj.min_temp === 'number' && typeof obj.max_temp === 'number') {
      // As SillyTavern sends it to llama.cpp and KoboldCpp: the middle, plus or minus the range.
      samplers.temperature = (obj.min_temp + obj.max_temp) / 2;
      extra.dynatemp_range = (obj.max_temp - obj.min_temp) / 2;
      if (typeof obj.dynatemp_exponent === 'number') extra.dynatemp_exponent = obj.dynatemp_exponent;
      for (const f of ['dynatemp', 'min_temp', 'max_temp', 'dynatemp_exponent']) used.add(f);
    }
    for (const entry of BACKEND) {
      if (!(entry.field in obj)) continue;
      const value = obj[entry.field];
      if (value === entry.off || (entry.field === 'grammar_string' && !value)) {
        off.push(`${entry.field} ${JSON.stringify(value)}`);
        for (const f of Object.keys(entry.send)) if (f in obj) used.add(f, 'off');
        continue;
      }
      for (const [field, wire] of Object.entries(entry.send)) {
        if (!(field in obj)) continue;
        used.add(field);
        extra[wire] = field === 'dry_sequence_breakers' ? breakers(obj[field]) : obj[field];
      }
    }
  }
  if (Object.keys(extra).length > 0) samplers.extra = extra;

  for (const [field, value] of Object.entries(obj)) {
    if (used.has(field)) continue;
    // An empty text or list is nothing to lose.
    if (
      value === '' ||
      value === null ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0)
    ) {
      fields[field] = 'empty';
      continue;
    }
    fields[field] = 'unmapped';
    unmapped.push({ field, why: why(field, value) });
  }
  const problem = layerProblem(samplers);
  if (problem) throw new PresetImportError(`the preset's samplers cannot be used: ${problem}`);
  return { kind, samplers, off, unmapped, fields };
}
