import Conf from 'conf';
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

/**
 * Opens config.json under the data directory. A fresh instance each time, because SKALD_HOME may
 * change between calls (tests) and conf reads the file on every access anyway.
 */
export function openConfig(env: NodeJS.ProcessEnv = process.env): Conf<StoredConfig> {
  return new Conf<StoredConfig>({
    cwd: dataPaths(env).config,
    configName: 'config',
    projectName: 'skald',
    // Profile names may contain dots; keys are never paths.
    accessPropertiesByDotNotation: false,
    defaults: { candidates: DEFAULTS.candidates, contextBudget: DEFAULTS.contextBudget, debugPane: DEFAULTS.debugPane, profiles: {} },
  });
}
