import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * SillyTavern's own preset files, in the workspace's shared folder: beside the checkout
 * (`../shared`), or one level further up for a git worktree (`../../shared`). Absent in a fresh
 * clone, where the tests that need them skip and say why.
 */
export const ST_PRESETS = ['../../../../shared/fixtures/sillytavern/presets/', '../../../../../shared/fixtures/sillytavern/presets/']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(dir));

if (!ST_PRESETS)
  console.warn('skipped: the SillyTavern preset fixtures are not in ../shared/fixtures/sillytavern/presets (a fresh clone has none)');
