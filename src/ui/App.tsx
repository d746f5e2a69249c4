/**
 * The TUI's root: the start screen when no world was named, then the play screen for the session.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp } from 'ink';
import type { SessionHandle } from '../engine/session/index.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { PlayScreen } from './components/PlayScreen.js';
import { StartScreen, type StartServices } from './components/StartScreen.js';
import type { TuiServices } from './services.js';
import type { AlternateScreen } from './alternate-screen.js';
import type { ScheduleNotice } from './hooks/useNotice.js';
import type { WrappedTurns } from './text/history-window.js';
import type { KeyEvent } from './input/keypress.js';

export interface StartedSession {
  session: SessionHandle;
  /** Lines under the banner: how to connect a model, pack or resume warnings. */
  notes: string[];
  /** Turns of the branch before the session's first: a resume shown from its log's end. */
  earlier?: number;
  /** The turns such a resume wrapped to know its tail was enough: the history prints them as they are. */
  wrapped?: WrappedTurns;
  /** Checks in the background that the endpoint answers: the notice to show when it does not. */
  endpointCheck?: (signal: AbortSignal) => Promise<string | undefined>;
  /** The player's words no turn held when the story was last closed: the composer starts with them. */
  draft?: string;
}

export interface AppProps {
  /** The session when a world was named (or resumed). */
  started?: StartedSession;
  /** For the start screen: where worlds come from and how a session starts. */
  start?: StartServices & { createSession(worldId: string, openingId?: string, persona?: string): Promise<StartedSession> };
  services: TuiServices;
  debug?: boolean;
  onRedraw?: () => void;
  /** The terminal's alternate screen, for the play screen's overlays. */
  screen?: AlternateScreen;
  /** How long a confirmation notice stays on the play screen (tests shorten it). */
  noticeMs?: number;
  /** Puts a notice's expiry on a timer (tests fire it themselves). */
  scheduleNotice?: ScheduleNotice;
  /** Times the wait after ESC `[` or ESC `O` for the rest of a sequence (tests fire it themselves). */
  scheduleEscape?: ScheduleNotice;
  /** Schedules the session's warm-up after the first frame (tests fire it themselves). */
  scheduleWarmUp?: (run: () => void) => () => void;
  /**
   * The whole story, when `started` is a resume shown from its log's end: until it settles, keys
   * are held; then it takes the partial one's place on the same screen (a failure ends the app).
   */
  loading?: Promise<StartedSession>;
  /**
   * Called once the first frame is committed and the screen's effects have run (raw mode is on,
   * so keys typed from then on are read as keys): a progressive resume reads the whole log then.
   */
  onShown?: () => void;
}

/** The start screen until a session exists, then the play screen. */
export function App({
  started,
  start,
  services,
  debug,
  onRedraw,
  screen,
  noticeMs,
  scheduleNotice,
  scheduleEscape,
  scheduleWarmUp,
  loading,
  onShown,
}: AppProps) {
  const [current, setCurrentState] = useState<StartedSession | undefined>(started);
  const [pending, setPending] = useState(Boolean(loading));
  const app = useApp();
  // The root's effects run after its children's: the play screen's key reader is set up by now.
  const shown = useRef(onShown);
  useEffect(() => shown.current?.(), []);
  useEffect(() => {
    if (!loading) return;
    let live = true;
    loading.then(
      (whole) => {
        if (!live) return;
        // The same generation: the play screen stays, so the history already printed is not printed again.
        setCurrentState(whole);
        setPending(false);
      },
      (error: unknown) => live && app.exit(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      live = false;
    };
  }, [loading, app]);
  // Each new story remounts the play screen, so no state leaks from the previous one.
  const [generation, setGeneration] = useState(0);
  const setCurrent = useCallback((next: StartedSession) => {
    setCurrentState(next);
    setGeneration((g) => g + 1);
  }, []);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // Keys typed after the opening was chosen, while its story is made: the new play screen's first keys.
  const lateKeys = useRef<KeyEvent[]>([]);
  const [typedAhead, setTypedAhead] = useState<readonly KeyEvent[] | undefined>();
  const onTypedAhead = useCallback((key: KeyEvent) => lateKeys.current.push(key), []);

  const onStart = useCallback(
    (worldId: string, openingId: string) => {
      if (!start) return;
      setBusy(true);
      setError(undefined);
      lateKeys.current = [];
      start.createSession(worldId, openingId).then(
        (s) => {
          onRedraw?.();
          setTypedAhead(lateKeys.current.splice(0));
          setCurrent(s);
        },
        (e: unknown) => {
          // Typed for a story that did not start: the picker is back, and they are not its keys (a
          // line and its Enter would filter the list and start whatever it left). Dropped, and said.
          const dropped = lateKeys.current.length > 0;
          lateKeys.current = [];
          setBusy(false);
          setError(
            `${e instanceof Error ? e.message : String(e)}${dropped ? ' (What you typed meanwhile was for that story and was dropped.)' : ''}`,
          );
        },
      );
    },
    [start, onRedraw, setCurrent],
  );

  const restart = useCallback(
    async (worldId: string, openingId?: string, persona?: string) => {
      if (!start) return;
      const next = await start.createSession(worldId, openingId, persona);
      onRedraw?.();
      setTypedAhead(undefined);
      setCurrent(next);
    },
    [start, onRedraw, setCurrent],
  );

  const listWorlds = useCallback(async () => {
    const worlds = (await start?.listWorlds()) ?? [];
    return worlds.filter((w) => !w.problems).map((w) => w.id);
  }, [start]);

  if (current) {
    return (
      <ErrorBoundary what="The play screen" root key={generation}>
        <PlayScreen
          session={current.session}
          services={services}
          debug={debug}
          notes={current.notes}
          onRedraw={onRedraw}
          {...(screen ? { screen } : {})}
          noticeMs={noticeMs}
          {...(scheduleNotice ? { scheduleNotice } : {})}
          {...(scheduleEscape ? { scheduleEscape } : {})}
          {...(scheduleWarmUp ? { scheduleWarmUp } : {})}
          {...(start ? { restart, listWorlds } : {})}
          loading={pending}
          earlier={pending ? (current.earlier ?? 0) : 0}
          {...(typedAhead ? { typedAhead } : {})}
          {...(current.wrapped ? { wrapped: current.wrapped } : {})}
          {...(current.endpointCheck ? { endpointCheck: current.endpointCheck } : {})}
          {...(current.draft ? { draft: current.draft } : {})}
        />
      </ErrorBoundary>
    );
  }
  if (!start) return null;
  return (
    <ErrorBoundary what="The start screen" root>
      <StartScreen services={start} onStart={onStart} error={error} busy={busy} onTypedAhead={onTypedAhead} />
    </ErrorBoundary>
  );
}
