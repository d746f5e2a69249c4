/**
 * A scrollable text overlay (help, memory, world, persona, opening, model): it replaces the
 * composer until Esc. Text is neutralised and wrapped here.
 */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { redactSecrets } from '../../config/redact.js';
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

/** The overlay's wrapped lines (exported for its scroll bounds). */
export function infoLines(text: string, width: number): Line[] {
  return wrapText(redactSecrets(neutralize(text)), Math.max(10, width));
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
        <Text dimColor>{lines.length > body ? `  ${top + 1}–${Math.min(lines.length, top + body)} of ${lines.length} · ↑/↓` : ''}  Esc closes</Text>
      </Text>
      <Lines lines={lines.slice(top, top + body)} />
    </Box>
  );
}
