/**
 * `skald play`: headless (JSON lines on stdin/stdout) or the TUI. Both get their Session from
 * `setupSession`, so they start and resume stories the same way.
 */
import type { PlayOptions } from './options.js';
import { UsageError } from '../errors.js';
import { setupSession } from './session-setup.js';

export async function runPlay(world: string | undefined, options: PlayOptions): Promise<void> {
  if (options.headless) {
    if (!world && !options.resume)
      throw new UsageError('Headless play needs a world (or --resume <id|last>), e.g. `skald play glass-orchard --headless`.');
    const setup = await setupSession(world, options);
    const { runHeadless } = await import('./play-headless.js');
    await runHeadless(setup);
    return;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError(
      'skald play needs a terminal for its TUI; add --headless to play from a script (player lines on stdin, JSON lines out).',
    );
  }
  // React reads NODE_ENV when it is first loaded: unset, it runs its development build, which
  // costs about a quarter more CPU per streamed token (see BENCHMARKS.md). The bundle fixes it at
  // build time (scripts/build.mjs); this covers runs from source. Through a local so that the
  // build's `define` does not meet an assignment to a constant.
  const env = process.env;
  env.NODE_ENV ??= 'production';
  const setup = world || options.resume ? await setupSession(world, options) : undefined;
  await (await import('./play-tui.js')).runTui(setup, { ...options, ...(world ? { world } : {}) });
}
