/**
 * Draws lines already wrapped by `wrapSegments`, one `<Text>` per line, styling each run by kind.
 * Lines are pre-wrapped so every block's height is known; `truncate` guards against a stray
 * miscount ever wrapping a second time.
 */
import { memo } from 'react';
import { Box, Text } from 'ink';
import type { Line } from '../text/wrap.js';
import type { Segment } from '../text/segments.js';
import { tint } from '../theme.js';

function Run({ seg }: { seg: Segment }) {
  switch (seg.kind) {
    case 'action':
      return (
        <Text italic color={tint('gray')}>
          {seg.text}
        </Text>
      );
    case 'dialogue':
      return <Text color={tint('whiteBright')}>{seg.text}</Text>;
    case 'name':
      return (
        <Text bold color={tint(seg.color)}>
          {seg.text}
        </Text>
      );
    case 'player':
      return <Text color={tint('greenBright')}>{seg.text}</Text>;
    case 'error':
      return <Text color={tint('red')}>{seg.text}</Text>;
    case 'notice':
      return <Text color={tint('yellow')}>{seg.text}</Text>;
    case 'meta':
      return <Text dimColor>{seg.text}</Text>;
    default:
      return <Text>{seg.text}</Text>;
  }
}

/** Pre-wrapped lines, one Ink `<Text>` each (memoised: history rows never re-render). */
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
