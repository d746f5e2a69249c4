/**
 * The play screen: the history printed above a live area (header, the selected or streaming
 * reply, the carousel, a notice, the composer or an overlay, the status line) that is always
 * shorter than the terminal, and the debug pane beside it (wide) or inside it (narrow). Keys go
 * through the one table in `keys.ts`.
 */
import { oneLine } from '../../text/sanitize.js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import type { SessionHandle } from '../../engine/session/index.js';
import { argumentMatches, completions } from '../../commands/index.js';
import {
  backspace,
  cursorPosition,
  deleteForward,
  deleteWord,
  EMPTY_EDITOR,
  insert,
  moveDown,
  moveEnd,
  moveHome,
  moveLeft,
  moveRight,
  moveUp,
  type EditorState,
} from '../input/editor.js';
import type { KeyEvent } from '../input/keypress.js';
import { resolveKey, type KeyState } from '../keys.js';
import { nameColors } from '../text/colors.js';
import { candidateMark, cutNote, isCut, playerLines, storyLines, versionLabel } from '../text/blocks.js';
import { wrapText, type Line } from '../text/wrap.js';
import { historyWidth, type WrappedTurns } from '../text/history-window.js';
import type { TuiServices } from '../services.js';
import { useHistory } from '../hooks/useHistory.js';
import { useSpill } from '../hooks/useSpill.js';
import { useKeypress } from '../hooks/useKeypress.js';
import { usePlayController } from '../hooks/usePlayController.js';
import { afterMs, type ScheduleNotice } from '../hooks/useNotice.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { Carousel } from './Carousel.js';
import { Composer, composerHeight } from './Composer.js';
import { DebugPane, debugBodyHeight } from './DebugPane.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { Header } from './Header.js';
import { infoLines, InfoOverlay } from './InfoOverlay.js';
import { Lines } from './Lines.js';
import { ListPicker } from './ListPicker.js';
import { StatusLine } from './StatusLine.js';
import { Transcript } from './Transcript.js';
import { debugSubject } from '../debug/subject.js';

export interface PlayScreenProps {
  session: SessionHandle;
  services: TuiServices;
  debug?: boolean;
  /** Lines for the banner: how to connect a model, pack warnings. */
  notes: string[];
  /** Clears the terminal before the history is printed afresh (a branch or width change). */
  onRedraw?: () => void;
  /** Starts a new story in place of this one (`/world <id>`, `/opening <id>`). */
  restart?: (worldId: string, openingId?: string, persona?: string) => Promise<void>;
  /** How long a confirmation notice stays (tests shorten it). */
  noticeMs?: number;
  /** Puts a notice's expiry on a timer; tests pass their own and fire it. */
  scheduleNotice?: ScheduleNotice;
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
}

const QUIT_WINDOW_MS = 3000;
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
  restart,
  noticeMs,
  scheduleNotice,
  scheduleWarmUp = afterFirstFrame,
  loading = false,
  earlier = 0,
  wrapped,
  typedAhead,
}: PlayScreenProps) {
  const app = useApp();
  const { columns, rows } = useTerminalSize();
  // Quitting first draws a frame with the whole story in the history and no live area, so no
  // hint or composer is left on the screen once Ink lets go of it; then it exits.
  const [quitting, setQuitting] = useState(false);
  useEffect(() => {
    if (quitting) app.exit();
  }, [quitting, app]);
  const c = usePlayController(session, services, {
    debug,
    noticeMs,
    onQuit: () => setQuitting(true),
    ...(restart ? { restart } : {}),
    ...(scheduleNotice ? { scheduleNotice } : {}),
  });
  const [quitArmed, setQuitArmed] = useState(false);
  const cancelQuitWindow = useRef<(() => void) | undefined>(undefined);
  useEffect(() => () => cancelQuitWindow.current?.(), []);
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

  const names = useMemo(() => nameColors(session.pack), [session.pack]);
  const live = c.runner.live;
  const width = historyWidth(columns);

  // Layout: the debug pane sits beside the story when there is room, else inside the live area.
  const wide = c.debugOpen && columns >= 110;
  const paneWidth = wide ? Math.min(70, Math.floor(columns * 0.42)) : columns - 1;
  const storyWidth = wide ? columns - paneWidth - 2 : width;
  const narrowPane = c.debugOpen && !wide ? Math.min(14, Math.max(6, Math.floor(rows * 0.4))) : 0;
  const composerMax = Math.min(6, Math.max(1, Math.floor(rows / 6)));
  const composerH = composerHeight(c.editor, storyWidth, composerMax);
  const slashMatches = c.editor.text.startsWith('/') ? completions(c.editor.text) : [];
  const argMatches = argumentMatches(c.editor.text, c.argumentChoices);
  const notice = c.runner.error
    ? `${c.runner.error.message}${c.runner.error.retryable ? ' · r to retry' : ''}`
    : slashMatches.length > 1
      ? slashMatches.map((m) => `/${m.name}`).join('  ')
      : slashMatches.length === 1
        ? `/${slashMatches[0].name}${slashMatches[0].args ? ` ${slashMatches[0].args}` : ''}: ${slashMatches[0].help}`
        : argMatches.length > 0
          ? argMatches.join('  ')
          : c.notice;
  // Errors and notices wrap (up to three lines) so the "r to retry" at their end is never cut off.
  const noticeLines = notice ? wrapText(notice, storyWidth, c.runner.error ? 'error' : 'notice').slice(0, 3) : [];
  const noticeH = noticeLines.length;
  const liveHeight = rows - 1;
  const overlayH = Math.max(3, liveHeight - 2 - noticeH - narrowPane);
  const replyBudget = Math.max(2, liveHeight - 1 - 1 - noticeH - composerH - 1 - narrowPane);

  const spills = useSpill({
    live,
    turns: c.turns,
    width,
    liveWidth: storyWidth,
    budget: replyBudget,
    names,
    playerName: session.persona.name,
  });
  const allInHistory = quitting || live?.kind === 'play';
  const historyTurns = allInHistory ? c.turns : c.turns.slice(0, -1);
  const tail = allInHistory ? undefined : c.latest;
  const { items, epoch } = useHistory(
    {
      pack: session.pack,
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
    },
    onRedraw,
  );

  // The reply on the live area: the streaming one, or the selected turn's shown candidate.
  const shownTurn = live ? undefined : c.selected;
  const shownCandidate = shownTurn?.candidates[shownTurn.chosen];
  const stream = live ? live.streams[live.focus] : undefined;
  const replyLines: Line[] = useMemo(() => {
    if (live) {
      if (spills.live) return [[], ...storyLines(stream ? stream.text.slice(spills.live.text.length) : '', names, storyWidth)];
      const lines = [...playerLines(session.persona.name, live.input.text, storyWidth), []];
      return stream ? [...lines, ...storyLines(stream.text, names, storyWidth)] : lines;
    }
    if (!shownTurn || !shownCandidate) return [];
    // A spilled reply's head is already in the history: the live area shows the rest.
    const spill = shownTurn === c.latest ? spills.forTurn(shownTurn) : undefined;
    const lines: Line[] = spill
      ? [[], ...storyLines(spills.rest(spill, shownCandidate.text), names, storyWidth)]
      : [...playerLines(session.persona.name, shownTurn.input.text, storyWidth), [], ...storyLines(shownCandidate.text, names, storyWidth)];
    const note = cutNote(shownCandidate);
    if (note) lines.push([{ text: note, kind: 'meta' }]);
    return lines;
  }, [live, stream, shownTurn, shownCandidate, session.persona.name, names, storyWidth, spills, c.latest]);

  const overflow = replyLines.length > replyBudget;
  const maxScroll = Math.max(0, replyLines.length - (replyBudget - 1));
  const replyTop = live ? maxScroll : Math.min(c.replyScroll, maxScroll);
  const visibleReply = overflow ? replyLines.slice(replyTop, replyTop + replyBudget - 1) : replyLines;
  const below = replyLines.length - (replyTop + visibleReply.length);
  const replyMarker = !overflow
    ? undefined
    : live
      ? `↑ ${replyTop} earlier lines (the whole reply is shown when it is done)`
      : // PgUp/PgDn scroll the debug pane while it is open, so the reply can only be scrolled without it.
        [replyTop > 0 ? `↑ ${replyTop} above` : '', below > 0 ? `↓ ${below} more lines` : ''].filter(Boolean).join(' · ') +
        (c.debugOpen ? ' · F2 closes the debug pane, then PgUp/PgDn' : ' · PgUp/PgDn');

  // /remember and /forget change the memory without a new turn: a new snapshot, so the pane follows.
  const subject = useMemo(() => debugSubject(c.turns, c.selected, live, c.snapshot), [c.turns, c.selected, live, c.snapshot]);
  const paneHeight = wide ? liveHeight : narrowPane;
  // The pane's furthest scroll, as it last drew: PgDn stops there, so PgUp moves back at once.
  const debugMax = useRef(Number.MAX_SAFE_INTEGER);
  const onDebugMax = useCallback((max: number) => {
    debugMax.current = max;
  }, []);

  const keyStateFor = (editor: EditorState, overlay = c.overlay): KeyState => {
    const { line, lines } = cursorPosition(editor);
    return {
      modal: Boolean(overlay),
      reading: overlay?.kind === 'info',
      generating: Boolean(live),
      commandPending: c.commandPending,
      composerEmpty: editor.text.length === 0,
      slash: editor.text.startsWith('/'),
      onFirstLine: line === 0,
      onLastLine: line === lines.length - 1,
      debugOpen: c.debugOpen,
      canRetry: Boolean(c.runner.error?.retryable),
      hasTurn: c.turns.length > 0,
      canSwipeOpening: c.turns.length === 0 && !live && session.pack.openings.length > 1,
      earlierSelected: c.earlier,
      cutReply: !live && isCut(shownCandidate),
    };
  };
  const keyState = keyStateFor(c.editor);

  const onKey = (key: KeyEvent) => {
    // Several keys can land before a render: the composer part of the state is read as of now.
    if (quitting) return;
    const overlay = c.overlayNow();
    const binding = resolveKey(key, keyStateFor(c.editorNow(), overlay));
    if (binding?.id !== 'interrupt' && quitArmed) setQuitArmed(false);
    const typed = !overlay && (key.name === 'text' || (key.name === 'char' && !key.meta)) && !key.ctrl;
    // A confirmation has been read once the player does something else (sticky notices stay).
    if (binding || typed) c.dismissNotice();
    switch (binding?.id) {
      case 'interrupt':
        if (quitArmed) {
          setQuitting(true);
          return;
        }
        c.runner.stop();
        c.stopCommand();
        c.setEditor(EMPTY_EDITOR);
        setQuitArmed(true);
        cancelQuitWindow.current?.();
        cancelQuitWindow.current = (scheduleNotice ?? afterMs)(() => setQuitArmed(false), QUIT_WINDOW_MS);
        return;
      case 'toggle-debug':
        // Functional, as F2 F2 can arrive in one chunk (held while a resume loaded).
        c.setDebugOpen((open) => !open);
        return;
      case 'help':
        void c.runSlash('/help');
        return;
      case 'modal-close':
        c.setOverlay(undefined);
        return;
      case 'modal-up':
      case 'modal-down':
      case 'modal-page-up':
      case 'modal-page-down': {
        const step =
          binding.id === 'modal-up' ? -1 : binding.id === 'modal-down' ? 1 : binding.id === 'modal-page-up' ? -overlayH : overlayH;
        if (overlay?.kind === 'info') {
          const max = Math.max(0, infoLines(overlay.text, storyWidth).length - (overlayH - 2));
          c.setOverlay({ ...overlay, scroll: Math.max(0, Math.min(max, overlay.scroll + step)) });
        } else if (overlay?.kind === 'tree') {
          c.setOverlay({ ...overlay, selected: Math.max(0, Math.min(overlay.items.length - 1, overlay.selected + Math.sign(step))) });
        }
        return;
      }
      case 'modal-accept':
        if (overlay?.kind === 'tree' && overlay.items[overlay.selected]) void c.switchBranch(overlay.items[overlay.selected].id);
        else c.setOverlay(undefined);
        return;
      case 'stop':
        c.runner.stop();
        c.stopCommand();
        return;
      case 'regenerate':
        void c.regenerate();
        return;
      case 'continue':
        void c.continueReply();
        return;
      case 'retry':
        void c.retry();
        return;
      case 'swipe-prev':
      case 'swipe-next':
        void c.swipe(binding.id === 'swipe-prev' ? -1 : 1);
        return;
      case 'select-earlier':
      case 'select-later':
        c.select(binding.id === 'select-earlier' ? -1 : 1);
        return;
      case 'select-latest':
        c.select(Number.MAX_SAFE_INTEGER);
        return;
      case 'scroll-up':
      case 'scroll-down': {
        const step = (binding.id === 'scroll-up' ? -1 : 1) * Math.max(1, (c.debugOpen ? debugBodyHeight(paneHeight) : replyBudget) - 2);
        if (c.debugOpen) c.setDebugScroll((at) => Math.max(0, Math.min(debugMax.current, at + step)));
        else c.setReplyScroll((at) => Math.max(0, Math.min(maxScroll, (live ? maxScroll : Math.min(at, maxScroll)) + step)));
        return;
      }
      case 'send':
        void c.send();
        return;
      case 'send-busy':
        c.setNotice('A reply is still being written: wait for it, or Esc stops it. Your message stays here.');
        return;
      case 'newline':
        c.setEditor((e) => insert(e, '\n'));
        return;
      case 'complete':
        c.completeSlash();
        return;
      case 'history-prev':
      case 'history-next':
        c.historyStep(binding.id === 'history-prev' ? -1 : 1);
        return;
      case 'cursor-left':
        c.setEditor(moveLeft);
        return;
      case 'cursor-right':
        c.setEditor(moveRight);
        return;
      case 'cursor-up':
        c.setEditor(moveUp);
        return;
      case 'cursor-down':
        c.setEditor(moveDown);
        return;
      case 'cursor-home':
        c.setEditor(moveHome);
        return;
      case 'cursor-end':
        c.setEditor(moveEnd);
        return;
      case 'delete-back':
        if (!overlay) c.setEditor(backspace);
        return;
      case 'delete-forward':
        c.setEditor(deleteForward);
        return;
      case 'delete-word':
        if (!overlay) c.setEditor(deleteWord);
        return;
      case 'clear-line':
        if (!overlay) c.setEditor(EMPTY_EDITOR);
        return;
      default:
        // Unbound Alt+letter combinations are not text.
        if (typed) c.setEditor((e) => insert(e, key.text));
    }
  };
  // Keys typed while a resume loads (or while the start screen made this story) wait here, then go
  // through `onKey` in order, as keys that land in one tick do.
  const held = useRef<KeyEvent[]>(typedAhead ? [...typedAhead] : []);
  const onKeyNow = useRef(onKey);
  onKeyNow.current = onKey;
  useKeypress((key) => (loading ? held.current.push(key) : onKey(key)));
  useEffect(() => {
    if (loading) return;
    const keys = held.current.splice(0);
    for (const key of keys) onKeyNow.current(key);
  }, [loading]);

  const turnNumber = live ? live.turn : (c.latest?.number ?? 0);
  // Before the first turn the carousel swipes between the world's openings (a card's greetings).
  const openings = session.pack.openings;
  const openingSwipe =
    c.turns.length === 0 && !live && openings.length > 1
      ? {
          index: Math.max(
            0,
            openings.findIndex((o) => o.id === c.snapshot.opening.id),
          ),
          count: openings.length,
          label: `opening: ${oneLine(c.snapshot.opening.title)}`,
        }
      : undefined;
  const streamingNote = live
    ? `${live.kind === 'continue' ? `continuing turn ${live.turn}` : live.kind === 'edit-reply' ? `keeping your edit of turn ${live.turn}` : live.kind === 'regenerate' ? `writing candidate ${live.focus + 1} for turn ${live.turn}` : `writing ${Object.keys(live.streams).length || ''} candidate${Object.keys(live.streams).length === 1 ? '' : 's'}`}… ${Object.values(live.streams).filter((s) => s.done).length} done · Esc stops`
    : undefined;

  const story = (
    <Box flexDirection="column" width={storyWidth}>
      <Header
        world={session.pack.title}
        opening={c.snapshot.opening.title}
        turn={turnNumber}
        provider={c.snapshot.providerLabel}
        branchNote={c.earlier ? `viewing turn ${c.selection}` : undefined}
      />
      {c.overlay ? null : (
        <>
          {replyMarker && live ? (
            <Text dimColor wrap="truncate-end">
              {replyMarker}
            </Text>
          ) : null}
          <Lines lines={visibleReply} />
          {replyMarker && !live ? (
            <Text dimColor wrap="truncate-end">
              {replyMarker}
            </Text>
          ) : null}
          <Carousel
            index={openingSwipe ? openingSwipe.index : (shownTurn?.chosen ?? 0)}
            count={openingSwipe ? openingSwipe.count : (shownTurn?.candidates.length ?? 0)}
            score={shownCandidate?.imported ? undefined : shownCandidate?.score}
            label={openingSwipe ? openingSwipe.label : shownCandidate ? versionLabel(shownCandidate) : undefined}
            flags={shownCandidate?.critics.filter((r) => r.flagged).map((r) => r.id)}
            mark={shownCandidate ? candidateMark(shownCandidate) : undefined}
            earlierTurn={c.earlier ? c.selection : undefined}
            streaming={streamingNote}
          />
        </>
      )}
      {/* Beside a full-height debug pane, this keeps the composer at the bottom. */}
      {wide ? <Box flexGrow={1} /> : null}
      {noticeLines.length > 0 ? <Lines lines={noticeLines} /> : null}
      {c.debugOpen && !wide ? (
        <ErrorBoundary what="The debug pane">
          <DebugPane subject={subject} width={storyWidth} height={narrowPane} scroll={c.debugScroll} onMaxScroll={onDebugMax} />
        </ErrorBoundary>
      ) : null}
      {c.overlay?.kind === 'info' ? (
        <InfoOverlay title={c.overlay.title} text={c.overlay.text} width={storyWidth} height={overlayH} scroll={c.overlay.scroll} />
      ) : null}
      {c.overlay?.kind === 'tree' ? (
        <ListPicker title="Branches" items={c.overlay.items} selected={c.overlay.selected} height={overlayH} width={storyWidth} />
      ) : null}
      {c.overlay ? null : (
        <Composer
          editor={c.editor}
          width={storyWidth}
          maxLines={composerMax}
          placeholder={
            c.turns.length === 0
              ? 'What do you do? (Enter sends · /help)'
              : c.editingReply !== undefined
                ? 'edit the reply'
                : c.editing
                  ? 'edit your message'
                  : ''
          }
          suggestion={slashMatches.length === 1 ? `/${slashMatches[0].name}`.slice(c.editor.text.length) : undefined}
          disabled={Boolean(live)}
        />
      )}
      <StatusLine
        state={keyState}
        width={storyWidth}
        notice={quitArmed ? 'Press Ctrl+C again to quit (the session is saved).' : undefined}
      />
    </Box>
  );

  if (quitting) return <Transcript items={items} epoch={epoch} />;
  return (
    <>
      <Transcript items={items} epoch={epoch} />
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
    </>
  );
}
