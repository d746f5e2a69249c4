/**
 * The interactive TUI's entry. Loaded only for the TUI, and it loads React and Ink lazily in turn,
 * so `skald --version`, `skald worlds list` and headless play never parse them.
 */
import type { PlayOptions } from './options.js';
import type { PreviewSetup, SessionSetup } from './session-setup.js';
import { endOnSignals, isGoneError } from './signals.js';
import { KEY_MODES, type EarlyKeys } from './early-keys.js';
import type { Settings } from '../config/settings.js';
import type { WrappedTurns } from '../ui/text/history-window.js';

const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';
const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

/**
 * A resume shown from its log's end (`preview`) while `whole` loads the whole story; `drawn` is
 * called once the preview's first frame is out, and the careful load starts then.
 */
export interface ProgressiveResume {
  preview: PreviewSetup;
  whole: Promise<SessionSetup>;
  drawn: () => void;
  /** The turns wrapped to know the tail was enough, for the first frame's history. */
  wrapped?: WrappedTurns;
}

/** The notes under the banner: how to connect a model when none is, and load or resume warnings (`earlier`: turns of a preview not read yet). */
export function notesFor(setup: Pick<SessionSetup, 'provider' | 'session' | 'warnings'> & { resumed: boolean }, earlier = 0): string[] {
  const notes = setup.provider.offline
    ? [
        'No model is connected, so the offline narrator plays. Connect one with `skald profiles add NAME --preset ollama --model MODEL` and `skald profiles use NAME`.',
      ]
    : [];
  const turns = earlier + setup.session.turns().length;
  const resumed = setup.resumed
    ? [`Resumed session ${setup.session.id}: ${turns} turn${turns === 1 ? '' : 's'} on this branch (/tree shows the others).`]
    : [];
  return [...resumed, ...notes, ...setup.warnings];
}

/** What the play screen is given of a set-up session: the session, its notes and the endpoint's background check. */
function startedOf(
  setup: SessionSetup,
  draft?: string,
): {
  session: SessionSetup['session'];
  notes: string[];
  endpointCheck?: SessionSetup['endpointCheck'];
  draft?: string;
} {
  return {
    session: setup.session,
    notes: draft ? [...notesFor(setup), DRAFT_NOTE] : notesFor(setup),
    ...(setup.endpointCheck ? { endpointCheck: setup.endpointCheck } : {}),
    ...(draft ? { draft } : {}),
  };
}

const DRAFT_NOTE = 'What you wrote last time was never answered: it is back in the composer, and Enter sends it.';

/**
 * A resumed story's draft (store/draft-file.ts): the message a reply was being written for when skald stopped, or
 * the composer at quit. Taken once; a message its turn holds after all (stopped between the two writes) is dropped.
 */
function resumedDraft(session: SessionSetup['session'] | undefined, take: (id: string) => string | undefined): string | undefined {
  if (!session) return undefined;
  const draft = take(session.id);
  return draft !== undefined && draft !== session.turns().at(-1)?.input.text ? draft : undefined;
}

/** After the first frame, before the player can have read it. */
const WARM_UP_AFTER_MS = 150;

/**
 * Runs the TUI. `setup` is the started (or resumed) session, or undefined when no world was named
 * (then the TUI offers the world picker and builds one with `setupSession`); `early`, the keys
 * typed while it started, is handed to Ink's key reader. `settings` are those play read at its
 * start (config.json is not read again for them).
 */
export async function runTui(
  setup: SessionSetup | undefined,
  options: PlayOptions & { world?: string },
  progressive: ProgressiveResume | undefined,
  early: EarlyKeys | undefined,
  settings: Settings,
): Promise<void> {
  const [
    { default: React },
    { render },
    { App },
    { createFileServices },
    { OFFLINE_TUI_DELAY_MS },
    { createAlternateScreen },
    { takeSessionDraft },
  ] = await Promise.all([
    import('react'),
    import('ink'),
    import('../ui/App.js'),
    import('./file-services.js'),
    import('./session-setup.js'),
    import('../ui/alternate-screen.js'),
    import('../store/draft-file.js'),
  ]);
  // Every session this run starts: their files are closed and pacing profiles flushed on exit.
  const setups: SessionSetup[] = setup ? [setup] : [];
  // A progressive resume's whole session joins them once loaded; its notes are those of the same story read whole.
  const draft = resumedDraft(setup?.resumed ? setup.session : progressive?.preview.session, takeSessionDraft);
  const whole = progressive?.whole.then((made) => {
    setups.push(made);
    return startedOf(made, draft);
  });
  const start = {
    async listWorlds() {
      return (await import('../world/discover.js')).listWorlds();
    },
    async openings(worldId: string) {
      return (await (await import('../world/discover.js')).resolveWorld(worldId)).pack.openings;
    },
    async createSession(worldId: string, openingId?: string, persona?: string) {
      const { setupSession } = await import('./session-setup.js');
      // A new story from the picker, /world, /opening or /persona: not the session --resume named, nor its opening.
      const { resume: _resume, opening: _opening, ...rest } = options;
      const made = await setupSession(
        worldId,
        { ...rest, ...(openingId ? { opening: openingId } : {}), ...(persona ? { persona } : {}) },
        undefined,
        undefined,
        settings,
      );
      setups.push(made);
      return startedOf(made);
    },
  };
  process.stdout.write(KEY_MODES + BRACKETED_PASTE_ON);
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  let instance: { unmount(): void; waitUntilExit(): Promise<unknown> } | undefined;
  // The terminal went away (tmux kill-session, a closed window: SIGHUP, then EIO on the pty):
  // nothing more may be written, so Ink is unmounted onto a muted stdout and the stores closed.
  let gone = false;
  const terminalGone = () => {
    gone = true;
    muteTerminal();
    instance?.unmount();
  };
  const onStreamError = (error: unknown) => {
    if (isGoneError(error)) terminalGone();
  };
  process.stdout.on('error', onStreamError);
  process.stdin.on('error', onStreamError);
  // Help, /tree and the other overlays are drawn on the alternate screen; a dumb terminal has none.
  const screen = process.env.TERM === 'dumb' ? undefined : createAlternateScreen({ out: process.stdout, clear: CLEAR_SCREEN });
  // A crash with an overlay open leaves the terminal on the normal screen (terminal writes are
  // synchronous; Node runs 'exit' listeners before it prints an uncaught error, so it is read there).
  const restoreScreen = () => {
    if (!gone) screen?.restore();
  };
  process.on('exit', restoreScreen);
  const removeSignals = endOnSignals(
    async (signal) => {
      if (signal === 'SIGHUP') terminalGone();
      else instance?.unmount();
      await done;
    },
    { exit: (code) => (gone ? hangUp() : process.exit(code)) },
  );
  try {
    // Keys typed during the start go to Ink's reader first (it reads what stdin holds once it listens).
    early?.handOver();
    instance = render(
      React.createElement(App, {
        ...(setup ? { started: startedOf(setup, draft) } : {}),
        ...(progressive && whole
          ? {
              started: {
                session: progressive.preview.session,
                notes: [
                  ...notesFor({ ...progressive.preview, resumed: true }, progressive.preview.earlier),
                  ...(draft ? [DRAFT_NOTE] : []),
                ],
                earlier: progressive.preview.earlier,
                ...(draft ? { draft } : {}),
                ...(progressive.wrapped ? { wrapped: progressive.wrapped } : {}),
              },
              loading: whole,
              // The whole log is read once the preview's frame is out and its keys are read raw (a turn of the event loop for Ink's write).
              onShown: () => setImmediate(progressive.drawn),
            }
          : {}),
        start,
        // `/model offline` streams at the same reading pace as an offline start.
        services: createFileServices({ offlineDelayMs: OFFLINE_TUI_DELAY_MS }),
        // `--debug` for one run, or `skald config set debugPane true` for every run.
        debug: Boolean(options.debug) || settings.debugPane,
        onRedraw: () => (screen ? screen.redraw() : process.stdout.write(CLEAR_SCREEN)),
        ...(screen ? { screen } : {}),
        // While the player reads the first frame: the warm-up, then a resume's older diagnostics.
        scheduleWarmUp: (run: () => void) => {
          const timer = setTimeout(() => {
            run();
            void setup?.attachRemaining?.();
            for (const made of setups) if (made !== setup) void made.attachRemaining?.();
          }, WARM_UP_AFTER_MS);
          return () => clearTimeout(timer);
        },
      }),
      { exitOnCtrlC: false, ...(screen ? { onRender: screen.drawn } : {}) },
    );
    await instance.waitUntilExit();
  } finally {
    // Ink unmounted by a signal with an overlay open: no frame came to leave the alternate screen after.
    restoreScreen();
    process.off('exit', restoreScreen);
    process.stdout.write(BRACKETED_PASTE_OFF);
    try {
      // Quit (or a signal) while the whole story was loading: its store holds the lock until closed.
      if (whole) await whole.catch(() => undefined);
      for (const made of setups) {
        await made.store.close();
        await made.flushProfile?.();
      }
    } finally {
      process.stdout.off('error', onStreamError);
      process.stdin.off('error', onStreamError);
      removeSignals();
      finished();
    }
  }
  if (gone) hangUp();
  // The story on screen at the end is the last one this run made: say how to come back to it.
  const line = resumeLine(setups[setups.length - 1]);
  if (line) process.stdout.write(`${line}\n`);
}

/** The line printed once the TUI has let go of the terminal: how to continue the story just played (none before its first turn). */
export function resumeLine(setup: Pick<SessionSetup, 'session'> | undefined): string | undefined {
  const turns = setup?.session.turns().length ?? 0;
  if (!setup || turns === 0) return undefined;
  return `Saved: ${turns} turn${turns === 1 ? '' : 's'} on this branch. \`skald play --resume ${setup.session.id}\` continues it.`;
}

/**
 * Ends the process as a hangup does. Node restores the terminal's mode when it exits normally and
 * aborts (SIGABRT, a core dump) when the pty is gone and that fails with EIO; a process ended by
 * SIGHUP skips that step. Everything worth keeping is closed before this is called.
 */
function hangUp(): void {
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
}

/** Every later write to a terminal that is gone is dropped instead of raising EIO again. */
function muteTerminal(): void {
  const drop = ((_chunk: unknown, encoding?: unknown, callback?: unknown) => {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = drop;
  process.stderr.write = drop;
}
