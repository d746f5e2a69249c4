// Keys in the same write as an Enter (typed faster than a frame, or held while the TUI started):
// they act on what that Enter started, not on the screen the last frame drew.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, makeSession, modelSession, playTurn, render, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** Esc as the kitty keyboard protocol (and the held keys, src/cli/held-keys.ts) write it: read at once, with no wait for more. */
const KITTY_ESC = '\u001b[27u';

describe('a key in the same write as the Enter that started a run', () => {
  it('Ctrl+R is refused while the reply runs, and r then sends the failed message again, not a regenerate', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren looks up from the sluice. "You came back."' } });
    const session = await modelSession(server.url);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    app.stdin.write('Hello, Wren.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitUntil(() => session.turns().length === 1, 'the first turn');
    await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(liveArea(f)), 'the carousel');
    server.enqueue({ status: 500, errorMessage: 'boom' });
    app.stdin.write('Where is the key?');
    await tick();
    app.stdin.write(KEYS.enter + KEYS.ctrlR);
    await waitForFrame(app.lastFrame, (f) => f.includes('r sends it again'), 'the error line');
    app.stdin.write('r');
    await waitUntil(() => session.turns().length === 2, 'the message sent again');
    expect(session.turns()[1].input.text).toBe('Where is the key?');
    // Turn 1 was never regenerated: its one candidate, and three requests in all.
    expect(session.turns()[0].candidates).toHaveLength(1);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('Esc stops the reply that Enter just started', async () => {
    const session = await makeSession({ delayMs: 40, candidates: 1 });
    const app = renderApp(session);
    await playTurn(app, 'I greet Wren.');
    app.type('I ask about the sapling.');
    await tick();
    app.type(KEYS.enter + KITTY_ESC);
    // Stopped before any of it arrived: nothing is saved, and the message waits as not sent.
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('(not sent)') && !f.includes('Esc stops'), 'the stopped run');
    expect(session.turns()).toHaveLength(1);
  });

  it('Esc stops the /impersonate draft that Enter just asked for', async () => {
    server = await startOpenAIServer({ models: ['test-model'], maxStallMs: 60_000 });
    server.enqueue({ content: 'The ferryman nods toward the far bank.' }, { content: 'I ask the fare.', headerDelayMs: 60_000 });
    const session = await modelSession(server.url, { provider: { firstTokenTimeoutMs: 60_000 } });
    const app = renderApp(session);
    await playTurn(app, 'I step onto the ferry.');
    app.type('/impersonate ask about the fare');
    await tick();
    app.type(KEYS.enter + KITTY_ESC);
    await waitForFrame(app.lastFrame, (f) => f.includes('The draft was stopped'), 'the stopped notice');
    expect(liveArea(app.lastFrame())).not.toContain('I ask the fare.');
  });
});

const helpTop = (frame: string) => Number(/Help {2}(\d+)–/.exec(frame)?.[1] ?? 0);

describe("keys in the same write as a command's Enter", () => {
  it('reach the help /help opens: PgDn scrolls it, as PgDn pressed once it is open does', async () => {
    const apart = renderApp(await makeSession());
    await waitForFrame(apart.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    apart.type('/help\r');
    await waitForFrame(apart.lastFrame, (f) => helpTop(f) === 1, 'the help');
    apart.type(KEYS.pageDown);
    const expected = helpTop(await waitForFrame(apart.lastFrame, (f) => helpTop(f) > 1, 'the help scrolled'));
    apart.unmount();

    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/help\r' + KEYS.pageDown);
    await waitForFrame(app.lastFrame, (f) => helpTop(f) > 0, 'the help');
    await tick(60);
    expect(helpTop(app.lastFrame())).toBe(expected);
  });

  it('act in order: Esc closes the help /help opened, and the letter after it is typed into the composer', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/help\r' + KITTY_ESC + 'w');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› w'), 'the letter typed');
    await tick(60);
    expect(helpTop(app.lastFrame())).toBe(0);
    expect(liveArea(app.lastFrame())).toContain('› w');
  });

  it('reach the picker /tree opens: Up then Enter switches to the other branch', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about the sapling.');
    app.type('/undo');
    await tick();
    app.type(KEYS.enter);
    await waitUntil(() => app.session.turns().length === 1, 'the undo');
    await playTurn(app, 'I ask about the mill.');
    expect(app.session.tree()).toHaveLength(2);
    app.type('/tree\r' + KEYS.up + KEYS.enter);
    await waitUntil(() => app.session.turns()[1]?.input.text === 'I ask about the sapling.', 'the other branch');
  });

  it('letters typed with the command and its Enter in one read go to what it opens, not into the composer', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/help\rq');
    await waitForFrame(app.lastFrame, (f) => helpTop(f) === 1, 'the help');
    app.type(KITTY_ESC);
    const frame = await waitForFrame(app.lastFrame, (f) => helpTop(f) === 0, 'the help closed');
    // The composer is as /help's Enter left it: empty, with no q and no line of the command.
    expect(liveArea(frame)).toContain('›  What do you do?');
  });

  it('a pasted command line with a newline stays in the composer: a paste never presses Enter', async () => {
    const app = renderApp(await makeSession());
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('\u001b[200~/help\rq\u001b[201~');
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› /help'), 'the paste in the composer');
    expect(liveArea(frame)).toMatch(/› \/help\n +q/);
    await tick(60);
    expect(helpTop(app.lastFrame())).toBe(0);
  });

  it('Ctrl+C does not wait on a command that hangs: twice quits', async () => {
    const hanging = {
      ...fileServices,
      narrators: () => [{ name: 'stuck', where: 'nowhere' }, ...fileServices.narrators()],
      buildNarrator: () => new Promise<never>(() => undefined),
    };
    const app = renderApp(await makeSession(), { services: hanging });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/model stuck\r');
    await tick();
    app.type(KEYS.ctrlC + KEYS.ctrlC);
    await waitForFrame(app.lastFrame, (f) => !/ · turn \d+ · /.test(f), 'the live area gone');
  });
});
