import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { dataPaths } from '../paths.js';
import type { SamplerLayer } from '../world/samplers.js';

/** How prompts are sent: chat messages, or one text prompt rendered through an instruct template. */
export type ApiMode = 'chat' | 'completions';
export const API_MODES: readonly ApiMode[] = ['chat', 'completions'];

/** A profile as stored in config.json. */
export interface StoredProfile {
  baseURL: string;
  model?: string;
  preset?: string;
  apiKeyEnv?: string;
  headers?: Record<string, string>;
  supportsN?: boolean;
  /** `completions`: text completion through an instruct template; chat completions when absent. */
  api?: ApiMode;
  /** The instruct template of text completion (`skald templates list`). */
  template?: string;
  /** The reasoning template whose tags mark the model's reasoning (`<think>` when absent). */
  reasoning?: string;
  /** The profile's own system prompt over skald's rules (profile-prompt.ts), or the file it is read from. */
  systemPrompt?: string;
  systemPromptFile?: string;
  /** Sampler values of this profile (`skald profiles set NAME temperature 0.8`). */
  samplers?: SamplerLayer;
  /** A sampler preset under the profile's own values (`skald profiles set NAME preset "Big O"`). */
  samplerPreset?: string;
}

/** Everything in config.json: the settings at top level, endpoint profiles under `profiles`. */
export interface StoredConfig {
  candidates: number;
  contextBudget: number;
  activeProfile?: string;
  debugPane: boolean;
  judgeProfile?: string;
  profiles: Record<string, StoredProfile>;
}

export const DEFAULTS: Omit<StoredConfig, 'profiles'> = {
  candidates: 3,
  contextBudget: 8192,
  activeProfile: undefined,
  debugPane: false,
  judgeProfile: undefined,
};

/** fs codes that mean the data folder itself is unusable, not that config.json is wrong. */
const UNUSABLE_HOME = new Set(['ENOTDIR', 'EEXIST', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC']);

/** The keys of config.json, read from the file and written back whole. */
export interface ConfigStore<T> {
  get<K extends keyof T>(key: K): T[K];
  set<K extends keyof T>(key: K, value: T[K]): void;
  delete(key: keyof T): void;
}

/**
 * Opens config.json under the data directory: a fresh read each time, because SKALD_HOME may change
 * between calls (tests) and another process may have written it. Plain JSON, in the layout `conf`
 * wrote before (tab-indented, defaults filled in, owner-only), so that reading settings on start
 * loads no schema validator: `conf` with its ajv was ~0.4 MB of code on the TUI's first frame.
 */
export function openConfig(env: NodeJS.ProcessEnv = process.env): ConfigStore<StoredConfig> {
  const file = join(dataPaths(env).config, 'config.json');
  const store = guard(env, file, () => readStore(file));
  const write = () => guard(env, file, () => writeStore(file, store));
  return {
    get: (key) => store[key],
    set: (key, value) => {
      store[key] = value;
      write();
    },
    delete: (key) => {
      delete store[key];
      write();
    },
  };
}

/**
 * How config.json is read: every read of it goes through here, so a test can count them (a run
 * reads its settings once and hands them down; src/cli/play-run.ts).
 */
export const configFiles = {
  read: (file: string): string => readFileSync(file, 'utf8'),
};

/** The stored keys over the defaults; a missing file is the defaults alone. */
function readStore(file: string): StoredConfig {
  // No prototype: a "__proto__" key in a hand-edited file stays a key.
  const store = Object.assign(Object.create(null) as StoredConfig, STORED_DEFAULTS, { profiles: {} });
  let text: string;
  try {
    text = configFiles.read(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return store;
    throw error;
  }
  return Object.assign(store, JSON.parse(text) as unknown);
}

/** Writes the whole file beside itself and renames it over the old one, so a crash leaves one or the other. */
function writeStore(file: string, store: StoredConfig): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${++writes}.tmp`;
  try {
    // Owner only: the file names endpoints and profiles (never keys, but it is nobody else's).
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeFileSync(fd, JSON.stringify(store, undefined, '\t'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Runs a read or a write of config.json, turning what the player can fix into a one-line error. */
function guard<T>(env: NodeJS.ProcessEnv, file: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    // A hand-edit gone wrong must not read as a crash, and the file is never cleared (it holds the
    // player's profiles).
    if (error instanceof SyntaxError) {
      throw new InputError(`${file} is not valid JSON (${error.message}); fix it, or move it away to start again from the defaults.`);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code && UNUSABLE_HOME.has(code)) {
      const home = dataPaths(env).root;
      throw new InputError(
        `Cannot use the data folder ${home} (${code === 'ENOTDIR' || code === 'EEXIST' ? 'it, or a part of its path, is a file' : code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'the file system is read-only' : 'permission denied'}); set SKALD_HOME to a folder you can write.`,
      );
    }
    throw error;
  }
}

let writes = 0;
const STORED_DEFAULTS = { candidates: DEFAULTS.candidates, contextBudget: DEFAULTS.contextBudget, debugPane: DEFAULTS.debugPane };
