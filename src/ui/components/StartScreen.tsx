/**
 * The start screen when no world was named: a picker of the bundled and installed worlds (filter
 * as you type), then of the chosen world's openings. It hands the choice to `onStart`.
 */
import { useEffect, useRef, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import type { Opening } from '../../world/types.js';
import { DEFAULT_WORLD_ID, type WorldListing } from '../../world/discover.js';
import { resolveKey } from '../keys.js';
import { useChainedState } from '../hooks/useChainedState.js';
import { useKeypress } from '../hooks/useKeypress.js';
import type { KeyEvent } from '../input/keypress.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { filterItems, ListPicker, type PickerItem } from './ListPicker.js';
import { oneLine } from '../../text/sanitize.js';
import { tint } from '../theme.js';

export interface StartServices {
  listWorlds(): Promise<WorldListing[]>;
  openings(worldId: string): Promise<Opening[]>;
}

export interface StartScreenProps {
  services: StartServices;
  onStart: (worldId: string, openingId: string) => void;
  /** A failure from starting the session, shown in place. */
  error?: string;
  busy?: boolean;
  /** Keys typed after the choice, while the story is being made: they belong to its composer. */
  onTypedAhead?: (key: KeyEvent) => void;
}

type Step =
  | { kind: 'worlds' }
  /** `back`: the world list's filter and selection as the player left them, for Esc to return to. */
  | { kind: 'openings'; worldId: string; title: string; openings: Opening[]; back: { filter: string; selected: number } };

interface View {
  step: Step;
  filter: string;
  /** Index into the filtered items. */
  selected: number;
}

const FIRST_VIEW: View = { step: { kind: 'worlds' }, filter: '', selected: 0 };

/** The default world comes first, so a first run is Enter, Enter away from a story. */
export function worldItems(worlds: WorldListing[]): PickerItem[] {
  const playable = worlds.filter((w) => !w.problems);
  const ordered = [...playable.filter((w) => w.id === DEFAULT_WORLD_ID), ...playable.filter((w) => w.id !== DEFAULT_WORLD_ID)];
  return ordered.map((w) => ({
    id: w.id,
    title: w.title,
    meta: [
      w.id === DEFAULT_WORLD_ID ? 'default' : '',
      w.language,
      w.rating,
      w.tags.slice(0, 4).join(', '),
      w.origin === 'installed' ? 'installed' : '',
    ]
      .filter(Boolean)
      .join(' · '),
    detail: w.summary,
  }));
}

/** The world picker, then the opening picker; keys resolve through the key table. */
export function StartScreen({ services, onStart, error, busy, onTypedAhead }: StartScreenProps) {
  const app = useApp();
  const { columns, rows } = useTerminalSize();
  const [worlds, setWorlds] = useState<PickerItem[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  // Chained: keys that arrive together (typed fast, pasted, or held while the TUI started and handed
  // over in one chunk) each act on what the one before left, not on the last render's values.
  const [view, setView, viewNow] = useChainedState<View>(FIRST_VIEW);
  const worldsRef = useRef<PickerItem[] | undefined>(undefined);
  // Keys that arrive while a list is loading wait for it, so Down Down Enter typed early picks
  // the third world rather than nothing.
  const loading = useRef(true);
  const queued = useRef<KeyEvent[]>([]);
  // Quitting draws one empty frame first, so the picker is not left on the player's screen.
  const [quitting, setQuitting] = useState(false);
  const quittingRef = useRef(false);
  const quit = () => {
    quittingRef.current = true;
    setQuitting(true);
  };
  useEffect(() => {
    if (quitting) app.exit();
  }, [quitting, app]);

  const itemsOf = (at: View): PickerItem[] =>
    at.step.kind === 'worlds'
      ? filterItems(worldsRef.current ?? [], at.filter)
      : filterItems(
          at.step.openings.map((o) => ({ id: o.id, title: o.title, meta: o.id, detail: o.scene })),
          at.filter,
        );

  const bindingOf = (key: KeyEvent) =>
    resolveKey(key, {
      modal: true,
      generating: false,
      composerEmpty: viewNow().filter === '',
      slash: false,
      onFirstLine: true,
      onLastLine: true,
      debugOpen: false,
      canRetry: false,
      hasTurn: false,
      earlierSelected: false,
    });

  // From the choice until the story is up (or failed to start), keys no longer belong to the
  // picker: a second Enter in the same chunk must not start a second story.
  const starting = useRef(false);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && !busy) starting.current = false;
    wasBusy.current = Boolean(busy);
  }, [busy]);
  const begin = (worldId: string, openingId: string) => {
    starting.current = true;
    // What came after the choice in the same chunk is the player's first line, typed ahead.
    for (const key of queued.current.splice(0)) onTypedAhead?.(key);
    onStart(worldId, openingId);
  };

  const drain = () => {
    for (let key = queued.current.shift(); key; key = queued.current.shift()) {
      apply(key);
      if (loading.current || starting.current || quittingRef.current) return;
    }
  };
  const loaded = () => {
    loading.current = false;
    drain();
  };

  function apply(key: KeyEvent) {
    const binding = bindingOf(key);
    const at = viewNow();
    const items = itemsOf(at);
    switch (binding?.id) {
      case 'interrupt':
        quit();
        return;
      case 'modal-close':
        if (at.step.kind === 'openings') setView({ step: { kind: 'worlds' }, ...at.step.back });
        else quit();
        return;
      case 'modal-up':
      case 'modal-page-up':
        setView({ ...at, selected: Math.max(0, at.selected - (binding.id === 'modal-up' ? 1 : 5)) });
        return;
      case 'modal-down':
      case 'modal-page-down':
        setView({ ...at, selected: Math.max(0, Math.min(items.length - 1, at.selected + (binding.id === 'modal-down' ? 1 : 5))) });
        return;
      case 'modal-accept': {
        const item = items[at.selected];
        if (!item) return;
        if (at.step.kind === 'openings') {
          begin(at.step.worldId, item.id);
          return;
        }
        loading.current = true;
        void services.openings(item.id).then(
          (openings) => {
            if (openings.length === 1) {
              loading.current = false;
              begin(item.id, openings[0].id);
              return;
            }
            const back = { filter: at.filter, selected: at.selected };
            setView({ step: { kind: 'openings', worldId: item.id, title: item.title, openings, back }, filter: '', selected: 0 });
            loaded();
          },
          (e: unknown) => {
            setLoadError(`World "${item.id}" could not be loaded (${e instanceof Error ? e.message : String(e)}).`);
            loaded();
          },
        );
        return;
      }
      case 'delete-back':
        setView({ ...at, filter: Array.from(at.filter).slice(0, -1).join(''), selected: 0 });
        return;
      case 'clear-line':
      case 'delete-word':
        setView({ ...at, filter: '', selected: 0 });
        return;
      default:
        if ((key.name === 'char' || key.name === 'text') && !key.ctrl && !key.meta)
          setView({ ...at, filter: at.filter + key.text.replace(/[\r\n]/g, ' '), selected: 0 });
    }
  }

  useEffect(() => {
    services.listWorlds().then(
      (list) => {
        const items = worldItems(list);
        worldsRef.current = items;
        setWorlds(items);
        loaded();
      },
      (e: unknown) => {
        setLoadError(`The worlds could not be listed (${e instanceof Error ? e.message : String(e)}).`);
        queued.current = [];
      },
    );
    // Listed once per mount; `loaded` only reads refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [services]);

  useKeypress((key) => {
    if (quittingRef.current) return;
    // Ctrl+C quits at once, even while a list is loading.
    if (bindingOf(key)?.id === 'interrupt') {
      quit();
      return;
    }
    if (busy || starting.current) {
      onTypedAhead?.(key);
      return;
    }
    if (loading.current) {
      queued.current.push(key);
      return;
    }
    apply(key);
  });

  const { step, filter, selected } = view;
  const items = itemsOf(view);

  // Never as tall as the terminal (6 rows: a title, an item and its detail), which Ink answers by
  // clearing the screen and the shell's scrollback above it on every frame.
  const height = Math.max(5, rows - 4);
  if (quitting) return null;
  // Too few rows for the list (its frame would be as tall as the terminal): the highlighted
  // choice in one line, so the arrows, the filter and Enter still show what they act on.
  if (rows < 6) {
    if (rows < 2) return null;
    if (worlds === undefined)
      return (
        <Text dimColor wrap="truncate-end">
          {loadError ?? 'Looking for worlds…'}
        </Text>
      );
    const shown = filterItems(items, filter);
    const item = shown[Math.max(0, Math.min(selected, shown.length - 1))];
    const what = step.kind === 'worlds' ? 'world' : 'opening';
    const note = busy ? 'Starting the story…' : (loadError ?? error);
    return (
      <Text wrap="truncate-end">
        {note ? <Text color={tint(busy ? 'yellow' : 'red')}>{note} · </Text> : null}
        {item ? `▸ ${oneLine(item.title)}` : `No ${what} matches`}
        <Text dimColor>
          {` (${item ? `${shown.indexOf(item) + 1}/` : ''}${shown.length})`}
          {filter ? ` · filter: ${filter}` : ''} · ↑/↓ Enter · taller shows the list
        </Text>
      </Text>
    );
  }
  return (
    <Box flexDirection="column" width={columns - 1}>
      <Text bold color={tint('cyan')}>
        skald
      </Text>
      {worlds === undefined && !loadError ? <Text dimColor>Looking for worlds…</Text> : null}
      {worlds !== undefined ? (
        <ListPicker
          title={step.kind === 'worlds' ? 'Pick a world' : `Pick an opening of ${step.title}`}
          items={items}
          filter={filter}
          selected={selected}
          height={height}
          width={columns - 1}
          empty={
            step.kind === 'worlds' && (worlds?.length ?? 0) === 0
              ? 'No worlds found; `skald worlds import` adds one.'
              : 'Nothing matches the filter.'
          }
        />
      ) : null}
      {busy ? <Text color={tint('yellow')}>Starting the story…</Text> : null}
      {loadError || error ? (
        <Text color={tint('red')} wrap="truncate-end">
          {loadError ?? error}
        </Text>
      ) : null}
      <Text dimColor wrap="truncate-end">
        type to filter · ↑/↓ move · Enter choose · Esc {step.kind === 'openings' ? 'back' : 'quit'}
      </Text>
    </Box>
  );
}
