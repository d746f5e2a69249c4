import Conf from 'conf';
import { join } from 'node:path';
import { InputError } from '../cli/errors.js';
import { dataPaths } from './paths.js';
import type { StoredProfile } from './profiles.js';

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

/**
 * Opens config.json under the data directory. A fresh instance each time, because SKALD_HOME may
 * change between calls (tests) and conf reads the file on every access anyway.
 */
export function openConfig(env: NodeJS.ProcessEnv = process.env): Conf<StoredConfig> {
  try {
    return newConf(env);
  } catch (error) {
    // conf reads the file in its constructor; a hand-edit gone wrong must not read as a crash,
    // and the file is never cleared (it holds the player's profiles).
    if (error instanceof SyntaxError) {
      const file = join(dataPaths(env).config, 'config.json');
      throw new InputError(`${file} is not valid JSON (${error.message}); fix it, or move it away to start again from the defaults.`);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code && UNUSABLE_HOME.has(code)) {
      const home = dataPaths(env).root;
      throw new InputError(`cannot use the data folder ${home} (${code === 'ENOTDIR' || code === 'EEXIST' ? 'it, or a part of its path, is a file' : code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'the file system is read-only' : 'permission denied'}); set SKALD_HOME to a folder you can write.`);
    }
    throw error;
  }
}

function newConf(env: NodeJS.ProcessEnv): Conf<StoredConfig> {
  return new Conf<StoredConfig>({
    cwd: dataPaths(env).config,
    configName: 'config',
    projectName: 'skald',
    // Profile names may contain dots; keys are never paths.
    accessPropertiesByDotNotation: false,
    // Owner only: the file names endpoints and profiles (never keys, but it is nobody else's).
    configFileMode: 0o600,
    defaults: { candidates: DEFAULTS.candidates, contextBudget: DEFAULTS.contextBudget, debugPane: DEFAULTS.debugPane, profiles: {} },
  });
}
