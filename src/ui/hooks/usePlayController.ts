/**
 * The play screen's state and actions: the composer and its history, the selected turn, the
 * carousel, overlays, the debug pane and slash commands. It asks the Session for everything; the
 * key routing (PlayScreen) only calls these actions.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { SessionHandle } from '../../engine/session-api.js';
import type { Turn } from '../../engine/types.js';
import { neutralize } from '../../text/sanitize.js';
import { complete, completeArgument, parseCommand } from '../commands.js';
import { EMPTY_EDITOR, editorWith, type EditorState } from '../input/editor.js';
import { helpText, memoryText, openingText, personaText, storyMarkdown, worldText } from '../info.js';
import type { PickerItem } from '../components/ListPicker.js';
import type { TuiServices } from '../services.js';
import { modelCommand, narratorNames } from '../model-switch.js';
import { newStoryFor } from '../new-story.js';
import { useNotice } from './useNotice.js';
import { useSessionRunner, type RunKind } from './useSessionRunner.js';

export type Overlay =
  | { kind: 'info'; title: string; text: string; scroll: number }
  | { kind: 'tree'; items: PickerItem[]; selected: number };

interface LastRun {
  kind: RunKind;
  text?: string;
  turn?: number;
}

/** State and actions of the play screen for one session. */
export interface ControllerOptions {
  debug?: boolean;
  onQuit: () => void;
  /** Starts a new story (this one stays saved); absent when the TUI cannot build sessions. */
  restart?: (worldId: string, openingId?: string, persona?: string) => Promise<void>;
  /** How long a confirmation notice stays (tests shorten it). */
  noticeMs?: number;
}

export function usePlayController(session: SessionHandle, services: TuiServices, options: ControllerOptions) {
  const runner = useSessionRunner(session);
  const turns = useMemo<readonly Turn[]>(() => session.turns(), [session, runner.version]);
  const [editor, setEditorState] = useState<EditorState>(EMPTY_EDITOR);
  // Keys can arrive several in one tick (typed text then Enter): edits chain through this ref.
  const editorRef = useRef<EditorState>(EMPTY_EDITOR);
  const setEditor = useCallback((next: EditorState | ((e: EditorState) => EditorState)) => {
    editorRef.current = typeof next === 'function' ? next(editorRef.current) : next;
    setEditorState(editorRef.current);
  }, []);
  // A resumed story's messages are in the history from the start.
  const [sent, setSent] = useState<string[]>(() => session.turns().map((t) => t.input.text));
  const historyAt = useRef<{ index: number; draft: string } | undefined>(undefined);
  const [selection, setSelection] = useState<number | undefined>();
  const [debugOpen, setDebugOpen] = useState(Boolean(options.debug));
  const [debugScroll, setDebugScroll] = useState(0);
  const [replyScroll, setReplyScroll] = useState(0);
  const [overlay, setOverlay] = useState<Overlay | undefined>();
  const { notice, setNotice, dismissNotice } = useNotice(options.noticeMs);
  const [editing, setEditing] = useState(false);
  const lastRun = useRef<LastRun | undefined>(undefined);
  const typedAt = useRef<number | undefined>(undefined);

  const latest = turns[turns.length - 1];
  const selected = selection !== undefined ? turns.find((t) => t.number === selection) : latest;
  const earlier = selection !== undefined && latest !== undefined && selection < latest.number;

  const startRun = useCallback(async (run: LastRun) => {
    lastRun.current = run;
    setNotice(undefined);
    setReplyScroll(0);
    setDebugScroll(0);
    if (run.kind === 'play') {
      const input = { text: run.text ?? '', ...(typedAt.current !== undefined ? { latencyMs: Date.now() - typedAt.current } : {}) };
      await runner.run('play', (signal) => session.play(input, { signal }), input);
    } else if (run.kind === 'edit') {
      await runner.run('edit', (signal) => session.edit(run.text ?? '', { signal }), { text: run.text ?? '' });
    } else {
      await runner.run('regenerate', (signal) => session.regenerate(run.turn, { signal }));
    }
    typedAt.current = Date.now();
    setSelection(undefined);
  }, [runner, session]);

  const openInfo = useCallback((title: string, text: string) => setOverlay({ kind: 'info', title, text, scroll: 0 }), []);

  const openTree = useCallback(() => {
    const items: PickerItem[] = session.tree().map((b) => ({
      id: b.leafId,
      title: `${b.turns} turn${b.turns === 1 ? '' : 's'} · ${b.lastInput ? `“${b.lastInput.slice(0, 60)}”` : 'the opening'}`,
      meta: b.active ? 'active branch' : `leaves at turn ${b.forkTurn}`,
      current: b.active,
    }));
    setOverlay({ kind: 'tree', items, selected: Math.max(0, items.findIndex((i) => i.current)) });
  }, [session]);

  const runSlash = useCallback(async (text: string) => {
    const { command, name, args } = parseCommand(text);
    if (!command) {
      // A typo is read and retyped: a notice, gone at the next key, not an error that stays.
      setNotice(`There is no command /${name}; /help lists them.`);
      return;
    }
    switch (command.id) {
      case 'regen':
        if (turns.length === 0) setNotice('There is no reply to regenerate yet; send a message first.');
        else await startRun({ kind: 'regenerate', turn: selected?.number });
        return;
      case 'undo': {
        const undone = await runner.act(() => session.undo());
        setSelection(undefined);
        if (undone) {
          setEditor(editorWith(undone.text));
          setNotice('Rewound one turn (it stays in /tree); your message is back in the composer.');
        } else setNotice('Nothing to undo.');
        return;
      }
      case 'edit':
        if (!latest) {
          setNotice('There is no message to edit yet.');
          return;
        }
        setEditor(editorWith(latest.input.text));
        setEditing(true);
        setNotice('Editing your last message: Enter regenerates the reply as a new branch (the old one stays in /tree).', { sticky: true });
        return;
      case 'remember': {
        if (!args) {
          setNotice('Say what to remember: /remember <fact>.');
          return;
        }
        const fact = await runner.act(() => session.remember(args));
        if (fact) setNotice(`Pinned: ${neutralize(fact.text)}`);
        return;
      }
      case 'forget': {
        const facts = session.memory().facts;
        const n = Number(args);
        const fact = Number.isInteger(n) && n >= 1 ? facts[n - 1] : facts.find((f) => f.id === args);
        if (!fact) {
          setNotice(`There is no fact ${args || '(none given)'}; /memory numbers them.`);
          return;
        }
        const ok = await runner.act(() => session.forget(fact.id));
        setNotice(ok ? `Forgot: ${neutralize(fact.text)}` : `Fact ${args} could not be forgotten.`);
        return;
      }
      case 'memory': return openInfo('Memory', memoryText(session));
      case 'world':
      case 'opening':
      case 'persona': {
        if (!args) {
          const [title, text] = command.id === 'world' ? ['World', worldText(session)] : command.id === 'opening' ? ['Opening', openingText(session)] : ['Persona', personaText(session, services.personas())];
          return openInfo(title, text);
        }
        const story = newStoryFor(command.id, args, session);
        if ('problem' in story) return setNotice(story.problem);
        if (!options.restart) return setNotice(`Start that story with \`skald play ${neutralize(story.cli)}\`.`);
        setNotice(`Starting a new story${story.label} (this one is saved; \`skald play --resume ${session.id}\` continues it)…`, { sticky: true });
        try {
          await options.restart(story.worldId, story.openingId, story.persona);
        } catch (failure) {
          setNotice(undefined);
          runner.setError({ message: neutralize(failure instanceof Error ? failure.message : String(failure)), retryable: false });
        }
        return;
      }
      case 'model': {
        const outcome = await modelCommand(session, services, args, Boolean(runner.live));
        if ('overlay' in outcome) return openInfo('Model', outcome.overlay);
        if (outcome.switched) runner.bump(); // the header shows the new narrator
        setNotice(outcome.notice);
        return;
      }
      case 'help': return openInfo('Help', helpText());
      case 'sessions': return openInfo('Sessions', services.sessionsText(session.id));
      case 'tree': return openTree();
      case 'debug':
        setDebugOpen((open) => !open);
        return;
      case 'export': {
        const path = await runner.act(() => services.exportMarkdown(session.id, storyMarkdown(session, turns)));
        if (path) setNotice(`Exported this branch to ${path}`);
        return;
      }
      case 'quit':
        options.onQuit();
        return;
    }
  }, [runner, session, services, turns, selected, latest, startRun, openInfo, openTree, options]);

  const send = useCallback(async () => {
    const raw = editorRef.current.text;
    const text = raw.trim();
    if (!text) return;
    setEditor(EMPTY_EDITOR);
    historyAt.current = undefined;
    setSent((prev) => (prev[prev.length - 1] === raw ? prev : [...prev, raw]));
    if (text.startsWith('/')) {
      await runSlash(text);
      return;
    }
    if (editing) {
      setEditing(false);
      await startRun({ kind: 'edit', text });
      return;
    }
    await startRun({ kind: 'play', text });
  }, [editing, runSlash, startRun, setEditor]);

  const swipe = useCallback(async (delta: number) => {
    if (!selected) {
      // Before the first turn: the world's openings, as a card's greetings are swiped.
      const openings = session.pack.openings;
      const next = openings.findIndex((o) => o.id === session.opening.id) + delta;
      if (turns.length > 0 || openings.length < 2 || next < 0 || next >= openings.length) return;
      await runner.act(() => session.chooseOpening(openings[next]!.id));
      return;
    }
    const next = selected.chosen + delta;
    if (next < 0 || next >= selected.candidates.length) {
      if (delta > 0 && !earlier) setNotice('That was the last candidate: Ctrl+R writes another.');
      return;
    }
    setNotice(earlier ? `Turn ${selected.number}: a new branch from candidate ${next + 1} (the old branch stays in /tree).` : undefined);
    setReplyScroll(0);
    await runner.act(() => session.choose(selected.number, next));
    if (earlier) setSelection(undefined);
  }, [selected, earlier, runner, session, turns.length]);

  const regenerate = useCallback(async () => {
    if (!selected) return;
    await startRun({ kind: 'regenerate', turn: selected.number });
  }, [selected, startRun]);

  const retry = useCallback(async () => {
    if (lastRun.current) await startRun(lastRun.current);
  }, [startRun]);

  const select = useCallback((delta: number) => {
    if (!latest) return;
    const current = selection ?? latest.number;
    const next = Math.max(1, Math.min(latest.number, current + delta));
    setSelection(next === latest.number ? undefined : next);
    setDebugScroll(0);
    setReplyScroll(0);
  }, [latest, selection]);

  const historyStep = useCallback((delta: number) => {
    if (sent.length === 0) return;
    const at = historyAt.current ?? { index: sent.length, draft: editorRef.current.text };
    const index = Math.max(0, Math.min(sent.length, at.index + delta));
    historyAt.current = { ...at, index };
    setEditor(editorWith(index === sent.length ? at.draft : sent[index]));
  }, [sent, setEditor]);

  const argumentChoices = useMemo(() => ({ opening: session.pack.openings.map((o) => o.id), model: narratorNames(services) }), [session, services]);
  const completeSlash = useCallback(
    () => setEditor((e) => editorWith(/^\/\S+\s/.test(e.text) ? completeArgument(e.text, argumentChoices) : complete(e.text))),
    [setEditor, argumentChoices],
  );

  /** Applies an edit to the latest composer state (several keys may land before a render). */
  const edit = useCallback((change: EditorState | ((e: EditorState) => EditorState)) => {
    if (typedAt.current === undefined) typedAt.current = Date.now();
    setEditor(change);
    if (editorRef.current.text === '' && editing) {
      // Clearing the composer cancels the edit: its notice would now say the wrong thing.
      setEditing(false);
      setNotice(undefined);
    }
  }, [editing, setEditor]);

  return {
    session, runner, turns, latest, selected, earlier, selection, editor, setEditor: edit, editing,
    /** The composer as of the last key, which may be newer than this render's `editor`. */
    editorNow: () => editorRef.current,
    debugOpen, setDebugOpen, debugScroll, setDebugScroll, replyScroll, setReplyScroll,
    overlay, setOverlay, notice, setNotice, dismissNotice, openTree,
    send, swipe, regenerate, retry, select, historyStep, completeSlash, runSlash, argumentChoices,
    switchBranch: async (leafId: string) => {
      await runner.act(() => session.switchBranch(leafId));
      setSelection(undefined);
      setOverlay(undefined);
      setNotice('Switched branch.');
    },
  };
}

export type PlayController = ReturnType<typeof usePlayController>;
