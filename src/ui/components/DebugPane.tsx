/**
 * The debug pane: the selected turn's diagnostics in a bordered window of fixed height, scrolled
 * with PgUp/PgDn; Alt+↑/↓ choose the turn (the same selection the carousel swipes).
 */
import { useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import { debugLines, type DebugSubject } from '../debug/sections.js';
import { Lines } from './Lines.js';
import { textWidth } from '../text/wrap.js';
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

/**
 * The pane's first line: where it is scrolled, and its keys. Beside a story on a 110-column
 * terminal the full line is cut, and with it the last key (Alt+↑/↓ turn): shorter forms first.
 */
function paneTitle(top: number, shown: number, total: number, body: number, width: number): string {
  if (total <= body) return `debug · ${total} lines · Alt+↑/↓ turn`;
  const range = `${top + 1}–${top + shown}/${total}`;
  const forms = [`debug · lines ${range} · PgUp/PgDn · Alt+↑/↓ turn`, `debug · ${range} · PgUp/PgDn · Alt+↑/↓ turn`];
  return forms.find((f) => textWidth(f) <= width) ?? `debug · ${range} · PgUp/Dn · Alt+↑/↓ turn`;
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
  const title = paneTitle(top, shown.length, all.length, body, inner);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={tint('gray')} paddingX={1} overflow="hidden">
      <Text wrap="truncate-end" dimColor>
        {title}
      </Text>
      <Lines lines={shown} />
    </Box>
  );
}
