/**
 * The story so far, printed once above the live area: each finished block is written when it is
 * appended and never drawn again, so a render costs the same at turn 5 and turn 500. `epoch`
 * starts a new printing (after a branch change or a width change, once the screen is cleared).
 *
 * Rows are printed as styled text through Ink's own stdout writer (which lifts the live area,
 * writes above it and draws it again), not through `<Static>`: Ink lays out and re-parses every
 * character `<Static>` prints, which cost a resumed story seconds before its first frame.
 */
import { createContext, useContext, useLayoutEffect, useState } from 'react';
import { useStdout } from 'ink';
import type { Line } from '../text/wrap.js';
import { historyText } from '../text/ansi.js';

export interface HistoryItem {
  key: string;
  lines: Line[];
}

/**
 * Where printed history goes. Unset, it is Ink's stdout writer; a test can collect it instead
 * (ink-testing-library keeps a written block only in the frame it was written in).
 */
export const HistoryOutput = createContext<((text: string) => void) | undefined>(undefined);

/** Prints the rows not printed yet, in order, in the commit that adds them. */
function Printer({ items, held }: { items: HistoryItem[]; held: boolean }) {
  const { write } = useStdout();
  const print = useContext(HistoryOutput) ?? write;
  // State, as `<Static>` keeps it: the update from a layout effect is synchronous, so React also
  // runs the screen's pending effects at once and its keys are live when its history shows.
  const [printed, setPrinted] = useState(0);
  useLayoutEffect(() => {
    if (held || items.length <= printed) return;
    print(historyText(items.slice(printed)));
    setPrinted(items.length);
  }, [items, printed, print, held]);
  return null;
}

/**
 * The history, printed once per item; a new `epoch` prints it afresh. `held`: the terminal shows
 * the alternate screen, and rows printed now would be lost with it; they are printed on its return.
 */
export function Transcript({ items, epoch, held = false }: { items: HistoryItem[]; epoch: number; held?: boolean }) {
  return <Printer key={epoch} items={items} held={held} />;
}
