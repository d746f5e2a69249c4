/**
 * Sampler layers, lowest first (a profile's preset, the profile, the world, the story, the run's
 * preset, the run's flags), merged into the settings a request is sent with; each value remembers
 * the layer it came from, for `/set`'s listing.
 */
import {
  extraKeyProblem,
  extraProblem,
  parseExtraText,
  parseSamplerText,
  rangeText,
  samplerKey,
  SAMPLER_KEYS,
  unknownSampler,
  type SamplerKey,
  type SamplerLayer,
  type SamplerSettings,
} from '../../world/samplers.js';

/** A layer with the name `/set` shows for it: `profile local`, `world glass-orchard`, `story` ... */
export interface NamedLayer {
  source: string;
  layer: SamplerLayer;
}

export interface EffectiveSamplers {
  settings: SamplerSettings;
  /** Where each value comes from: `temperature` → `story`, `extra.dry_multiplier` → `preset Big O`. */
  sources: Record<string, string>;
}

/** One change to a layer: `value` undefined removes the key (back to the layers below), null masks it. */
export interface SamplerEdit {
  /** A named sampler, `extra` (the whole object) or `extra.NAME`. */
  key: string;
  value?: unknown;
}

/** Merges layers, later ones winning key by key (inside `extra` too); `null` removes what is below. */
export function mergeLayers(layers: readonly NamedLayer[]): EffectiveSamplers {
  const values = new Map<string, { value: unknown; source: string }>();
  for (const { source, layer } of layers) {
    for (const key of SAMPLER_KEYS) {
      if (!(key in layer) || layer[key] === undefined) continue;
      if (layer[key] === null) values.delete(key);
      else values.set(key, { value: layer[key], source });
    }
    for (const [name, value] of Object.entries(layer.extra ?? {})) {
      if (value === undefined) continue;
      if (value === null) values.delete(`extra.${name}`);
      else values.set(`extra.${name}`, { value, source });
    }
  }
  const settings: SamplerSettings = {};
  const sources: Record<string, string> = {};
  for (const key of SAMPLER_KEYS) {
    const entry = values.get(key);
    if (!entry) continue;
    (settings as Record<string, unknown>)[key] = entry.value;
    sources[key] = entry.source;
  }
  for (const [key, entry] of values) {
    if (!key.startsWith('extra.')) continue;
    (settings.extra ??= {})[key.slice(6)] = entry.value;
    sources[key] = entry.source;
  }
  return { settings, sources };
}

/**
 * Reads `KEY VALUE` as typed after `/set` or `profiles set NAME`: `default` clears the key in this
 * layer, `none` stops it being sent at all. Throws an Error with one sentence (`samplerSentence`).
 */
export function parseEdit(name: string, text: string): SamplerEdit {
  try {
    return readEdit(name, text);
  } catch (error) {
    throw new Error(samplerSentence(error instanceof Error ? error.message : String(error)));
  }
}

function readEdit(name: string, text: string): SamplerEdit {
  const raw = text.trim();
  const clear = /^(default|unset)$/i.test(raw);
  const none = /^none$/i.test(raw);
  const dotted = /^extra\.(.*)$/i.exec(name);
  const key = /^extra$/i.test(name) || dotted ? undefined : samplerKey(name);
  // An unknown name first: a value for it would not help.
  if (!key && !dotted && !/^extra$/i.test(name)) throw new Error(unknownSampler(name));
  if (!raw) {
    const expected = key && key !== 'stop' ? ` (${rangeText(key)})` : key === 'stop' ? ' (a JSON list of strings, or one string)' : '';
    const example = key === 'stop' ? '"###"' : dotted || key ? '0.8' : '{"dry_multiplier": 0.8}';
    throw new Error(
      `Give ${name} a value${expected}: \`${name} ${example}\`, \`${name} default\` (back to the layers below) or \`${name} none\` (not sent).`,
    );
  }
  if (/^extra$/i.test(name)) {
    if (clear) return { key: 'extra' };
    const value = parseExtraText(raw);
    const problem = extraProblem(value);
    if (problem) throw new Error(problem);
    return { key: 'extra', value };
  }
  if (dotted) {
    const problem = extraKeyProblem(dotted[1]);
    if (problem) throw new Error(problem);
    const key = `extra.${dotted[1]}`;
    if (clear) return { key };
    if (none) return { key, value: null };
    const value = parseExtraText(raw);
    const whole = extraProblem({ [dotted[1]]: value });
    if (whole) throw new Error(whole);
    return { key, value };
  }
  if (!key) throw new Error(unknownSampler(name));
  if (clear) return { key };
  if (none) return { key, value: null };
  return { key, value: parseSamplerText(key, raw) };
}

/**
 * A sampler problem as a sentence of its own (`/set`, `profiles set`): the checks in
 * world/samplers.ts word their problems to follow a file's or a field's name (`samplers:
 * temperature takes ...`), so a bare one starts in lowercase, often with the sampler's name.
 */
export function samplerSentence(problem: string): string {
  const first = /^[a-z][\w.]*/.exec(problem)?.[0];
  if (first === undefined) return problem;
  // A sampler's name keeps its spelling (`top_p`, not `Top_p`): named as such, or quoted.
  if (samplerKey(first) === first) {
    const rest = problem.slice(first.length);
    return rest.startsWith(' takes ') ? `The sampler ${problem}` : `"${first}"${rest}`;
  }
  return `${problem[0].toUpperCase()}${problem.slice(1)}`;
}

/** A layer with one edit applied (a new object; the input is left as it was). */
export function applyEdit(layer: SamplerLayer, edit: SamplerEdit): SamplerLayer {
  const next: SamplerLayer = { ...layer, ...(layer.extra ? { extra: { ...layer.extra } } : {}) };
  if (edit.key === 'extra') {
    if (edit.value === undefined) delete next.extra;
    else next.extra = { ...(edit.value as Record<string, unknown>) };
    return next;
  }
  if (edit.key.startsWith('extra.')) {
    const name = edit.key.slice(6);
    const extra = { ...next.extra };
    if (edit.value === undefined) delete extra[name];
    else extra[name] = edit.value;
    if (Object.keys(extra).length > 0) next.extra = extra;
    else delete next.extra;
    return next;
  }
  const key = edit.key as SamplerKey;
  if (edit.value === undefined) delete next[key];
  else (next as Record<string, unknown>)[key] = edit.value;
  return next;
}

/** Whether a layer sets nothing. */
export function isEmptyLayer(layer: SamplerLayer | undefined): boolean {
  return !layer || Object.values(layer).every((v) => v === undefined);
}

/** A value as `/set` and the debug pane show it: numbers as they are, strings and lists as JSON. */
export function showValue(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
