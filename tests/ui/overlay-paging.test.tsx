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

  it('keeps the line read on top when the terminal changes width, and pages on from it', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type(f1);
    await waitForFrame(app.lastFrame, (f) => range(f)?.top === 1, 'the help');
    app.type(KEYS.pageDown);
    app.type(KEYS.pageDown);
    const paged = await waitForFrame(app.lastFrame, (f) => (range(f)?.top ?? 1) > 30, 'the third page');
    const read = topLine(paged);
    // A command's line, whole at 100 columns: at 50 its description wraps, and the rows above it grow.
    expect(read).toMatch(/^ {2}\/\w+/);
    resize(app.stdout, 50);
    const narrow = await waitForFrame(app.lastFrame, (f) => (range(f)?.total ?? 0) > (range(paged)?.total ?? 0), 'the help at 50 columns');
    expect(topLine(narrow).slice(0, 12)).toBe(read.slice(0, 12));
    // PgUp goes back a page from there, not from where 100 columns' rows had it.
    app.type(KEYS.pageUp);
    const back = await waitForFrame(app.lastFrame, (f) => range(f)?.top !== range(narrow)?.top, 'a page up');
    expect(range(back)?.bottom).toBe((range(narrow)?.top ?? 0) - 1);
  });
});

/** Resizes the fake terminal, as a real one does (Ink and the TUI listen for `resize`). */
function resize(stdout: NodeJS.EventEmitter, columns: number) {
  Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
  stdout.emit('resize');
}

/** The first line of the help's body, under its title. */
function topLine(frame: string): string {
  const lines = liveArea(frame).split('\n');
  return lines[lines.findIndex((l) => range(l)) + 1] ?? '';
}
