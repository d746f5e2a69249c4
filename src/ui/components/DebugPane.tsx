/**
 * The debug pane: the selected turn's diagnostics in a bordered window of fixed height, scrolled
 * with PgUp/PgDn; Alt+↑/↓ choose the turn (the same selection the carousel swipes).
 */
import { useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import { debugLines, type DebugSubject } from '../debug/sections.js';
import { Lines } from './Lines.js';
import { tint } from '../theme.js';

export interface DebugPaneProps {
  subject: DebugSubject;
  width: number;
  height: number;
  scroll: number;
  /** Told the furthest scroll the content allows, so the keys can stop there (PgUp then moves at once). */
  onMaxScroll?: (maxScroll: number) => void;
}

/** Lines the pane can show inside its border. */
export function debugBodyHeight(height: number): number {
  return Math.max(1, height - 3);
}

/** The bordered diagnostics window, scrolled to `scroll`. */
export function DebugPane({ subject, width, height, scroll, onMaxScroll }: DebugPaneProps) {
  const inner = Math.max(10, width - 4);
  const all = useMemo(() => debugLines(subject, inner), [subject, inner]);
  const body = debugBodyHeight(height);
  const maxScroll = Math.max(0, all.length - body);
  useEffect(() => onMaxScroll?.(maxScroll), [maxScroll, onMaxScroll]);
  const top = Math.max(0, Math.min(scroll, maxScroll));
  const shown = all.slice(top, top + body);
  const position = all.length > body ? `lines ${top + 1}–${top + shown.length}/${all.length} · PgUp/PgDn` : `${all.length} lines`;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={tint('gray')} paddingX={1} overflow="hidden">
      <Text wrap="truncate-end" dimColor>
        debug · {position} · Alt+↑/↓ turn
      </Text>
      <Lines lines={shown} />
    </Box>
  );
}
