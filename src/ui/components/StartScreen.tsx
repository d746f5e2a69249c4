/**
 * The start screen when no world was named: a picker of the bundled and installed worlds (filter
 * as you type), then of the chosen world's openings. It hands the choice to `onStart`.
 */
import { useEffect, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import type { Opening } from '../../world/types.js';
import { DEFAULT_WORLD_ID, type WorldListing } from '../../world/discover.js';
import { resolveKey } from '../keys.js';
import { useKeypress } from '../hooks/useKeypress.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { filterItems, ListPicker, type PickerItem } from './ListPicker.js';
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
}

type Step = { kind: 'worlds' } | { kind: 'openings'; worldId: string; title: string; openings: Opening[] };

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
export function StartScreen({ services, onStart, error, busy }: StartScreenProps) {
  const app = useApp();
  const { columns, rows } = useTerminalSize();
  const [worlds, setWorlds] = useState<PickerItem[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [step, setStep] = useState<Step>({ kind: 'worlds' });
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState(0);
  // Quitting draws one empty frame first, so the picker is not left on the player's screen.
  const [quitting, setQuitting] = useState(false);
  useEffect(() => {
    if (quitting) app.exit();
  }, [quitting, app]);

  useEffect(() => {
    services.listWorlds().then(
      (list) => setWorlds(worldItems(list)),
      (e: unknown) => setLoadError(`The worlds could not be listed (${e instanceof Error ? e.message : String(e)}).`),
    );
  }, [services]);

  const items: PickerItem[] =
    step.kind === 'worlds'
      ? filterItems(worlds ?? [], filter)
      : filterItems(
          step.openings.map((o) => ({ id: o.id, title: o.title, meta: o.id, detail: o.scene })),
          filter,
        );

  useKeypress((key) => {
    if (busy || quitting) return;
    const binding = resolveKey(key, {
      modal: true,
      generating: false,
      composerEmpty: filter === '',
      slash: false,
      onFirstLine: true,
      onLastLine: true,
      debugOpen: false,
      canRetry: false,
      hasTurn: false,
      earlierSelected: false,
    });
    switch (binding?.id) {
      case 'interrupt':
        setQuitting(true);
        return;
      case 'modal-close':
        if (step.kind === 'openings') {
          setStep({ kind: 'worlds' });
          setFilter('');
          setSelected(0);
        } else setQuitting(true);
        return;
      case 'modal-up':
      case 'modal-page-up':
        setSelected((s) => Math.max(0, s - (binding.id === 'modal-up' ? 1 : 5)));
        return;
      case 'modal-down':
      case 'modal-page-down':
        setSelected((s) => Math.min(items.length - 1, s + (binding.id === 'modal-down' ? 1 : 5)));
        return;
      case 'modal-accept': {
        const item = items[selected];
        if (!item) return;
        if (step.kind === 'openings') {
          onStart(step.worldId, item.id);
          return;
        }
        void services.openings(item.id).then(
          (openings) => {
            if (openings.length === 1) onStart(item.id, openings[0].id);
            else {
              setStep({ kind: 'openings', worldId: item.id, title: item.title, openings });
              setFilter('');
              setSelected(0);
            }
          },
          (e: unknown) => setLoadError(`World "${item.id}" could not be loaded (${e instanceof Error ? e.message : String(e)}).`),
        );
        return;
      }
      case 'delete-back':
        setFilter((f) => Array.from(f).slice(0, -1).join(''));
        setSelected(0);
        return;
      case 'clear-line':
      case 'delete-word':
        setFilter('');
        setSelected(0);
        return;
      default:
        if ((key.name === 'char' || key.name === 'text') && !key.ctrl && !key.meta) {
          setFilter((f) => f + key.text.replace(/[\r\n]/g, ' '));
          setSelected(0);
        }
    }
  });

  const height = Math.max(6, rows - 4);
  if (quitting) return null;
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
