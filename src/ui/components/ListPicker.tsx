/**
 * A filterable list that swaps in for the composer: worlds, openings, branches, sessions. Fully
 * controlled (items, filter, highlight), so the key routing stays in one place.
 */
import { Box, Text } from 'ink';
import { oneLine } from '../../text/sanitize.js';

export interface PickerItem {
  id: string;
  title: string;
  /** Dimmed after the title: tags, language, rating. */
  meta?: string;
  /** A line under the highlighted item: a summary. */
  detail?: string;
  /** Drawn with a mark: the active branch, the current opening. */
  current?: boolean;
}

/** Items whose title, meta or detail contain every word of the filter (case-insensitive). */
export function filterItems(items: PickerItem[], filter: string): PickerItem[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((item) => {
    const hay = `${item.title} ${item.meta ?? ''} ${item.detail ?? ''} ${item.id}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export interface ListPickerProps {
  title: string;
  items: PickerItem[];
  filter?: string;
  /** Index into the filtered items. */
  selected: number;
  height: number;
  width: number;
  empty?: string;
}

/** A list with an optional filter line; the highlighted item shows its detail. */
export function ListPicker({ title, items, filter, selected, height, width, empty }: ListPickerProps) {
  const shown = filter === undefined ? items : filterItems(items, filter);
  const at = Math.max(0, Math.min(selected, shown.length - 1));
  // Each item is one line; the highlighted one shows its detail on a second line.
  const rows = Math.max(1, height - 3);
  const count = Math.max(1, rows - 1);
  // Centred where there is room; in a short list the highlighted item is kept in view all the same.
  const first = Math.max(0, Math.min(at - Math.floor(rows / 2), shown.length - rows + 1), at - count + 1);
  const visible = shown.slice(first, first + count);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{title}</Text>
        {/* The filter once something is typed: an empty "filter:" read as part of the title ("Pick a world filter: (5)"). */}
        {filter ? <Text dimColor> · filter: </Text> : null}
        {filter ? <Text>{filter}</Text> : null}
        <Text dimColor> ({shown.length})</Text>
      </Text>
      {shown.length === 0 ? <Text dimColor>{empty ?? 'Nothing matches.'}</Text> : null}
      {visible.map((item, i) => {
        const index = first + i;
        const active = index === at;
        return (
          <Box key={item.id} flexDirection="column">
            <Text wrap="truncate-end" inverse={active}>
              {active ? '▸ ' : '  '}
              {item.current ? '● ' : ''}
              {oneLine(item.title)}
              {item.meta ? <Text dimColor={!active}> {oneLine(item.meta)}</Text> : null}
            </Text>
            {active && item.detail ? (
              <Text wrap="truncate-end" dimColor>
                {/* Under the title, past the "▸ " and the current mark. */}
                {item.current ? '    ' : '  '}
                {oneLine(item.detail)}
              </Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
