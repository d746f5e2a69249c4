import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, render, modelSession as harnessModelSession, tick, waitForFrame, waitUntil } from './harness.js';
import { closedPort } from '../support/ports.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

const modelSession = (baseURL: string) =>
  harnessModelSession(baseURL, { provider: { connectTimeoutMs: 2000, firstTokenTimeoutMs: 4000, idleTimeoutMs: 4000 } });

describe('errors in place', () => {
  it('shows a connection failure in place with its URL, offers r to send it again, and does not crash', async () => {
    // A loopback port that was just free: nothing listens there, so the connection is refused.
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const session = await modelSession(url);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    app.stdin.write('Hello?');
    await tick();
    app.stdin.write(KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('r sends it again'), 'the error line');
    expect(liveArea(frame).replace(/\n/g, ' ')).toContain(url);
    expect(session.turns()).toHaveLength(0);
    // The app is alive: the composer still takes keys.
    app.stdin.write('x');
    const typed = liveArea(await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› x'), 'typing after the error'));
    // r is a letter now: the notice no longer offers it, until the composer is empty again.
    expect(typed.replace(/\n/g, ' ')).toMatch(/Nothing listens at .* · ↑ edits it/);
    expect(typed).not.toContain('r sends it again');
    app.stdin.write(KEYS.backspace);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('r sends it again · ↑ edits it'), 'the offer back');
  });

  it('retries the failed turn with r once the server answers', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren looks up from the sluice. "You came back."' } });
    server.enqueue({ status: 500, errorMessage: 'boom' });
    const session = await modelSession(server.url);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    app.stdin.write('Hello, Wren.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('r sends it again'), 'the error line');
    expect(session.turns()).toHaveLength(0);
    app.stdin.write('r');
    await waitUntil(() => session.turns().length === 1, 'the retried turn');
    expect(session.turns()[0].input.text).toBe('Hello, Wren.');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('You came back.') && !f.includes('r sends it again'), 'the reply');
  });
});

describe('a candidate that fails while another is written', () => {
  it('shows its error without offering r, which does nothing while the run goes on', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    server = await startOpenAIServer({
      models: ['test-model'],
      behaviour: { content: 'Wren looks up from the sluice. "You came back."', chunkSize: 8, holdAfter: { chunks: 2, until: held } },
    });
    server.enqueue({ status: 500, errorMessage: 'boom' });
    const session = await harnessModelSession(server.url, { candidates: 2 });
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    app.stdin.write('Hello, Wren.');
    await tick();
    app.stdin.write(KEYS.enter);
    const frame = liveArea(
      await waitForFrame(
        app.lastFrame,
        (f) => liveArea(f).includes('(boom)') && liveArea(f).includes('Esc stops'),
        'the error while the other streams',
      ),
    );
    expect(frame).not.toContain('r tries again');
    expect(frame).not.toContain('r sends it again');
    release();
    await waitUntil(() => session.turns().length === 1, 'the turn from the other candidate');
  });
});

describe('a message whose turn failed', () => {
  it('stays on the screen as not sent, under the reply it answered and its carousel, and the notice says what happened and what r does', async () => {
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
    app.stdin.write(KEYS.enter);
    const frame = liveArea(await waitForFrame(app.lastFrame, (f) => f.includes('r sends it again'), 'the error line'));
    const rows = frame.split('\n');
    const reply = rows.findIndex((r) => r.includes('You came back.'));
    const mine = rows.findIndex((r) => r.includes('› Where is the key?'));
    expect(reply).toBeGreaterThan(0);
    expect(mine).toBeGreaterThan(reply);
    expect(rows[mine + 1]).toContain('(not sent)');
    // The carousel belongs to the reply: it stays right under it, above the message that was not sent.
    const carousel = rows.findIndex((r) => /◁ 1\/1 ▷/.test(r));
    expect(carousel).toBeGreaterThan(reply);
    expect(carousel).toBeLessThan(mine);
    // What happened (the error's own sentence) and what r does, together.
    expect(frame.replace(/\n/g, ' ')).toMatch(/failed with 500 \(boom\).* · r sends it again · ↑ edits it/);
    // ↑ puts it back in the composer; r then is a letter, and the next send clears the not-sent line.
    app.stdin.write(KEYS.up);
    await waitForFrame(app.lastFrame, (f) => /^› Where is the key\?/m.test(liveArea(f)), 'the recalled line');
    app.stdin.write(KEYS.enter);
    await waitUntil(() => session.turns().length === 2, 'the second turn');
    await waitForFrame(app.lastFrame, (f) => /turn 2 ·/.test(f) && /◁ 1\/1 ▷/.test(liveArea(f)), 'the second carousel');
    expect(liveArea(app.lastFrame())).not.toContain('(not sent)');
  });

  it('shows the first message as not sent when nothing listens, before any turn', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const session = await modelSession(url);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    app.stdin.write('Hello?');
    await tick();
    app.stdin.write(KEYS.enter);
    const frame = liveArea(await waitForFrame(app.lastFrame, (f) => f.includes('r sends it again'), 'the error line'));
    expect(frame).toMatch(/› Hello\?\n\(not sent\)/);
  });
});

describe('a long reply from a model', () => {
  it('keeps the live area shorter than the terminal in every frame while it streams', async () => {
    const { longText } = await import('../support/openai-server.js');
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: longText(500), chunkSize: 40, delayMs: 4 } });
    const session = await modelSession(server.url);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    app.stdin.write('Tell me everything.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitUntil(() => session.turns().length === 1, 'the long turn');
    await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(f), 'the carousel');
    const liveHeights = app.frames.map((f) => liveArea(f).split('\n').length);
    // ink-testing-library's terminal has 24 rows (the TUI's default when rows are unknown).
    expect(Math.max(...liveHeights)).toBeLessThan(24);
    expect(app.frames.some((f) => f.includes('earlier lines'))).toBe(true);
    expect(liveArea(app.lastFrame())).toMatch(/↓ \d+ more lines · PgUp\/PgDn/);
    // PgDn scrolls the finished reply.
    app.stdin.write(KEYS.pageDown);
    await waitForFrame(app.lastFrame, (f) => /↑ \d+ above/.test(liveArea(f)), 'the reply scrolled');
  });
});
