/**
 * Player settings: a handful of typed keys in config.json, validated on the way in so that a typo
 * is an error with a suggestion rather than a setting nothing reads.
 */
import { InputError, UsageError } from '../errors.js';
import { DEFAULTS, openConfig } from './store.js';
import { suggest as closest } from '../text/suggest.js';

export interface Settings extends KeyedSettings {
  /**
   * The global regex scripts as config.json stores them (`personas import settings.json` writes them), read with the
   * settings so a start reads the file once; parsed only when there are some (src/config/regex-scripts.ts).
   */
  regexScripts?: readonly unknown[];
}

/** The settings `skald config` lists, gets and sets. */
interface KeyedSettings {
  /** Candidates generated per turn. */
  candidates: number;
  /** Prompt token budget. */
  contextBudget: number;
  /** Profile used when no flag names one; `offline` for the offline narrator. */
  activeProfile: string | undefined;
  /** Show the debug pane at start. */
  debugPane: boolean;
  /** Profile of the optional LLM judge. */
  judgeProfile: string | undefined;
}

export type SettingKey = keyof KeyedSettings;

interface KeySpec {
  type: 'integer' | 'boolean' | 'name';
  min?: number;
  max?: number;
  help: string;
}

const SPECS: Record<SettingKey, KeySpec> = {
  candidates: { type: 'integer', min: 1, max: 8, help: 'candidates per turn (1-8)' },
  contextBudget: { type: 'integer', min: 1024, max: 1_000_000, help: 'prompt budget in tokens' },
  activeProfile: { type: 'name', help: 'profile used by default (`offline` for the offline narrator)' },
  debugPane: { type: 'boolean', help: 'open the debug pane at start' },
  judgeProfile: { type: 'name', help: 'profile of the optional LLM judge' },
};

export const SETTING_KEYS = Object.keys(SPECS) as SettingKey[];

/** Checks a key name, or says which keys exist (exit 2: the command line was wrong). */
export function checkKey(key: string): SettingKey {
  if ((SETTING_KEYS as string[]).includes(key)) return key as SettingKey;
  const guess = closest(key, SETTING_KEYS);
  throw new UsageError(`Unknown setting "${key}"${guess ? `; did you mean "${guess}"?` : '.'} Settings: ${SETTING_KEYS.join(', ')}.`);
}

/** Parses a value typed on the command line for `key`, or says what the key takes (exit 1). */
export function parseValue(key: SettingKey, raw: string): KeyedSettings[SettingKey] {
  const spec = SPECS[key];
  const value = raw.trim();
  if (spec.type === 'integer') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < (spec.min ?? -Infinity) || n > (spec.max ?? Infinity)) {
      throw new InputError(`The setting ${key} takes a whole number from ${spec.min} to ${spec.max}, not "${raw}".`);
    }
    return n;
  }
  if (spec.type === 'boolean') {
    if (/^(true|on|yes|1)$/i.test(value)) return true;
    if (/^(false|off|no|0)$/i.test(value)) return false;
    throw new InputError(`The setting ${key} takes true or false, not "${raw}".`);
  }
  if (value === '' || /^(none|unset)$/i.test(value)) return undefined;
  if (!/^[A-Za-z0-9._-]+$/.test(value))
    throw new InputError(`The setting ${key} takes a profile name (letters, digits, . _ -), not "${raw}".`);
  return value;
}

/** Every setting with defaults filled in. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const store = openConfig(env);
  // Not among config.json's declared keys: the scripts are SillyTavern's, kept beside the settings.
  const scripts: unknown = (store as unknown as { get(key: string): unknown }).get('regexScripts');
  return {
    ...(Array.isArray(scripts) && scripts.length > 0 ? { regexScripts: scripts as unknown[] } : {}),
    candidates: numberOr(store.get('candidates'), DEFAULTS.candidates),
    contextBudget: numberOr(store.get('contextBudget'), DEFAULTS.contextBudget),
    activeProfile: stringOr(store.get('activeProfile')),
    debugPane: booleanOr(store.get('debugPane'), DEFAULTS.debugPane),
    judgeProfile: stringOr(store.get('judgeProfile')),
  };
}

/** One setting. */
export function getSetting<K extends SettingKey>(key: K, env: NodeJS.ProcessEnv = process.env): KeyedSettings[K] {
  return readSettings(env)[key];
}

/** Stores one setting; `undefined` removes it (back to the default). */
export function setSetting<K extends SettingKey>(key: K, value: KeyedSettings[K], env: NodeJS.ProcessEnv = process.env): void {
  const store = openConfig(env);
  if (value === undefined) store.delete(key);
  else store.set(key, value as never);
}

/** Help text for a key, for `config list`. */
export function settingHelp(key: SettingKey): string {
  return SPECS[key].help;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
