import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import {
  KEYS,
  liveArea,
  makeSession,
  manualExpiry,
  modelSession,
  playTurn,
  render,
  renderApp,
  tick,
  waitForFrame,
  waitUntil,
} from './harness.js';
import { noticeDuration } from '../../src/ui/hooks/useNotice.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** Sends a slash command through the composer. */
async function command(app: ReturnType<typeof renderApp>, text: string) {
  app.type(text);
  await tick();
  app.type(KEYS.enter);
}

describe('notices', () => {
  it('a confirmation goes away by itself after a while', async () => {
    const expiry = manualExpiry();
    const app = renderApp(await makeSession(), { noticeMs: 200, scheduleNotice: expiry.schedule });
    await command(app, '/remember Wren owes Ilsa forty crowns');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Pinned: Wren owes'), 'the pin notice');
    expect(expiry.durations()).toEqual([200]);
    expiry.expire();
    await waitForFrame(app.lastFrame, (f) => !liveArea(f).includes('Pinned:'), 'the notice gone');
    // The status line is back.
    expect(liveArea(app.lastFrame())).toContain('/help');
  });

  it('a long notice stays long enough to read it', async () => {
    expect(noticeDuration('Switched branch.', 4000)).toBe(4000);
    expect(noticeDuration('x'.repeat(150), 4000)).toBe(10000);
    const expiry = manualExpiry();
    const app = renderApp(await makeSession(), { noticeMs: 300, scheduleNotice: expiry.schedule });
    const fact =
      'Wren owes Ilsa forty crowns, and the note the new tree rings is the one our mother hummed the winter she died, the winter the river froze and the wheel stood still for a month';
    await command(app, `/remember ${fact}`);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Pinned: Wren owes'), 'the pin notice');
    // A notice of about 180 characters gets three times the base.
    const [duration] = expiry.durations();
    expect(duration).toBeGreaterThanOrEqual(900);
    expect(liveArea(app.lastFrame())).toContain('Pinned: Wren owes');
    expiry.expire();
    await waitForFrame(app.lastFrame, (f) => !liveArea(f).includes('Pinned:'), 'the notice gone');
  });

  it('a key that does something else clears it at once', async () => {
    // A notice that would outlast any test: only the keys can clear it, however slow the machine.
    // Saved: /export reads the story back from its session file.
    const app = renderApp(await makeSession({ saved: true }), { noticeMs: 600_000 });
    await playTurn(app, 'I greet Wren.');
    await command(app, '/remember Wren owes Ilsa forty crowns');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Pinned: Wren owes'), 'the pin notice');
    app.type('I');
    await waitForFrame(app.lastFrame, (f) => !liveArea(f).includes('Pinned:') && liveArea(f).includes('› I'), 'typing clears it');

    // A key that acts (F2 opens the debug pane) clears it as well.
    app.type(KEYS.backspace);
    await command(app, '/export');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).replace(/\n/g, '').includes('Exported this branch to'), 'the export notice');
    app.type(KEYS.f2);
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('│ debug ·') && !liveArea(f).replace(/\n/g, '').includes('Exported this branch'),
      'F2 clears it',
    );
  });

  it('a notice about a state still in force stays: the edit notice outlives the timeout and typing', async () => {
    const expiry = manualExpiry();
    const app = renderApp(await makeSession(), { noticeMs: 100, scheduleNotice: expiry.schedule });
    await playTurn(app, 'I greet Wren.');
    await command(app, '/edit');
    await waitForFrame(app.lastFrame, (f) => f.includes('Editing your last message'), 'the edit notice');
    expiry.expire();
    app.type(' Warmly.');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Warmly.'), 'the typed text');
    expiry.expire();
    await tick();
    expect(liveArea(app.lastFrame())).toContain('Editing your last message');
  });

  it('an error that asks for action stays past the timeout and other keys', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren looks up.' } });
    server.enqueue({ status: 500, errorMessage: 'boom' });
    const session = await modelSession(server.url);
    const expiry = manualExpiry();
    const app = render(<App started={{ session, notes: [] }} services={fileServices} noticeMs={100} scheduleNotice={expiry.schedule} />);
    app.stdin.write('Hello, Wren.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('r sends it again'), 'the error line');
    expiry.expire();
    app.stdin.write(KEYS.f2);
    await waitForFrame(app.lastFrame, (f) => f.includes('│ debug ·'), 'the debug pane');
    expiry.expire();
    await tick();
    expect(liveArea(app.lastFrame())).toContain('r sends it again');
  });
});

describe('quitting', () => {
  /** The last frame, and whether anything of the live area is left in it. */
  const liveLeft = (frame: string) => / · turn \d+ · |Press Ctrl\+C again|Enter send|^›/m.test(frame);

  it('leaves the story, and no hint or composer, on the screen after Ctrl+C twice', async () => {
    // The quit window closes only when the test says: a slow machine never closes it between the keys.
    const app = renderApp(await makeSession(), { scheduleNotice: manualExpiry().schedule });
    await playTurn(app, 'I greet Wren.');
    const reply = app.session.turns()[0].candidates[0].text.trim().split('\n')[0].slice(0, 30);
    app.type(KEYS.ctrlC);
    await waitForFrame(app.lastFrame, (f) => f.includes('Press Ctrl+C again to quit'), 'the hint');
    app.type(KEYS.ctrlC);
    await waitUntil(() => app.stdin.listenerCount('readable') === 0, 'the app to exit');
    const last = app.lastFrame();
    expect(liveLeft(last)).toBe(false);
    // The latest reply, shown on the live area until now, is in the history that stays.
    expect(last).toContain('Tamsin › I greet Wren.');
    expect(last).toContain(reply);
  });

  it('does the same on /quit', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await command(app, '/quit');
    await waitUntil(() => app.stdin.listenerCount('readable') === 0, 'the app to exit');
    const last = app.lastFrame();
    expect(liveLeft(last)).toBe(false);
    expect(last).not.toContain('/quit');
    expect(last).toContain('Tamsin › I greet Wren.');
  });
});
