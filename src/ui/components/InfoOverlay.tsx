/**
 * A scrollable text overlay (help, memory, world, persona, opening, model): it replaces the
 * composer until Esc. Text is neutralised and wrapped here.
 */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { redactSecrets } from '../../text/redact.js';
import { neutralize } from '../../text/sanitize.js';
import { wrapText, type Line } from '../text/wrap.js';
import { Lines } from './Lines.js';

export interface InfoOverlayProps {
  title: string;
  text: string;
  width: number;
  height: number;
  scroll: number;
}

// An indented row of a table ("  Ctrl+R      add a candidate…"): the key column and the gap after it.
const TABLE_ROW = /^([^\S\n]+\S(?:\S| (?! ))*[^\S\n]{2,})(\S.*)$/;

/** The overlay's wrapped lines (exported for its scroll bounds). */
export function infoLines(text: string, width: number): Line[] {
  const w = Math.max(10, width);
  // A table row's description wraps under itself, not back at the left edge under the keys.
  return redactSecrets(neutralize(text))
    .split('\n')
    .flatMap((line): Line[] => {
      // A row with no key (a description under a key too long to stand beside it) wraps under its indent.
      const row = TABLE_ROW.exec(line) ?? /^([^\S\n]{4,})(\S.*)$/.exec(line);
      if (!row || row[1].length > w / 2) {
        // An indented item of a list ("  Seraphina: [a card's long description]") goes on under itself.
        const item = /^([^\S\n]{1,3})(\S.*)$/.exec(line);
        if (!item) return wrapText(line, w);
        const indent = ' '.repeat(item[1].length + 2);
        return wrapText(item[2], w - indent.length).map((l, i) => [{ text: i === 0 ? item[1] : indent, kind: 'plain' as const }, ...l]);
      }
      const pad = ' '.repeat(row[1].length);
      return wrapText(row[2], w - row[1].length).map((l, i) => [{ text: i === 0 ? row[1] : pad, kind: 'plain' as const }, ...l]);
    });
}

/** The overlay, showing `height` lines from `scroll`. */
export function InfoOverlay({ title, text, width, height, scroll }: InfoOverlayProps) {
  const lines = useMemo(() => infoLines(text, width), [text, width]);
  const body = Math.max(1, height - 2);
  const top = Math.max(0, Math.min(scroll, lines.length - body));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{neutralize(title)}</Text>
        <Text dimColor>
          {lines.length > body ? `  ${top + 1}–${Math.min(lines.length, top + body)} of ${lines.length} · ↑/↓` : ''} Esc closes
        </Text>
      </Text>
      <Lines lines={lines.slice(top, top + body)} />
    </Box>
  );
}
