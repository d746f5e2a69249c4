/** One line on top of the live area: world, opening, turn and who narrates. */
import { Text } from 'ink';
import { oneLine } from '../../text/sanitize.js';
import { tint } from '../theme.js';
import { truncateSegments, type Line } from '../text/wrap.js';

export interface HeaderProps {
  world: string;
  opening: string;
  turn: number;
  provider: string;
  branchNote?: string;
}

/** The header line of the live area. */
export function Header({ world, opening, turn, provider, branchNote }: HeaderProps) {
  return (
    <Text wrap="truncate-end">
      <Text bold color={tint('cyan')}>
        {oneLine(world)}
      </Text>
      <Text dimColor>
        {' '}
        · {oneLine(opening)} · turn {turn} ·{' '}
      </Text>
      <Text color={tint('magenta')}>{oneLine(provider)}</Text>
      {branchNote ? <Text dimColor> · {branchNote}</Text> : null}
    </Text>
  );
}

/**
 * The header as a history line, printed above a long reply's head that moved into the history: cut
 * to the width as the live one is, so a narrow terminal's history does not show it on two rows.
 */
export function headerLines({ world, opening, turn, provider }: HeaderProps, width: number): Line[] {
  return [
    truncateSegments(
      [
        { text: oneLine(world), kind: 'name', color: 'cyan' },
        { text: ` · ${oneLine(opening)} · turn ${turn} · ${oneLine(provider)}`, kind: 'meta' },
      ],
      width,
    ),
  ];
}
