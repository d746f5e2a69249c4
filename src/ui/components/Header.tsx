/** One line on top of the live area: world, opening, turn and who narrates. */
import { Text } from 'ink';
import { oneLine } from '../../text/sanitize.js';
import { tint } from '../theme.js';
import { textWidth, truncateSegments, type Line } from '../text/wrap.js';

export interface HeaderProps {
  world: string;
  opening: string;
  turn: number;
  provider: string;
  branchNote?: string;
}

/**
 * What the header says at `width` columns: the opening's title is left out first when the line is
 * too wide, so a narrow terminal still shows the turn (which /regen, /pick and the carousel's
 * notes name) before the cut at the end takes the narrator's name.
 */
function headerText({ world, opening, turn, provider, branchNote }: HeaderProps, width: number) {
  const name = oneLine(world);
  const tail = ` · turn ${turn} · `;
  const who = oneLine(provider);
  const note = branchNote ? ` · ${branchNote}` : '';
  const full = ` · ${oneLine(opening)}${tail}`;
  const fits = textWidth(`${name}${full}${who}${note}`) <= width;
  return { name, middle: fits ? full : tail, who, note };
}

/** The header line of the live area, cut to `width` with an ellipsis (Ink's truncate-end). */
export function Header(props: HeaderProps & { width: number }) {
  const { name, middle, who, note } = headerText(props, props.width);
  return (
    <Text wrap="truncate-end">
      <Text bold color={tint('cyan')}>
        {name}
      </Text>
      <Text dimColor>{middle}</Text>
      <Text color={tint('magenta')}>{who}</Text>
      {note ? <Text dimColor>{note}</Text> : null}
    </Text>
  );
}

/**
 * The header as a history line, printed above a long reply's head that moved into the history: cut
 * to the width as the live one is, so a narrow terminal's history does not show it on two rows.
 */
export function headerLines(props: HeaderProps, width: number): Line[] {
  const { name, middle, who } = headerText({ ...props, branchNote: undefined }, width);
  return [
    truncateSegments(
      [
        { text: name, kind: 'name', color: 'cyan' },
        { text: `${middle}${who}`, kind: 'meta' },
      ],
      width,
    ),
  ];
}
