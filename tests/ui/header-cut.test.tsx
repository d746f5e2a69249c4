// The header printed into the history above a long reply's head (a spilled reply) is the live
// area's header line: on a narrow terminal it was wrapped onto two rows where the live one is cut
// with an ellipsis. Both are now the same one row, compared here character for character. Too
// narrow for the whole line, both leave the opening's title out first, so the turn stays in view.
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
      <Header {...header} width={width} />
    </Box>,
  );
  return (lastFrame() ?? '').split('\n');
};

describe('the header printed into the history', () => {
  it.each([39, 24, 60, 10])('is the live header at %i columns: one row, cut with an ellipsis when too wide', (width) => {
    expect(plain(width)).toEqual(live(width));
    expect(plain(width)).toHaveLength(1);
  });

  it('leaves the opening out before it cuts the turn off, and keeps it where the line fits', () => {
    expect(plain(39)).toEqual(['The Glass Orchard · turn 12 · offline …']);
    expect(plain(70)).toEqual(['The Glass Orchard · Homecoming · turn 12 · offline narrator']);
  });

  it('cuts between wide characters without passing the width', () => {
    const han = { ...header, world: '青山客栈', turn: 3, provider: '说书人' };
    const line = headerLines(han, 24).map((l) => l.map((seg) => seg.text).join(''));
    // 说 ends at column 22 and 书 would end at 24, leaving no column for the ellipsis.
    expect(line).toEqual([`青山客栈 · turn 3 · 说…`]);
  });
});
