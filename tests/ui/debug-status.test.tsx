// The status line beside an open debug pane: a wide terminal gives the story a narrow column, and
// the hints that do not fit are dropped, least useful first. F2 is how the pane closes, so it stays.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

/** Resizes the fake terminal, as a real one does (Ink and the TUI listen for `resize`). */
function resize(stdout: NodeJS.EventEmitter, columns: number, rows: number) {
  Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
  Object.defineProperty(stdout, 'rows', { configurable: true, get: () => rows });
  stdout.emit('resize');
}

/** The live area's last row that has text: the status line (beside the pane's bottom border). */
const statusRow = (frame: string) =>
  liveArea(frame)
    .split('\n')
    .filter((l) => l.trim())
    .at(-1) ?? '';

describe('the status line beside a wide debug pane', () => {
  it('keeps the F2 hint that closes the pane at 110 columns', async () => {
    const app = renderApp(await makeSession());
    resize(app.stdout, 110, 30);
    await tick();
    await playTurn(app, 'I set down my bag and look at him.');
    // Closed, the full line fits the 110 columns' story: F2 is there, with the earlier-replies hint.
    expect(statusRow(app.lastFrame() ?? '')).toContain('F2 debug');
    app.type(KEYS.f2);
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('╭'), 'the pane beside the story');
    const status = statusRow(frame);
    expect(status).toMatch(/^Enter send · F2 debug · /);
    expect(status).toContain('F2 debug');
    expect(status).toContain('/help');
    // The pane's title keeps its last key at this width (the full form, 'lines 1–26/97 ·', was cut before it).
    const title = liveArea(frame)
      .split('\n')
      .find((l) => l.includes('│ debug'));
    expect(title).toMatch(/│ debug · 1–\d+\/\d+ · PgUp\/PgDn · Alt\+↑\/↓ turn *│/);
  });
});
