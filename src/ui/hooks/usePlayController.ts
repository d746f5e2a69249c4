/**
 * The play screen's state and actions: the composer and its history, the selected turn, the
 * carousel, overlays, the debug pane and slash commands. It asks the Session for everything and
 * re-renders when the Session's store says it changed; commands come from src/commands and their
 * outcomes are shown here. The key routing (PlayScreen) only calls these actions.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { BranchSummary, SessionHandle } from '../../engine/session/index.js';
import type { PlayerInput, SessionEvent, Turn } from '../../engine/types.js';
import { redactSecrets } from '../../text/redact.js';
import { neutralize } from '../../text/sanitize.js';
import { argumentChoices as choicesFor, parseLine, runLine, type CommandOutcome } from '../../commands/index.js';
import { EMPTY_EDITOR, editorWith, type EditorState } from '../input/editor.js';
import { helpOverlay, infoOverlay, treeOverlay, type Overlay } from '../overlays.js';
import type { TuiServices } from '../services.js';
import { useChainedState } from './useChainedState.js';
import { activeCycle, tabStep, type TabCycle } from '../input/tab-cycle.js';
import { useNotice, type ScheduleNotice } from './useNotice.js';
import { useSessionRunner, type RunKind } from './useSessionRunner.js';
import { swipeStory } from './swipe.js';

/** A run of the session's events, kept so that `r` can run it again. */
interface LastRun {
  kind: RunKind;
  input?: PlayerInput;
  start: (signal: AbortSignal) => AsyncIterable<SessionEvent>;
}

/** Where the candidate watched being written went, when the ranking shows another first. */
function watchedElsewhere(turn: Turn, watched: string | undefined): string | undefined {
  const at = watched ? turn.candidates.findIndex((c) => c.id === watched) : -1;
  if (at < 0 || at === turn.chosen) return undefined;
  const count = turn.candidates.length;
  return `The critics ranked another candidate first, so it is shown; the one written on screen is ${at + 1}/${count} (${at > turn.chosen ? '→' : '←'} to it).`;
}

/** State and actions of the play screen for one session. */
export interface ControllerOptions {
  debug?: boolean;
  onQuit: () => void;
  /** Starts a new story (this one stays saved); absent when the TUI cannot build sessions. */
  restart?: (worldId: string, openingId?: string, persona?: string) => Promise<void>;
  /** How long a confirmation notice stays (tests shorten it). */
  noticeMs?: number;
  /** Puts a notice's expiry on a timer (tests fire it themselves). */
  scheduleNotice?: ScheduleNotice;
  /** What the composer starts with: a resumed story's unanswered message or unsent words. */
  draft?: string;
  /** The ids of the worlds `/world` can start a story in, for its Tab completion. */
  listWorlds?: () => Promise<readonly string[]>;
}

export function usePlayController(session: SessionHandle, services: TuiServices, options: ControllerOptions) {
  const runner = useSessionRunner(session);
  const current = useSyncExternalStore(session.subscribe, session.getSnapshot);
  // While a run streams, the live area shows it; the turn it commits joins the history when the
  // run ends, in the same frame the live area clears (showing both at once would print it twice).
  const heldRef = useRef(current);
  if (!runner.live) heldRef.current = current;
  const snapshot = heldRef.current;
  const turns = snapshot.turns;
  // Keys can arrive several in one tick (typed text then Enter): edits chain.
  const [editor, setEditor, editorNow] = useChainedState<EditorState>(() => (options.draft ? editorWith(options.draft) : EMPTY_EDITOR));
  // A resumed story's messages are in the history from the start; chained, so Up right after Enter recalls that line.
  const [, setSent, sentNow] = useChainedState<string[]>(() => session.turns().map((t) => t.input.text));
  // A resume shown from its log's end is swapped for the whole story: its history is the whole one's.
  const [sentOf, setSentOf] = useState(session);
  if (sentOf !== session) {
    setSentOf(session);
    setSent(session.turns().map((t) => t.input.text));
  }
  const historyAt = useRef<{ index: number; draft: string } | undefined>(undefined);
  // What the composer holds when the screen goes (a quit, a signal, the terminal closed) is kept for the next resume.
  // So are words a Ctrl+C cleared on the way to quitting: it clears the composer first, and a second one quits.
  const cleared = useRef<string | undefined>(undefined);
  const keptOnExit = useRef({ session, services, editorNow });
  keptOnExit.current = { session, services, editorNow };
  useEffect(
    () => () => {
      const { session: story, services: kept, editorNow: composer } = keptOnExit.current;
      const text = composer().text.trim() ? composer().text : cleared.current;
      if (text?.trim()) kept.keepDraft?.(story.id, text);
    },
    [],
  );
  // Chained, as the next key in the chunk acts on them: Alt+Up then Ctrl+R, F2 then PgDn.
  const [selection, setSelection, selectionNow] = useChainedState<number | undefined>(undefined);
  const [debugOpen, setDebugOpen, debugOpenNow] = useChainedState(Boolean(options.debug));
  const [debugScroll, setDebugScroll] = useState(0);
  const [replyScroll, setReplyScroll] = useState(0);
  // Like the editor: Down Down Enter in one chunk moves twice, then picks where it landed.
  const [overlay, setOverlay, overlayNow] = useChainedState<Overlay | undefined>(undefined);
  const { notice, setNotice, dismissNotice } = useNotice(options.noticeMs, options.scheduleNotice);
  const [editing, setEditing] = useState(false);
  // The turn whose reply the composer holds (`/edit --reply`); sending keeps it as an edited version.
  const [editingReply, setEditingReply] = useState<number | undefined>();
  const lastRun = useRef<LastRun | undefined>(undefined);
  // The command waiting on the model (a draft), which Esc stops; `commandPending` for the keys and hints.
  const commandRun = useRef<AbortController | undefined>(undefined);
  const [commandPending, setCommandPending] = useState(false);
  // While a quick command runs, what it opens (the help, /tree) is not on screen yet: the keys
  // after its Enter wait for this, so they act there and not on the composer (usePlayKeys).
  const commandShowing = useRef<Promise<void> | undefined>(undefined);
  const holdKeys = useCallback(() => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    commandShowing.current = held;
    return () => {
      if (commandShowing.current === held) commandShowing.current = undefined;
      release();
    };
  }, []);
  const typedAt = useRef<number | undefined>(undefined);
  // The message of a run that failed without a turn, shown under the reply as not sent until the next run.
  const [unsent, setUnsent] = useState<string | undefined>();

  const latest = turns[turns.length - 1];
  const selectedAt = useCallback(
    (at: number | undefined) => (at !== undefined ? turns.find((t) => t.number === at) : latest),
    [turns, latest],
  );
  const earlierAt = useCallback((at: number | undefined) => at !== undefined && latest !== undefined && at < latest.number, [latest]);
  const selected = selectedAt(selection);
  const earlier = earlierAt(selection);

  const startRun = useCallback(
    async (run: LastRun) => {
      // Refused while another runs (Enter then Ctrl+R in one chunk): a refused run changes nothing,
      // least of all the run that r retries.
      if (runner.busy()) return;
      lastRun.current = run;
      setNotice(undefined);
      setUnsent(undefined);
      setReplyScroll(0);
      setDebugScroll(0);
      // The message is the player's until a turn holds it: kept beside the story while the reply is written, so a
      // crash or a closed terminal does not take it (a resume puts it back in the composer).
      const message = (run.kind === 'play' || run.kind === 'edit') && run.input ? run.input.text : undefined;
      if (message !== undefined) services.keepDraft?.(session.id, message);
      const outcome = await runner.run(run.kind, run.start, run.input);
      if (message !== undefined && outcome?.turn) services.keepDraft?.(session.id, undefined);
      // The reply the player read as it was written may not be the one the ranking shows first: say where it went.
      const moved = outcome?.turn && watchedElsewhere(outcome.turn, outcome.watched);
      if (moved) setNotice(moved);
      const failed = Boolean(outcome && !outcome.turn && outcome.error);
      const refused = failed && !outcome?.error?.retryable;
      if ((run.kind === 'play' || run.kind === 'edit') && run.input && failed) {
        if (refused && !editorNow().text) {
          // A message refused before it was sent (too long, over the context budget, a key the endpoint
          // turns away) goes back into the composer to be cut down or sent again.
          setEditor(editorWith(run.input.text));
          // Still an edit of the last message: sent again, it replaces it rather than adding a turn.
          if (run.kind === 'edit') setEditing(true);
        } else {
          // One that r retries stays out of the composer (r is a key there), but on screen: the
          // player sees what they wrote, under the reply it answered (the reply scrolled to its end).
          setUnsent(run.input.text);
          setReplyScroll(Number.MAX_SAFE_INTEGER);
        }
      }
      typedAt.current = Date.now();
      setSelection(undefined);
    },
    [runner, setNotice, setEditor, editorNow, setSelection, services, session],
  );

  const playLine = useCallback(
    async (text: string) => {
      const input = { text, ...(typedAt.current !== undefined ? { latencyMs: Date.now() - typedAt.current } : {}) };
      await startRun({ kind: 'play', input, start: (signal) => session.play(input, { signal }) });
    },
    [session, startRun],
  );

  const openInfo = useCallback((title: string, text: string) => setOverlay(infoOverlay(title, text)), [setOverlay]);
  const openTree = useCallback(
    (branches: readonly BranchSummary[] = session.tree()) => setOverlay(treeOverlay(branches)),
    [session, setOverlay],
  );

  const restartWith = useCallback(
    async (story: Extract<CommandOutcome, { kind: 'new-story' }>['story']) => {
      if (!options.restart) return setNotice(`Start that story with \`skald play ${neutralize(story.cli)}\`.`);
      setNotice(`Starting a new story${story.label} (this one is saved; \`skald play --resume ${session.id}\` continues it)…`, {
        sticky: true,
      });
      try {
        await options.restart(story.worldId, story.openingId, story.persona);
      } catch (failure) {
        // This story goes on as it was: why the other did not start is read once, as a refused
        // command's reason is (a mistyped id), not an error that stays through every later key.
        setNotice(neutralize(failure instanceof Error ? failure.message : String(failure)));
      }
    },
    [options, session.id, setNotice],
  );

  /** Shows what a command did: every outcome kind has its case, or this does not compile. */
  const show = useCallback(
    async (outcome: CommandOutcome): Promise<void> => {
      switch (outcome.kind) {
        case 'turn':
          return startRun({
            kind: outcome.run,
            ...(outcome.input ? { input: outcome.input } : {}),
            start: (signal) => outcome.start(signal),
          });
        case 'done':
          if (outcome.moved) setSelection(undefined);
          if (outcome.compose !== undefined && editorNow().text.trim()) {
            // The player typed while the command ran (a draft takes a while): their words stay.
            return setNotice('You had started typing, so your text was kept; run the command again for the text it had for the composer.');
          }
          if (outcome.compose !== undefined) setEditor(editorWith(outcome.compose));
          return setNotice(outcome.notice);
        case 'compose':
          setEditor(editorWith(outcome.text));
          setEditing(outcome.editing);
          setEditingReply(outcome.replyTurn);
          return setNotice(outcome.notice, outcome.editing || outcome.replyTurn !== undefined ? { sticky: true } : undefined);
        case 'refused':
          // A typo is read and retyped: a notice, gone at the next key, not an error that stays.
          return setNotice(outcome.message);
        case 'info':
          return openInfo(outcome.title, outcome.text);
        case 'branches':
          return openTree(outcome.branches);
        case 'help':
          return setOverlay(helpOverlay());
        case 'new-story':
          return restartWith(outcome.story);
        case 'toggle-debug':
          return setDebugOpen((open) => !open);
        case 'quit':
          return options.onQuit();
        default: {
          const unhandled: never = outcome;
          throw new Error(`The TUI cannot show the outcome ${JSON.stringify(unhandled)}.`);
        }
      }
    },
    [startRun, setEditor, editorNow, setNotice, setSelection, setDebugOpen, setOverlay, openInfo, openTree, restartWith, options],
  );

  const runSlash = useCallback(
    async (text: string) => {
      const line = parseLine(text);
      if (line.kind === 'say') return playLine(line.text);
      const target = selectedAt(selectionNow());
      // A command that waits on the model (a draft) can be stopped with Esc, as a reply can.
      const waiting = line.command?.pending ? new AbortController() : undefined;
      if (line.command?.pending) setNotice(line.command.pending, { sticky: true });
      if (waiting) {
        commandRun.current = waiting;
        setCommandPending(true);
      }
      // Any other command: the keys after its Enter wait until what it opens is on screen. Not a
      // draft's, which the player types on through while the model writes it, and Esc stops.
      const release = waiting ? undefined : holdKeys();
      let outcome: CommandOutcome;
      try {
        outcome = await runLine(line, {
          session,
          services,
          frontEnd: 'tui',
          streaming: Boolean(runner.live),
          composer: true,
          ...(target ? { selectedTurn: target.number } : {}),
          ...(waiting ? { signal: waiting.signal } : {}),
        });
      } catch (failure) {
        setNotice(undefined);
        runner.setError({
          message: redactSecrets(neutralize(failure instanceof Error ? failure.message : String(failure))),
          retryable: false,
        });
        release?.();
        return;
      } finally {
        if (waiting && commandRun.current === waiting) {
          commandRun.current = undefined;
          setCommandPending(false);
        }
      }
      // On screen once `show` is under way: an overlay or a notice set, a run started.
      const showing = show(outcome);
      release?.();
      await showing;
    },
    [session, services, runner, selectedAt, selectionNow, show, playLine, setNotice, holdKeys],
  );

  const send = useCallback(async () => {
    const raw = editorNow().text;
    const text = raw.trim();
    if (!text) return;
    setEditor(EMPTY_EDITOR);
    historyAt.current = undefined;
    cleared.current = undefined;
    setSent((prev) => (prev[prev.length - 1] === raw ? prev : [...prev, raw]));
    if (text.startsWith('/')) {
      await runSlash(text);
      return;
    }
    if (editingReply !== undefined) {
      const turn = editingReply;
      setEditingReply(undefined);
      await startRun({ kind: 'edit-reply', start: () => session.editReply(text, turn) });
      return;
    }
    if (editing) {
      setEditing(false);
      await startRun({ kind: 'edit', input: { text }, start: (signal) => session.edit(text, { signal }) });
      return;
    }
    await playLine(text);
  }, [editing, editingReply, runSlash, startRun, playLine, session, setEditor, editorNow, setSent]);

  // One after another, each on the story the one before left: → → in one chunk moves two candidates.
  const swipes = useRef<Promise<void>>(Promise.resolve());
  const swipe = useCallback(
    (delta: number) => {
      const at = selectionNow();
      const effects = { setNotice, setReplyScroll, selectLatest: () => setSelection(undefined) };
      const run = () => swipeStory(session, runner, at, delta, effects);
      // A swipe that failed (its error is shown) does not hold back the next.
      swipes.current = swipes.current.then(run, run);
      return swipes.current;
    },
    [selectionNow, runner, session, setNotice, setSelection],
  );

  const regenerate = useCallback(async () => {
    const selected = selectedAt(selectionNow());
    if (!selected) return;
    const turn = selected.number;
    await startRun({ kind: 'regenerate', start: (signal) => session.regenerate(turn, { signal }) });
  }, [selectedAt, selectionNow, startRun, session]);

  const continueReply = useCallback(async () => {
    const selected = selectedAt(selectionNow());
    if (!selected) return;
    const turn = selected.number;
    await startRun({ kind: 'continue', start: (signal) => session.continueReply(turn, { signal }) });
  }, [selectedAt, selectionNow, startRun, session]);

  const retry = useCallback(async () => {
    if (lastRun.current) await startRun(lastRun.current);
  }, [startRun]);

  const select = useCallback(
    (delta: number) => {
      if (!latest) return;
      // Functional: Alt+Up twice in one chunk steps back two turns.
      setSelection((selected) => {
        const next = Math.max(1, Math.min(latest.number, (selected ?? latest.number) + delta));
        return next === latest.number ? undefined : next;
      });
      setDebugScroll(0);
      setReplyScroll(0);
    },
    [latest, setSelection],
  );

  const historyStep = useCallback(
    (delta: number) => {
      const sent = sentNow();
      if (sent.length === 0) return;
      const at = historyAt.current ?? { index: sent.length, draft: editorNow().text };
      const index = Math.max(0, Math.min(sent.length, at.index + delta));
      historyAt.current = { ...at, index };
      setEditor(editorWith(index === sent.length ? at.draft : sent[index]));
    },
    [sentNow, setEditor, editorNow],
  );

  /** Keeps a draft the player cleared in the composer's history, so ↑ brings it back. */
  const keepDraft = useCallback(
    (text: string) => {
      historyAt.current = undefined;
      cleared.current = text;
      setSent((prev) => (prev[prev.length - 1] === text ? prev : [...prev, text]));
    },
    [setSent],
  );

  // The worlds are read from disk once the player starts a command, not for every story that never
  // types one; a Tab before they are read completes nothing, as an unknown argument does.
  const [worlds, setWorlds] = useState<readonly string[] | undefined>();
  const worldsAsked = useRef(false);
  const commandTyped = editor.text.startsWith('/');
  const { listWorlds } = options;
  useEffect(() => {
    if (!commandTyped || !listWorlds || worldsAsked.current) return;
    worldsAsked.current = true;
    listWorlds().then(setWorlds, () => undefined);
  }, [commandTyped, listWorlds]);
  // A new set per story and per change of it; each command's values are read only once its argument is typed (complete.ts).
  const argumentChoices = useMemo(
    () => choicesFor({ session, services, ...(worlds ? { worlds } : {}) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `snapshot` is the trigger: a new story state means new choices, read through `session`.
    [session, services, snapshot, worlds],
  );
  // Tab's matches while it cycles through them (tab-cycle.ts): kept for the keys of one chunk, as the composer is.
  const [tabCycle, setTabCycle, tabCycleNow] = useChainedState<TabCycle | undefined>(undefined);
  const completeSlash = useCallback(
    (step: 1 | -1 = 1) => {
      const next = tabStep(editorNow().text, tabCycleNow(), step, argumentChoices);
      setTabCycle(next.cycle);
      setEditor(editorWith(next.text));
    },
    [setEditor, editorNow, argumentChoices, setTabCycle, tabCycleNow],
  );

  /** Applies an edit to the latest composer state (several keys may land before a render). */
  const edit = useCallback(
    (change: EditorState | ((e: EditorState) => EditorState)) => {
      if (typedAt.current === undefined) typedAt.current = Date.now();
      setEditor(change);
      if (editorNow().text === '' && (editing || editingReply !== undefined)) {
        // Clearing the composer cancels the edit: its notice would now say the wrong thing.
        setEditing(false);
        setEditingReply(undefined);
        setNotice(undefined);
      }
    },
    [editing, editingReply, setEditor, editorNow, setNotice],
  );

  return {
    session,
    snapshot,
    runner,
    turns,
    latest,
    selected,
    earlier,
    selection,
    editor,
    setEditor: edit,
    editing,
    editingReply,
    /** The text of the message whose run failed without a turn (shown as not sent). */
    unsent,
    /**
     * What r does after a retryable error, for the error's notice: nothing once the composer has
     * text, where r is typed, nor while the run goes on (a candidate failed, another still writes):
     * the key table retries only from an empty composer, once nothing runs.
     */
    retryHint:
      editor.text || runner.live
        ? unsent !== undefined
          ? '↑ edits it'
          : ''
        : unsent !== undefined
          ? 'r sends it again · ↑ edits it'
          : 'r tries again',
    /** The composer as of the last key, which may be newer than this render's `editor`. */
    editorNow,
    debugOpen,
    setDebugOpen,
    /** The pane's state and the selection as of the last key, which may be newer than this render's. */
    debugOpenNow,
    earlierNow: () => earlierAt(selectionNow()),
    debugScroll,
    setDebugScroll,
    replyScroll,
    setReplyScroll,
    overlay,
    setOverlay,
    /** The overlay as of the last key, which may be newer than this render's `overlay`. */
    overlayNow,
    notice,
    setNotice,
    dismissNotice,
    openTree,
    openHelp: () => setOverlay(helpOverlay()),
    send,
    swipe,
    regenerate,
    continueReply,
    retry,
    select,
    historyStep,
    keepDraft,
    completeSlash,
    /** Tab's matches while the composer holds one of them (the list shows which). */
    tabCycle: activeCycle(editor.text, tabCycle),
    runSlash,
    argumentChoices,
    commandPending,
    /** A command waits on the model now (set at its Enter, before a frame shows it). */
    commandPendingNow: () => commandRun.current !== undefined,
    /** While a command's outcome is not on screen yet: settles once it is (the keys after its Enter wait for it). */
    commandShowing: () => commandShowing.current,
    /** Stops the command waiting on the model, if one is. */
    stopCommand: () => commandRun.current?.abort(),
    switchBranch: async (leafId: string) => {
      // Closed at once: keys typed after Enter in the same chunk are for the composer, not the picker.
      setOverlay(undefined);
      // Enter on the branch being played (the one /tree opens on) changes nothing: it says so.
      if (session.tree().some((b) => b.active && b.leafId === leafId)) {
        setNotice('Still on this branch: it is the one being played.');
        return;
      }
      await runner.act(() => session.switchBranch(leafId));
      setSelection(undefined);
      setNotice('Switched branch.');
    },
  };
}

export type PlayController = ReturnType<typeof usePlayController>;
