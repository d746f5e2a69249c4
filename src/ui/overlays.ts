/**
 * The overlays that swap in for the composer: a text to read (help, memory, a command's report)
 * or the branches of the story to pick from (/tree).
 */
import type { BranchSummary } from '../engine/session/index.js';
import type { PickerItem } from './components/ListPicker.js';
import { helpText } from './info.js';

export type Overlay =
  | {
      kind: 'info';
      title: string;
      text: string;
      /** Rows from the top, wrapped to `width` (none: scrolled at no width yet, as at the top). */
      scroll: number;
      width?: number;
    }
  | { kind: 'tree'; items: PickerItem[]; selected: number };

/** A text to read, from its top. */
export function infoOverlay(title: string, text: string): Overlay {
  return { kind: 'info', title, text, scroll: 0 };
}

/** The keys and commands (F1, /help). */
export function helpOverlay(): Overlay {
  return infoOverlay('Help', helpText());
}

/** The story's branches, the active one highlighted. */
export function treeOverlay(branches: readonly BranchSummary[]): Overlay {
  const items: PickerItem[] = branches.map((b) => ({
    id: b.leafId,
    // From where it is another story than the one on screen ("leaves at turn 5" read as the turn it was left at),
    // before the last message: a long one ran past the terminal's width and cut this off, and branches whose
    // messages began alike looked the same.
    title: `${b.turns} turn${b.turns === 1 ? '' : 's'} · ${b.active ? 'active branch' : `differs from turn ${b.forkTurn} on`}`,
    meta: b.lastInput ? `“${b.lastInput.slice(0, 60)}”` : 'the opening',
    current: b.active,
  }));
  return {
    kind: 'tree',
    items,
    selected: Math.max(
      0,
      items.findIndex((i) => i.current),
    ),
  };
}
