/**
 * Sampler settings: what a request asks of the model beyond its messages (temperature, top_p,
 * min_p, penalties, seed, the token limit, stop strings) and a free `extra` object for back-end
 * specific samplers (DRY, XTC, mirostat, typical_p ...). Checked here, once, for every layer
 * (profile, sampler preset, world, story, run flags), so a bad value gets the same sentence
 * wherever it was typed.
 */

/** The named samplers, in the order listings show them. */
export const SAMPLER_KEYS = [
  'temperature',
  'top_p',
  'top_k',
  'min_p',
  'presence_penalty',
  'frequency_penalty',
  'repetition_penalty',
  'seed',
  'max_tokens',
  'stop',
] as const;

export type SamplerKey = (typeof SAMPLER_KEYS)[number];

/** Effective samplers: every field absent means "the back end's own default". */
export interface SamplerSettings {
  temperature?: number;
  top_p?: number;
  top_k?: number;
  min_p?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  repetition_penalty?: number;
  seed?: number;
  max_tokens?: number;
  stop?: string[];
  /** Merged into the request body as is, under these names (`dry_multiplier`, `mirostat` ...). */
  extra?: Record<string, unknown>;
}

/**
 * One layer's settings. `null` means "not sent", overriding the layers below (`/set top_k none`);
 * a key that is absent leaves the layers below in force.
 */
export type SamplerLayer = { [K in SamplerKey]?: SamplerSettings[K] | null } & { extra?: Record<string, unknown> };

export interface NumberSpec {
  kind: 'number' | 'int';
  min: number;
  max: number;
  /** The minimum itself is refused (a repetition penalty of 0 divides by zero in some back ends). */
  minExclusive?: boolean;
  /** What the value does, for the world pack's JSON Schema. */
  about: string;
}

/** The numeric samplers' ranges (the world pack schema is built from them). */
export const SAMPLER_NUMBERS: Readonly<Record<Exclude<SamplerKey, 'stop'>, Readonly<NumberSpec>>> = {
  temperature: { kind: 'number', min: 0, max: 5, about: 'randomness; 0 is nearly deterministic' },
  top_p: { kind: 'number', min: 0, max: 1, about: 'nucleus sampling: keep the likeliest tokens up to this probability mass' },
  top_k: { kind: 'int', min: 0, max: 100_000, about: 'keep only the K likeliest tokens (0: off)' },
  min_p: { kind: 'number', min: 0, max: 1, about: 'drop tokens less likely than this fraction of the likeliest one' },
  presence_penalty: { kind: 'number', min: -2, max: 2, about: 'penalise tokens that already appeared' },
  frequency_penalty: { kind: 'number', min: -2, max: 2, about: 'penalise tokens by how often they appeared' },
  repetition_penalty: { kind: 'number', min: 0, max: 10, minExclusive: true, about: 'divide the odds of repeated tokens (1: off)' },
  seed: { kind: 'int', min: 0, max: Number.MAX_SAFE_INTEGER, about: 'sampling seed (candidate k gets seed + k)' },
  max_tokens: { kind: 'int', min: 1, max: 1_000_000, about: "reply token limit (replaces the planner's per-beat limit)" },
};

/** Stop strings: a few, short, as every back end takes them. */
export const STOP_LIMITS = { items: 16, chars: 200 } as const;
/** `extra` stays small: it is sent with every request and stored in files. */
export const EXTRA_LIMITS = { keys: 32, bytes: 4096 } as const;

/** Body fields `extra` may not set: skald writes them itself, or a named sampler covers them. */
const RESERVED = new Set([
  'model',
  'messages',
  'prompt',
  'stream',
  'stream_options',
  'n',
  'response_format',
  'tools',
  'tool_choice',
  'functions',
  'function_call',
  'max_completion_tokens',
  ...SAMPLER_KEYS,
]);

const ALIASES: Record<string, SamplerKey> = {
  temp: 'temperature',
  rep_pen: 'repetition_penalty',
  repeat_penalty: 'repetition_penalty',
  presence_pen: 'presence_penalty',
  freq_pen: 'frequency_penalty',
  max_new_tokens: 'max_tokens',
};

/** The canonical key for what a player typed (`top-p`, `Temp`, `rep_pen` ...), or undefined. */
export function samplerKey(name: string): SamplerKey | undefined {
  const key = name.trim().toLowerCase().replace(/-/g, '_');
  if ((SAMPLER_KEYS as readonly string[]).includes(key)) return key as SamplerKey;
  return ALIASES[key];
}

/** The accepted range of a numeric sampler, in words: "from 0 to 5", "a whole number from 1 to 1000000". */
export function rangeText(key: Exclude<SamplerKey, 'stop'>): string {
  const spec = SAMPLER_NUMBERS[key];
  const whole = spec.kind === 'int' ? 'a whole number ' : 'a number ';
  if (spec.minExclusive) return `${whole}greater than ${spec.min} and at most ${spec.max}`;
  return `${whole}from ${spec.min} to ${spec.max}`;
}

/** Undefined when `value` is acceptable for `key`, else one sentence saying what is. */
export function samplerProblem(key: SamplerKey, value: unknown): string | undefined {
  if (key === 'stop') {
    if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) return 'stop takes a list of strings, like ["\\n\\n", "###"].';
    if (value.length > STOP_LIMITS.items) return `stop takes at most ${STOP_LIMITS.items} strings; this has ${value.length}.`;
    if (value.some((s: string) => s.length === 0 || s.length > STOP_LIMITS.chars))
      return `each stop string must be 1 to ${STOP_LIMITS.chars} characters long.`;
    return undefined;
  }
  const spec = SAMPLER_NUMBERS[key];
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (spec.kind === 'number' || Number.isInteger(value)) &&
    (spec.minExclusive ? value > spec.min : value >= spec.min) &&
    value <= spec.max;
  return ok
    ? undefined
    : `${key} takes ${rangeText(key)}${typeof value === 'number' || typeof value === 'string' ? `, not ${JSON.stringify(value)}` : ''}.`;
}

/** Undefined when `name` can be a key of `extra`, else why not. */
export function extraKeyProblem(name: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name))
    return `"${name.slice(0, 40)}" cannot be an extra sampler name: use letters, digits and _ (like dry_multiplier).`;
  if (RESERVED.has(name.toLowerCase())) {
    return samplerKey(name)
      ? `${name} is a named sampler: set it as ${samplerKey(name)}, not under extra.`
      : `extra cannot set ${name}: skald writes it itself.`;
  }
  const alias = samplerKey(name);
  if (alias) return `${name} is ${alias}: set it by that name, not under extra.`;
  return undefined;
}

/** Undefined when `value` is an acceptable `extra` object, else why not. */
export function extraProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'extra takes a JSON object, like {"dry_multiplier": 0.8}.';
  const keys = Object.keys(value);
  if (keys.length > EXTRA_LIMITS.keys) return `extra takes at most ${EXTRA_LIMITS.keys} samplers; this has ${keys.length}.`;
  for (const key of keys) {
    const problem = extraKeyProblem(key);
    if (problem) return problem;
  }
  if (JSON.stringify(value).length > EXTRA_LIMITS.bytes) return `extra is limited to ${EXTRA_LIMITS.bytes} characters of JSON.`;
  return undefined;
}

/**
 * Checks a whole layer (a profile's samplers, a world's suggestion, a stored preset): the first
 * problem as `key: sentence`, or undefined. Unknown keys are problems, so a typo is never kept.
 */
export function layerProblem(layer: unknown): string | undefined {
  if (typeof layer !== 'object' || layer === null || Array.isArray(layer))
    return 'samplers are a mapping of names to values, like {temperature: 0.8}.';
  for (const [name, value] of Object.entries(layer)) {
    if (name === 'extra') {
      const problem = extraProblem(value);
      if (problem) return problem;
      continue;
    }
    const key = samplerKey(name);
    if (!key || key !== name) return key ? `write ${key}, not ${name}.` : unknownSampler(name);
    if (value === null) continue;
    const problem = samplerProblem(key, value);
    if (problem) return problem;
  }
  return undefined;
}

/** The sentence for a name that is no sampler: the named ones, and where back-end specific ones go. */
export function unknownSampler(name: string): string {
  return `there is no sampler "${name.slice(0, 40)}"; the named ones are ${SAMPLER_KEYS.join(', ')}, and back-end specific ones go under extra (extra.${/^[A-Za-z_]\w*$/.test(name) ? name : 'dry_multiplier'}).`;
}

/**
 * Reads a value as typed after `/set KEY` or `profiles set NAME KEY`: a number for the numeric
 * samplers; for stop a JSON list, a JSON string, or the text itself as one string; for extra
 * entries any JSON value, or the text as a string. Throws an Error with the one-line reason.
 */
export function parseSamplerText(key: SamplerKey, text: string): SamplerSettings[SamplerKey] {
  const raw = text.trim();
  if (key === 'stop') {
    let value: unknown = raw;
    if (raw.startsWith('[') || raw.startsWith('"')) {
      try {
        value = JSON.parse(raw);
      } catch {
        throw new Error('stop takes a JSON list like ["\\n\\n", "###"], or one string.');
      }
    }
    const list = typeof value === 'string' ? [value] : value;
    const problem = samplerProblem('stop', list);
    if (problem) throw new Error(problem);
    return list as string[];
  }
  // Decimal only: `Number()` would also take 0x10, 1e2 and '' (as 0).
  const value = /^-?(\d+(\.\d+)?|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
  const problem = samplerProblem(key, value);
  if (problem) throw new Error(Number.isNaN(value) ? `${key} takes ${rangeText(key)}, not "${raw.slice(0, 40)}".` : problem);
  return value;
}

/** An `extra` entry's value as typed: JSON when it parses (0.8, true, ["\n"]), else the text. */
export function parseExtraText(text: string): unknown {
  const raw = text.trim();
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
