// The header printed into the history above a long reply's head (a spilled reply) is the live
// area's header line: on a narrow terminal it was wrapped onto two rows where the live one is cut
// with an ellipsis. Both are now the same one row, compared here character for character.
import { afterEach, describe, expect, it } from 'vitest';
import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { Header, headerLines } from '../../src/ui/components/Header.js';

afterEach(() => cleanup());

const header = { world: 'The Glass Orchard', opening: 'Homecoming', turn: 12, provider: 'offline narrator' };
const plain = (width: number) => headerLines(header, width).map((line) => line.map((seg) => seg.text).join(''));
const live = (width: number) => {
  const { lastFrame } = render(
    <Box width={width}>
      <Header {...header} />
    </Box>,
  );
  return (lastFrame() ?? '').split('\n');
};

describe('the header printed into the history', () => {
  it.each([39, 24, 60, 10])('is the live header at %i columns: one row, cut with an ellipsis when too wide', (width) => {
    expect(plain(width)).toEqual(live(width));
    expect(plain(width)).toHaveLength(1);
  });

  it('cuts between wide characters without passing the width', () => {
    const han = { ...header, world: '青山客栈', opening: '风雪夜归人' };
    const line = headerLines(han, 15).map((l) => l.map((seg) => seg.text).join(''));
    // 风 ends at column 13 and 雪 would end at 15, leaving no column for the ellipsis.
    expect(line).toEqual([`青山客栈 · 风…`]);
  });
});
