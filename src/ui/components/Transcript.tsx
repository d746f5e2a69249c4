/**
 * The story so far, written once into Ink's `<Static>`: each finished block is printed when it is
 * appended and never rendered again, so a render costs the same at turn 5 and turn 500. `epoch`
 * remounts it (after a branch change or a width change) to print the history afresh.
 */
import { memo } from 'react';
import { Static } from 'ink';
import type { Line } from '../text/wrap.js';
import { Lines } from './Lines.js';

export interface HistoryItem {
  key: string;
  lines: Line[];
}

const Row = memo(function Row({ item }: { item: HistoryItem }) {
  return <Lines lines={item.lines} />;
});

/** The history, printed once per item; a new `epoch` prints it afresh. */
export function Transcript({ items, epoch }: { items: HistoryItem[]; epoch: number }) {
  return (
    <Static key={epoch} items={items}>
      {(item) => <Row key={item.key} item={item} />}
    </Static>
  );
}
