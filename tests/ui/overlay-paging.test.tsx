// PgDn in the help (or any text overlay) turns a page: the next page starts with the line after the
// last one shown, so no line is skipped between pages.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, liveArea, makeSession, renderApp, waitForFrame } from './harness.js';

afterEach(() => cleanup());

const f1 = '\u001bOP';
const range = (frame: string) => {
  const m = /Help {2}(\d+)–(\d+) of (\d+)/.exec(frame);
  return m ? { top: Number(m[1]), bottom: Number(m[2]), total: Number(m[3]) } : undefined;
};

describe('paging a text overlay', () => {
  it('PgDn shows the line after the last one shown, PgUp goes back to the first page', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type(f1);
    const first = range(await waitForFrame(app.lastFrame, (f) => range(f)?.top === 1, 'the help'));
    expect(first).toBeDefined();
    app.type(KEYS.pageDown);
    const second = range(await waitForFrame(app.lastFrame, (f) => (range(f)?.top ?? 1) > 1, 'the second page'));
    expect(second?.top).toBe((first?.bottom ?? 0) + 1);
    app.type(KEYS.pageUp);
    expect(range(await waitForFrame(app.lastFrame, (f) => range(f)?.top === 1, 'the first page again'))?.bottom).toBe(first?.bottom);
  });
});
