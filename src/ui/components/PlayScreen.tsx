/**
 * The play screen: the history printed above a live area (header, the selected or streaming
 * reply, the carousel, a notice, the composer or an overlay, the status line) that is always
 * shorter than the terminal, and the debug pane beside it (wide) or inside it (narrow). Keys go
 * through the one table in `keys.ts` (`usePlayKeys`); the layout is `play-layout.ts`.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, measureElement, useApp, type DOMElement } from 'ink';
import type { SessionHandle } from '../../engine/session/index.js';
import { neutralize } from '../../text/sanitize.js';
import { namedCreatorNotes } from '../info.js';
import type { KeyEvent } from '../input/keypress.js';
import { nameColors } from '../text/colors.js';
import type { WrappedTurns } from '../text/history-window.js';
import type { TuiServices } from '../services.js';
import { useHistory } from '../hooks/useHistory.js';
import { useSpill } from '../hooks/useSpill.js';
import { usePlayController } from '../hooks/usePlayController.js';
import { usePlayKeys } from '../hooks/usePlayKeys.js';
import { useReplyView } from '../hooks/useReplyView.js';
import { displayedText } from '../../engine/regex/scripts.js';
import type { ScheduleNotice } from '../hooks/useNotice.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { useAlternateScreen } from '../hooks/useAlternateScreen.js';
import type { AlternateScreen } from '../alternate-screen.js';
import { DebugPane } from './DebugPane.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { headerLines } from './Header.js';
import { LiveArea } from './LiveArea.js';
import { playLayout, WIDE_COLUMNS } from './play-layout.js';
import { Transcript } from './Transcript.js';
import { debugSubject } from '../debug/subject.js';
import { debugHeadline } from '../debug/sections.js';

export interface PlayScreenProps {
  session: SessionHandle;
  services: TuiServices;
  debug?: boolean;
  /** Lines for the banner: how to connect a model, pack warnings. */
  notes: string[];
  /** Clears the terminal before the history is printed afresh (a branch or width change). */
  onRedraw?: () => void;
  /** The terminal's alternate screen, where help, /tree and the other overlays are drawn (none: in the normal flow). */
  screen?: AlternateScreen;
  /** Starts a new story in place of this one (`/world <id>`, `/opening <id>`). */
  restart?: (worldId: string, openingId?: string, persona?: string) => Promise<void>;
  /** The ids of the worlds `/world` can start a story in, for its Tab completion. */
  listWorlds?: () => Promise<readonly string[]>;
  /** How long a confirmation notice stays (tests shorten it). */
  noticeMs?: number;
  /** Puts a notice's expiry on a timer; tests pass their own and fire it. */
  scheduleNotice?: ScheduleNotice;
  /** Times the wait after ESC `[` or ESC `O` for the rest of a sequence; tests pass their own and fire it. */
  scheduleEscape?: ScheduleNotice;
  /**
   * Schedules the warm-up after the first frame and returns how to cancel it; by default a timer
   * of WARM_UP_AFTER_MS. Tests pass their own, so they decide when the moment comes instead of
   * racing a timer against a loaded machine.
   */
  scheduleWarmUp?: (run: () => void) => () => void;
  /**
   * A resume shown from its log's end while the whole story loads: keys are held (and applied in
   * order once it is false), so nothing runs against the partial story.
   */
  loading?: boolean;
  /** Turns of the branch before the session's first (the part of a resume not read yet). */
  earlier?: number;
  /** Turns a resume's tail check wrapped already, for the history to print as they are. */
  wrapped?: WrappedTurns;
  /** Keys typed on the start screen while this story was being made: applied first, in order. */
  typedAhead?: readonly KeyEvent[];
  /** What the composer starts with: a resumed story's unanswered message or unsent words. */
  draft?: string;
  /**
   * Checks in the background that the endpoint answers (one connection, nothing sent); what it
   * resolves to is shown as a notice that stays until the player acts, so a dead endpoint is told
   * while the player reads the opening rather than by their first message's failure.
   */
  endpointCheck?: (signal: AbortSignal) => Promise<string | undefined>;
}

/** After the first frame, before the player can have read the opening. */
const WARM_UP_AFTER_MS = 150;

function afterFirstFrame(run: () => void): () => void {
  const timer = setTimeout(run, WARM_UP_AFTER_MS);
  return () => clearTimeout(timer);
}

/** The play screen for one session. */
export function PlayScreen({
  session,
  services,
  debug,
  notes,
  onRedraw,
  screen,
  restart,
  listWorlds,
  noticeMs,
  scheduleNotice,
  scheduleEscape,
  scheduleWarmUp = afterFirstFrame,
  loading = false,
  earlier = 0,
  wrapped,
  typedAhead,
  draft,
  endpointCheck,
}: PlayScreenProps) {
  const app = useApp();
  const { columns, rows } = useTerminalSize();
  // Quitting first draws a frame with the whole story in the history and no live area, so no
  // hint or composer is left on the screen once Ink lets go of it; then it exits.
  const [quitting, setQuitting] = useState(false);
  const c = usePlayController(session, services, {
    debug,
    noticeMs,
    onQuit: () => setQuitting(true),
    ...(restart ? { restart } : {}),
    ...(listWorlds ? { listWorlds } : {}),
    ...(scheduleNotice ? { scheduleNotice } : {}),
    ...(draft ? { draft } : {}),
  });
  // The first reply would wait ~0.2 s for the critics and the tokenizer to compile: do it while the
  // player reads the opening, once the first frame is on screen. A reply already being written has
  // compiled them itself, and a stall in the middle of its stream would only show.
  const liveRef = useRef(c.runner.live);
  liveRef.current = c.runner.live;
  // Not while a resume's whole story loads: the warm-up would stand between the player's held keys and their story.
  useEffect(
    () =>
      loading
        ? undefined
        : scheduleWarmUp(() => {
            if (!liveRef.current) void session.warmUp();
          }),
    [session, scheduleWarmUp, loading],
  );

  const { setNotice } = c;
  useEffect(() => {
    if (!endpointCheck) return;
    const checking = new AbortController();
    endpointCheck(checking.signal).then(
      (message) => {
        if (message && !checking.signal.aborted) setNotice(neutralize(message), { sticky: true });
      },
      () => undefined,
    );
    return () => checking.abort();
  }, [endpointCheck, setNotice]);

  // An overlay is as tall as the terminal, and so is the debug pane beside the story on a wide one:
  // either is drawn on the alternate screen, so the story stays on the normal one. While the
  // terminal is there, history waits to be printed.
  const paneBeside = c.debugOpen && columns >= WIDE_COLUMNS;
  const { shown, away } = useAlternateScreen(screen, (Boolean(c.overlay) || paneBeside) && !quitting, columns);
  // Drawn from the frame after the switch, as an overlay is, so it never lands on the normal screen.
  const paneShown = c.debugOpen && (!paneBeside || shown);
  // Quitting exits once the terminal is back on the normal screen and the whole story printed there.
  useEffect(() => {
    if (quitting && !away) app.exit();
  }, [quitting, away, app]);

  // Ink clears the screen and its scrollback when the terminal becomes shorter than its last frame
  // (a live area of 20 rows, the window made 12 tall): the history printed above is gone, so it
  // is printed afresh, as after a width change. The frame's height is measured after each commit.
  const liveBox = useRef<DOMElement>(null);
  const liveRows = useRef(0);
  useEffect(() => {
    if (liveBox.current) liveRows.current = measureElement(liveBox.current).height;
  });
  const shrunk = useRef({ rows, cleared: 0 });
  if (shrunk.current.rows !== rows) {
    const clearedByInk = rows < shrunk.current.rows && liveRows.current >= rows;
    shrunk.current = { rows, cleared: shrunk.current.cleared + (clearedByInk ? 1 : 0) };
  }

  const names = useMemo(() => nameColors(session.pack), [session.pack]);
  // The banner's word on the pack: a card's creator notes in the player's language, when it has them in several, with its names.
  const about = useMemo(() => namedCreatorNotes(session, services.language?.()), [session, services]);
  const live = c.runner.live;
  const layout = playLayout({
    columns,
    rows,
    debugOpen: paneShown,
    editor: c.editor,
    argumentChoices: c.argumentChoices,
    error: c.runner.error,
    retryHint: c.retryHint,
    notice: c.notice,
    tabCycle: c.tabCycle,
  });
  const { width, wide, storyWidth, paneWidth, paneHeight, narrowPane, liveHeight, replyBudget, spilledBudget } = layout;

  const spills = useSpill({
    live,
    turns: c.turns,
    width,
    liveWidth: storyWidth,
    budget: replyBudget,
    spilledBudget,
    names,
    playerName: session.persona.name,
    header: (turn) =>
      headerLines({ world: session.pack.title, opening: c.snapshot.opening.title, turn, provider: c.snapshot.providerLabel }, width),
  });
  const allInHistory = quitting || live?.kind === 'play';
  const historyTurns = allInHistory ? c.turns : c.turns.slice(0, -1);
  const tail = allInHistory ? undefined : c.latest;
  const { items, epoch } = useHistory(
    {
      pack: session.pack,
      about,
      opening: c.snapshot.opening,
      openingText: session.openingText,
      persona: session.persona,
      names,
      turns: historyTurns,
      width,
      notes,
      spills,
      tail,
      earlier,
      ...(wrapped ? { wrapped } : {}),
      cleared: shrunk.current.cleared,
    },
    onRedraw,
  );

  // The reply on the live area: the streaming one, or the selected turn's shown candidate.
  const shownTurn = live ? undefined : c.selected;
  const shownCandidate = shownTurn?.candidates[shownTurn.chosen];
  const displayed = useMemo(
    () =>
      session.pack.regexScripts?.some((s) => s.markdownOnly)
        ? (role: 'player' | 'narrator', text: string) => displayedText(session.pack, session.persona.name, role, text)
        : undefined,
    [session.pack, session.persona.name],
  );
  const reply = useReplyView({
    live,
    shownTurn,
    shownCandidate,
    latest: c.latest,
    playerName: session.persona.name,
    names,
    width: storyWidth,
    spills,
    budget: replyBudget,
    spilledBudget,
    scroll: c.replyScroll,
    debugOpen: c.debugOpen,
    // Under the latest reply only: an earlier turn selected is not what the message answered.
    unsent: live || c.earlier ? undefined : c.unsent,
    ...(displayed ? { shown: displayed } : {}),
  });

  // /remember and /forget change the memory without a new turn: a new snapshot, so the pane follows.
  const subject = useMemo(() => debugSubject(c.turns, c.selected, live, c.snapshot), [c.turns, c.selected, live, c.snapshot]);
  // The pane's furthest scroll, as it last drew: PgDn stops there, so PgUp moves back at once.
  const debugMax = useRef(Number.MAX_SAFE_INTEGER);
  const onDebugMax = useCallback((max: number) => {
    debugMax.current = max;
  }, []);

  const { keyState, quitArmed } = usePlayKeys(
    c,
    {
      storyWidth,
      overlayH: layout.overlayH,
      paneHeight: layout.openPaneHeight,
      replyBudget: reply.budget,
      maxScroll: reply.maxScroll,
      debugMax,
      shownCandidate,
    },
    {
      quitting,
      quit: () => setQuitting(true),
      loading,
      ...(scheduleNotice ? { scheduleNotice } : {}),
      ...(scheduleEscape ? { scheduleEscape } : {}),
      ...(typedAhead ? { typedAhead } : {}),
    },
  );

  const story = (
    <LiveArea
      c={c}
      layout={layout}
      reply={reply}
      shownTurn={shownTurn}
      shownCandidate={shownCandidate}
      keyState={keyState}
      quitArmed={quitArmed}
      overlay={shown ? c.overlay : undefined}
      {...(scheduleNotice ? { schedule: scheduleNotice } : {})}
      paneLine={paneShown && !wide && layout.narrowPane === 0 ? `debug: ${debugHeadline(subject)} · more rows show the pane` : undefined}
      pane={
        paneShown && !wide && layout.narrowPane > 0 ? (
          <ErrorBoundary what="The debug pane">
            <DebugPane subject={subject} width={storyWidth} height={narrowPane} scroll={c.debugScroll} onMaxScroll={onDebugMax} />
          </ErrorBoundary>
        ) : null
      }
    />
  );

  if (quitting) return <Transcript items={items} epoch={epoch} held={away} />;
  return (
    <>
      <Transcript items={items} epoch={epoch} held={away} />
      <Box ref={liveBox} flexDirection="column">
        {wide ? (
          <Box flexDirection="row" height={liveHeight}>
            {story}
            <Box marginLeft={1}>
              <ErrorBoundary what="The debug pane">
                <DebugPane subject={subject} width={paneWidth} height={paneHeight} scroll={c.debugScroll} onMaxScroll={onDebugMax} />
              </ErrorBoundary>
            </Box>
          </Box>
        ) : (
          story
        )}
      </Box>
    </>
  );
}
