import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Every piece of skald's state lives under one data directory, so that `SKALD_HOME` relocates
 * all of it (tests always set it). Default: `$XDG_DATA_HOME/skald`, else `~/.local/share/skald`.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SKALD_HOME) return resolve(env.SKALD_HOME);
  const xdg = env.XDG_DATA_HOME;
  return join(xdg ? resolve(xdg) : join(homedir(), '.local', 'share'), 'skald');
}

export interface DataPaths {
  root: string;
  /** conf's folder: config.json (settings, profiles) */
  config: string;
  /** stored API keys, 0600 */
  secrets: string;
  sessions: string;
  worlds: string;
  /** the player's long-term pacing profile */
  profile: string;
  eval: string;
  /** imported instruct and context templates (text-completion mode) */
  templates: string;
  /** sampler presets (`skald presets`), one JSON file each */
  samplerPresets: string;
}

export function dataPaths(env: NodeJS.ProcessEnv = process.env): DataPaths {
  const root = dataDir(env);
  return {
    root,
    config: root,
    secrets: join(root, 'secrets.json'),
    sessions: join(root, 'sessions'),
    worlds: join(root, 'worlds'),
    profile: join(root, 'pacing-profile.json'),
    eval: join(root, 'eval'),
    templates: join(root, 'templates'),
    samplerPresets: join(root, 'sampler-presets'),
  };
}
