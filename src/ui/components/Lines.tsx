/**
 * Draws lines already wrapped by `wrapSegments`, one `<Text>` per line, styling each run by kind.
 * Lines are pre-wrapped so every block's height is known; `truncate` guards against a stray
 * miscount ever wrapping a second time.
 */
import { memo } from 'react';
import { Box, Text } from 'ink';
import type { Line } from '../text/wrap.js';
import type { Segment } from '../text/segments.js';
import { styleOf } from '../text/ansi.js';

function Run({ seg }: { seg: Segment }) {
  return <Text {...styleOf(seg)}>{seg.text}</Text>;
}

/** Pre-wrapped lines, one Ink `<Text>` each (the live area; the history is printed as text). */
export const Lines = memo(function Lines({ lines }: { lines: Line[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0 ? ' ' : line.map((seg, j) => <Run key={j} seg={seg} />)}
        </Text>
      ))}
    </Box>
  );
});
