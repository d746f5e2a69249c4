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
  /** The width `scroll` was counted at (rows wrapped to it), when not `width`: a resize since. */
  scrollWidth?: number | undefined;
}

// An indented row of a table ("  Ctrl+R      add a candidate…"): the key column and the gap after it.
const TABLE_ROW = /^([^\S\n]+\S(?:\S| (?! ))*[^\S\n]{2,})(\S.*)$/;

/** Where a table row's description goes on under its key, in an overlay too narrow for both side by side. */
const NARROW_INDENT = '    ';

/** The overlay's wrapped lines (exported for its scroll bounds). */
export function infoLines(text: string, width: number): Line[] {
  return infoLineGroups(text, width).flat();
}

/**
 * Where the overlay scrolled to at `from` columns is at `to` columns: the same line of the text
 * on top (and as far into it), so a resize keeps the place the player was reading, where the same
 * count of wrapped rows lands elsewhere once the lines wrap to another length.
 */
export function scrollAtWidth(text: string, scroll: number, from: number, to: number): number {
  if (scroll <= 0 || from === to) return scroll;
  const before = infoLineGroups(text, from);
  const after = infoLineGroups(text, to);
  let start = 0;
  let startAfter = 0;
  for (let i = 0; i < before.length; i++) {
    const rows = before[i].length;
    if (scroll < start + rows) {
      const into = Math.floor(((scroll - start) * after[i].length) / rows);
      return startAfter + Math.min(into, Math.max(0, after[i].length - 1));
    }
    start += rows;
    startAfter += after[i].length;
  }
  return startAfter + (scroll - start);
}

/** The wrapped lines of each line of the text, in order. */
function infoLineGroups(text: string, width: number): Line[][] {
  const w = Math.max(10, width);
  // A table row's description wraps under itself, not back at the left edge under the keys.
  return redactSecrets(neutralize(text))
    .split('\n')
    .map((line): Line[] => {
      // A row with no key (a description under a key too long to stand beside it) wraps under its indent.
      const row = TABLE_ROW.exec(line) ?? /^([^\S\n]{4,})(\S.*)$/.exec(line);
      if (row && row[1].length > w / 2) {
        // A narrow overlay: beside a key column wider than half of it, a description gets a word or
        // two a line; it goes under the key instead, indented, with the whole width.
        const key = row[1].trimEnd();
        const under = wrapText(row[2], w - NARROW_INDENT.length).map((l) => [{ text: NARROW_INDENT, kind: 'plain' as const }, ...l]);
        return key.trim() ? [[{ text: key, kind: 'plain' as const }], ...under] : under;
      }
      if (!row) {
        // An indented item of a list ("  Seraphina: [a card's long description]") goes on under
        // itself, as does one marked in place of its indent ("● " for the session being played).
        const item = /^([^\S\n]{1,3}|[●•] )(\S.*)$/.exec(line);
        if (!item) return wrapText(line, w);
        const indent = ' '.repeat(item[1].length + 2);
        return wrapText(item[2], w - indent.length).map((l, i) => [{ text: i === 0 ? item[1] : indent, kind: 'plain' as const }, ...l]);
      }
      const pad = ' '.repeat(row[1].length);
      return wrapText(row[2], w - row[1].length).map((l, i) => [{ text: i === 0 ? row[1] : pad, kind: 'plain' as const }, ...l]);
    });
}

/** The overlay, showing `height` lines from `scroll`. */
export function InfoOverlay({ title, text, width, height, scroll: counted, scrollWidth = width }: InfoOverlayProps) {
  const lines = useMemo(() => infoLines(text, width), [text, width]);
  const scroll = useMemo(() => scrollAtWidth(text, counted, scrollWidth, width), [text, counted, scrollWidth, width]);
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
