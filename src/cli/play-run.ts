/**
 * `skald play`: headless (JSON lines on stdin/stdout) or the TUI. Both get their Session from
 * `setupSession`, so they start and resume stories the same way.
 */
import type { PlayOptions } from './options.js';
import { UsageError } from '../errors.js';
import { setupSession, type PreviewSetup, type SessionSetup } from './session-setup.js';
import { readSettings, type Settings } from '../config/settings.js';
import type { ProgressiveResume } from './play-tui.js';
import { fillsHistory, historyWidth, type WrappedTurns } from '../ui/text/history-window.js';
import type { Line } from '../ui/text/wrap.js';
import { nameColors } from '../ui/text/colors.js';
import { holdEarlyKeys, type EarlyKeys } from './early-keys.js';
import { takeLaunchKeys } from './launch-keys.js';

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
      'The play command needs a terminal for its TUI; add --headless to play from a script (player lines on stdin, JSON lines out).',
    );
  }
  // React reads NODE_ENV when it is first loaded: unset, it runs its development build, which
  // costs about a quarter more CPU per streamed token (see BENCHMARKS.md). The bundle fixes it at
  // build time (scripts/build.mjs); this covers runs from source. Through a local so that the
  // build's `define` does not meet an assignment to a constant.
  const env = process.env;
  env.NODE_ENV ??= 'production';
  const tuiOptions = { ...options, ...(world ? { world } : {}) };
  // Keys are read raw and held for the TUI from the launcher on (or from here, run from source), so a
  // line typed during a long start is sent by its Enter and nothing typed is echoed.
  const early = takeLaunchKeys() ?? holdEarlyKeys(process.stdin, process.stdout);
  try {
    // Read once: whether the debug pane opens decides how a resume starts, and the session and the TUI get the same.
    await startTui(world, options, tuiOptions, early, readSettings());
  } finally {
    // The TUI took them over, or never came up (an error): the terminal goes back to its cooked mode.
    early?.release();
  }
}

async function startTui(
  world: string | undefined,
  options: PlayOptions,
  tuiOptions: PlayOptions & { world?: string },
  early: EarlyKeys | undefined,
  settings: Settings,
): Promise<void> {
  if (options.resume && !options.copy && !options.debug && !settings.debugPane) {
    const started = await progressiveResume(world, options, settings);
    if ('whole' in started) return (await import('./play-tui.js')).runTui(undefined, tuiOptions, started, early, settings);
    return (await import('./play-tui.js')).runTui(started, tuiOptions, undefined, early, settings);
  }
  const setup = world || options.resume ? await setupSession(world, options, undefined, undefined, settings) : undefined;
  await (await import('./play-tui.js')).runTui(setup, tuiOptions, undefined, early, settings);
}

/**
 * A TUI resume: the story's end on screen first (a session restored from the log's tail), the whole
 * log read after that frame. Resolves with the preview and the whole session's promise, or with
 * the whole session when the tail reader was not sure of the log (then nothing was shown early).
 * Without the debug pane: its first frame shows the latest turn's diagnostics, which the tail lacks.
 */
async function progressiveResume(
  world: string | undefined,
  options: PlayOptions,
  settings: Settings,
): Promise<SessionSetup | ProgressiveResume> {
  let shown!: (preview: PreviewSetup) => void;
  const previewed = new Promise<PreviewSetup>((resolve) => (shown = resolve));
  let drawn!: () => void;
  const frame = new Promise<void>((resolve) => (drawn = resolve));
  // As PlayScreen lays it out.
  const width = historyWidth(process.stdout.columns || 80);
  // What the tail check wraps, the first frame's history prints (each turn wrapped once).
  let wrapped: WrappedTurns | undefined;
  const whole = setupSession(
    world,
    options,
    undefined,
    {
      enough: (pack, playerName) => {
        const names = nameColors(pack);
        const lines = new Map<string, Line[]>();
        wrapped = { playerName, names, width, lines };
        return fillsHistory(playerName, names, width, lines);
      },
      show: (preview) => {
        shown(preview);
        return frame;
      },
    },
    settings,
  );
  const first = await Promise.race([previewed, whole]);
  if ('store' in first) return first;
  return { preview: first, whole, drawn, ...(wrapped ? { wrapped } : {}) };
}
