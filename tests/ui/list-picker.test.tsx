import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ListPicker } from '../../src/ui/components/ListPicker.js';

describe('the list picker', () => {
  it("starts the highlighted item's detail line under its title, not a column to the left", () => {
    for (const current of [false, true]) {
      const items = [
        { id: 'a', title: 'The Glass Orchard', meta: 'en', detail: 'Five years after she left, Tamsin comes home.', current },
        { id: 'b', title: 'Harbor Lights', meta: 'en' },
      ];
      const { lastFrame, unmount } = render(<ListPicker title="Pick a world" items={items} selected={0} height={10} width={80} />);
      const lines = (lastFrame() ?? '').split('\n');
      const title = lines.find((l) => l.includes('The Glass Orchard')) ?? '';
      const detail = lines.find((l) => l.includes('Five years after')) ?? '';
      expect(detail.indexOf('Five'), `current: ${current}`).toBe(title.indexOf('The Glass Orchard'));
      unmount();
    }
  });

  it('keeps the highlighted item in view when the list has room for one or two', () => {
    const items = ['one', 'two', 'three', 'four', 'five'].map((id) => ({ id, title: `item ${id}` }));
    for (const height of [4, 5, 6]) {
      for (const selected of [0, 2, 4]) {
        const { lastFrame, unmount } = render(<ListPicker title="Pick" items={items} selected={selected} height={height} width={40} />);
        expect(lastFrame(), `height ${height}, selected ${selected}`).toContain(`▸ item ${items[selected]?.id ?? ''}`);
        unmount();
      }
    }
  });
});
