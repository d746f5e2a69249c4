/**
 * The line under a reply: `◀ 2/3 ▶` with the critic score, the critics' flags, and the variant
 * label. While a candidate streams it says so.
 */
import { Box, Text } from 'ink';
import { tint } from '../theme.js';
import { scoreText } from '../text/score.js';

export interface CarouselProps {
  index: number;
  count: number;
  score?: number;
  label?: string;
  mark?: string;
  /** Critics that flagged the shown candidate (details in the debug pane). */
  flags?: string[];
  /** Turn number when the selection is on an earlier reply. */
  earlierTurn?: number;
  streaming?: string;
}

/** The carousel line under a reply (or the streaming note while candidates are written). */
export function Carousel({ index, count, score, label, mark, flags, earlierTurn, streaming }: CarouselProps) {
  if (streaming) {
    return (
      <Text wrap="truncate-end" color={tint('yellow')}>
        {streaming}
      </Text>
    );
  }
  if (count === 0) return <Text> </Text>;
  const left = index > 0 ? '◀' : '◁';
  const right = index < count - 1 ? '▶' : '▷';
  return (
    <Box>
      <Text wrap="truncate-end">
        <Text color={tint('cyan')}>
          {left} {index + 1}/{count} {right}
        </Text>
        {score !== undefined ? <Text dimColor> score {scoreText(score)}</Text> : null}
        {/* What the player must know comes before the variant's label, which a narrow terminal cuts first. */}
        {flags && flags.length > 0 ? <Text color={tint('yellow')}> · flagged: {flags.join(', ')}</Text> : null}
        {mark ? <Text color={tint('yellow')}> {mark}</Text> : null}
        {earlierTurn !== undefined ? (
          <Text color={tint('magenta')}> · turn {earlierTurn}: a swipe or Ctrl+R here starts a new branch</Text>
        ) : null}
        {label ? <Text dimColor> · {label}</Text> : null}
      </Text>
    </Box>
  );
}
