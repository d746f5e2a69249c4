import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { miniPack } from '../fixtures/mini-pack.js';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

const EVIL =
  'Title\u001b]0;evil\u0007 clear\u001b[2J osc52\u001b]52;c;ZXZpbA==\u0007 link\u001b]8;;http://x.test\u0007here\u001b]8;;\u0007 red\u001b[31m!';

/** What a real terminal shows after the last redraw: from the last banner on (the test renderer keeps every Static print). */
function afterLastRedraw(frame: string, banner: string): string {
  return frame.slice(frame.lastIndexOf(banner));
}

/** Resizes the fake terminal, as a real one does (Ink and the TUI listen for `resize`). */
function resize(stdout: NodeJS.EventEmitter, columns: number) {
  Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
  stdout.emit('resize');
}

describe('terminal hygiene', () => {
  it('neutralises escape sequences in pack text before they reach the frame', async () => {
    const base = miniPack();
    const pack = miniPack({
      title: EVIL,
      summary: `A summary ${EVIL}`,
      openings: base.openings.map((o) => ({ ...o, title: `Op ${EVIL}`, text: `${o.text} ${EVIL}` })),
      characters: base.characters.map((c) => ({ ...c, name: c.name, persona: `${c.persona} ${EVIL}` })),
    });
    const app = renderApp(await makeSession({ pack }));
    await playTurn(app, 'I look around.');
    app.type('/world');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Esc closes'), 'the world overlay');
    const frames = app.frames.join('');
    // FORCE_COLOR=0 in tests: skald draws no escape at all, so any ESC would have come from the pack.
    expect(frames).not.toContain('\u001b');
    expect(frames).not.toContain('\u0007');
    expect(frames).not.toContain('evil');
    expect(frames).toContain('Title clear osc52 linkhere red!');
  });
});

describe('narrow terminals', () => {
  it('wraps everything to 40 columns, CJK at its real width, and keeps the live area shorter than the terminal', async () => {
    let redraws = 0;
    const app = renderApp(await makeSession({ world: 'qingshan-inn' }), { onRedraw: () => redraws++ });
    resize(app.stdout, 40);
    await tick(50);
    await playTurn(app, '我推开客栈的门，向掌柜打招呼。');
    app.type(KEYS.f2);
    await waitForFrame(app.lastFrame, (f) => f.includes('│ debug ·'), 'the debug pane below the story');
    expect(redraws).toBe(1);
    const frame = afterLastRedraw(app.lastFrame(), '青山客栈  ');
    for (const line of frame.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    expect(/[\u4e00-\u9fff]/.test(frame)).toBe(true);
    // The live area (header to status line) must stay shorter than the 24-row terminal.
    expect(liveArea(frame).split('\n').length).toBeLessThan(24);
  });

  it('redraws the history at the new width after a resize', async () => {
    let redraws = 0;
    const app = renderApp(await makeSession(), { onRedraw: () => redraws++ });
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about the debt.');
    expect(redraws).toBe(0);
    resize(app.stdout, 50);
    const frame = await waitForFrame(
      app.lastFrame,
      (f) => redraws === 1 && afterLastRedraw(f, 'The Glass Orchard  ').includes('I greet Wren.'),
      'the history rewrapped',
    );
    for (const line of afterLastRedraw(frame, 'The Glass Orchard  ').split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(50);
  });
});
