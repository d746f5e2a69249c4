/**
 * The play screen's keys: each key resolves through the one table in `keys.ts` against the
 * screen's state and calls the controller's action for it. Keys typed while a resume loads (or
 * while the start screen made this story) are held and then applied in order.
 */
import { useEffect, useRef, type RefObject } from 'react';
import {
  backspace,
  deleteForward,
  deleteWord,
  EMPTY_EDITOR,
  insert,
  moveEnd,
  moveHome,
  moveWordLeft,
  moveWordRight,
  moveLeft,
  moveRight,
} from '../input/editor.js';
import { cursorLine, moveVisual } from '../components/Composer.js';
import { parseKeypress, splitCommandLine, type KeyEvent } from '../input/keypress.js';
import { resolveKey, type KeyState } from '../keys.js';
import { isCut } from '../text/blocks.js';
import type { Candidate } from '../../engine/types.js';
import { infoLines, scrollAtWidth } from '../components/InfoOverlay.js';
import { debugBodyHeight } from '../components/DebugPane.js';
import type { PlayController } from './usePlayController.js';
import { useChainedState } from './useChainedState.js';
import { useKeypress } from './useKeypress.js';
import { afterMs, type ScheduleNotice } from './useNotice.js';

const QUIT_WINDOW_MS = 3000;
const QUIT_AGAIN = 'Press Ctrl+C again to quit (the session is saved).';
const CLEARED_QUIT_AGAIN = 'Cleared: ↑ brings it back · Ctrl+C again quits (the session is saved)';

/** What the keys need of the screen as it was laid out for this render. */
export interface PlayKeyLayout {
  storyWidth: number;
  /** The overlay's height (help, /tree), for its page keys. */
  overlayH: number;
  /** The debug pane's height once open, for its page keys (F2 then PgDn in one chunk scrolls the pane F2 opened). */
  paneHeight: number;
  /** Lines the reply may take, and how far it can scroll. */
  replyBudget: number;
  maxScroll: number;
  /** The pane's furthest scroll, as it last drew: PgDn stops there, so PgUp moves back at once. */
  debugMax: RefObject<number>;
  /** The candidate shown on the live area (a cut one makes Ctrl+E continue it). */
  shownCandidate: Candidate | undefined;
}

export interface PlayKeysOptions {
  quitting: boolean;
  quit: () => void;
  scheduleNotice?: ScheduleNotice;
  /** Times the wait after ESC `[` or ESC `O` for the rest of a sequence (tests fire it themselves). */
  scheduleEscape?: ScheduleNotice;
  /** Keys are held while this is true, then applied in order. */
  loading: boolean;
  /** Keys typed on the start screen while this story was being made: applied first, in order. */
  typedAhead?: readonly KeyEvent[];
}

/** Routes the play screen's keys; returns the key state for the status line's hints and whether Ctrl+C is armed to quit. */
export function usePlayKeys(
  c: PlayController,
  layout: PlayKeyLayout,
  options: PlayKeysOptions,
): { keyState: KeyState; quitArmed: string | false } {
  const { storyWidth, overlayH, paneHeight, replyBudget, maxScroll, debugMax, shownCandidate } = layout;
  const { quitting, quit, scheduleNotice, scheduleEscape, loading, typedAhead } = options;
  const live = c.runner.live;
  // Chained: Ctrl+C twice in one chunk quits, Ctrl+C then a letter disarms. While armed: what the status line says.
  const [quitArmed, setQuitArmed, quitArmedNow] = useChainedState<string | false>(false);
  const cancelQuitWindow = useRef<(() => void) | undefined>(undefined);
  useEffect(() => () => cancelQuitWindow.current?.(), []);
  /** Keys that waited for a command's outcome to show: typed before the player saw it. */
  const unseen = useRef(new WeakSet<KeyEvent>());

  /** The state keys resolve against: as rendered (for the hints), or as the last key left it. */
  const keyStateFor = (now: boolean): KeyState => {
    const editor = now ? c.editorNow() : c.editor;
    const overlay = now ? c.overlayNow() : c.overlay;
    // Lines as the composer shows them: ↑ in a wrapped paragraph goes up a line, not back in the history.
    const { line, count } = cursorLine(editor, storyWidth);
    return {
      modal: Boolean(overlay),
      reading: overlay?.kind === 'info',
      // A run the key before started (Enter then Esc in one chunk) is going, though no frame shows it yet.
      generating: now ? c.runner.busy() : Boolean(live),
      commandPending: now ? c.commandPendingNow() : c.commandPending,
      composerEmpty: editor.text.length === 0,
      slash: editor.text.startsWith('/'),
      onFirstLine: line === 0,
      onLastLine: line === count - 1,
      debugOpen: now ? c.debugOpenNow() : c.debugOpen,
      canRetry: Boolean(c.runner.error?.retryable),
      hasTurn: c.turns.length > 0,
      canSwipeOpening: c.turns.length === 0 && !live && c.session.pack.openings.length > 1,
      earlierSelected: now ? c.earlierNow() : c.earlier,
      cutReply: !live && isCut(shownCandidate),
    };
  };
  const keyState = keyStateFor(false);

  const onKey = (key: KeyEvent) => {
    // Several keys can land before a render: the state is read as the key before left it.
    if (quitting) return;
    const overlay = c.overlayNow();
    const debugOpen = c.debugOpenNow();
    const binding = resolveKey(key, keyStateFor(true));
    if (binding?.id !== 'interrupt' && quitArmedNow()) setQuitArmed(false);
    const typed = !overlay && (key.name === 'text' || (key.name === 'char' && !key.meta)) && !key.ctrl;
    // A confirmation has been read once the player does something else (sticky notices stay).
    if (binding || typed) c.dismissNotice();
    switch (binding?.id) {
      case 'interrupt':
        if (quitArmedNow()) {
          quit();
          return;
        }
        c.runner.stop();
        c.stopCommand();
        {
          // What was typed is not lost to a Ctrl+C meant for the reply: it joins the history, where ↑ finds it.
          const draft = c.editorNow().text;
          if (draft.trim()) c.keepDraft(draft);
          c.setEditor(EMPTY_EDITOR);
          setQuitArmed(draft.trim() ? CLEARED_QUIT_AGAIN : QUIT_AGAIN);
        }
        cancelQuitWindow.current?.();
        cancelQuitWindow.current = (scheduleNotice ?? afterMs)(() => setQuitArmed(false), QUIT_WINDOW_MS);
        return;
      case 'toggle-debug':
        // Functional, as F2 F2 can arrive in one chunk (held while a resume loaded).
        c.setDebugOpen((open) => !open);
        return;
      case 'help':
        // At once, not through /help's command run, so the keys after F1 in the chunk scroll or close it.
        c.openHelp();
        return;
      case 'modal-close':
        c.setOverlay(undefined);
        return;
      case 'modal-up':
      case 'modal-down':
      case 'modal-page-up':
      case 'modal-page-down': {
        // A page is the overlay's body (its title and the status line take two rows), so PgDn starts at the line after the last shown.
        const page = Math.max(1, overlayH - 2);
        const step = binding.id === 'modal-up' ? -1 : binding.id === 'modal-down' ? 1 : binding.id === 'modal-page-up' ? -page : page;
        if (overlay?.kind === 'info') {
          const max = Math.max(0, infoLines(overlay.text, storyWidth).length - page);
          // From where it is on screen: a resize since the last key rewrapped the rows it counted.
          const at = scrollAtWidth(overlay.text, overlay.scroll, overlay.width ?? storyWidth, storyWidth);
          c.setOverlay({ ...overlay, scroll: Math.max(0, Math.min(max, at + step)), width: storyWidth });
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
        const step = (binding.id === 'scroll-up' ? -1 : 1) * Math.max(1, (debugOpen ? debugBodyHeight(paneHeight) : replyBudget) - 2);
        if (debugOpen) c.setDebugScroll((at) => Math.max(0, Math.min(debugMax.current, at + step)));
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
      case 'complete-back':
        c.completeSlash(binding.id === 'complete' ? 1 : -1);
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
      case 'cursor-down':
        c.setEditor((e) => moveVisual(e, storyWidth, binding.id === 'cursor-up' ? -1 : 1) ?? e);
        return;
      case 'cursor-word-left':
        c.setEditor(moveWordLeft);
        return;
      case 'cursor-word-right':
        c.setEditor(moveWordRight);
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
        else if (
          overlay?.kind === 'info' &&
          !unseen.current.has(key) &&
          (key.name === 'text' || (key.name === 'char' && !key.meta)) &&
          !key.ctrl
        ) {
          // Typing over a text being read (/world, /memory, the help) is the player's next message:
          // the overlay closes and the words go to the composer, where they were dropped before.
          // Letters that came before the overlay was on screen (in one read with the command's Enter) answer nothing in it.
          c.setOverlay(undefined);
          c.setEditor((e) => insert(e, key.text));
        }
    }
  };
  // Keys wait here, then go through `onKey` in order, as keys that land in one tick do: those typed
  // while a resume loads (or while the start screen made this story), and those after a command's
  // Enter until what the command opens is on screen (F1's help is at once; /help's once it ran).
  const held = useRef<KeyEvent[]>(typedAhead ? [...typedAhead] : []);
  const onKeyNow = useRef(onKey);
  onKeyNow.current = onKey;
  const loadingNow = useRef(loading);
  loadingNow.current = loading;
  const awaited = useRef<Promise<void> | undefined>(undefined);
  const release = () => {
    while (held.current.length > 0 && !loadingNow.current) {
      const showing = c.commandShowing();
      if (showing) {
        for (const waiting of held.current) unseen.current.add(waiting);
        if (awaited.current !== showing) {
          awaited.current = showing;
          void showing.then(() => releaseNow.current());
        }
        return;
      }
      const key = held.current.shift() as KeyEvent;
      const command = key.name === 'text' && !key.pasted && !c.overlayNow() && !c.editorNow().text ? splitCommandLine(key.text) : undefined;
      if (command) held.current.unshift(...command.map(parseKeypress));
      else onKeyNow.current(key);
    }
  };
  const releaseNow = useRef(release);
  releaseNow.current = release;
  useKeypress((key) => {
    // Ctrl+C never waits on a command (one that hangs would leave no way out).
    if (!loading && c.commandShowing() && resolveKey(key, keyStateFor(true))?.id === 'interrupt') return onKey(key);
    held.current.push(key);
    release();
  }, scheduleEscape);
  useEffect(() => {
    if (!loading) releaseNow.current();
  }, [loading]);

  return { keyState, quitArmed };
}
