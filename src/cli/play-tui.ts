/**
 * The interactive TUI's entry. A stub until the TUI lands: the TUI replaces this file.
 */
import { SkaldError } from './errors.js';
import type { PlayOptions } from './play.js';
import type { SessionSetup } from './session-setup.js';

/**
 * Runs the TUI. `setup` is the started (or resumed) session, or undefined when no world was named
 * (then the TUI offers the world picker and builds one with `setupSession`).
 */
export async function runTui(_setup: SessionSetup | undefined, _options: PlayOptions & { world?: string }): Promise<void> {
  throw new SkaldError('The interactive TUI is not built yet; use `skald play <world> --headless` for now.');
}
