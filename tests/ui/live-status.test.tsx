import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, manualExpiry, modelSession, render, tick, waitForFrame, waitUntil } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

async function send(app: ReturnType<typeof render>, text: string) {
  app.stdin.write(text);
  await tick();
  app.stdin.write(KEYS.enter);
}

describe('a request the endpoint asks to wait for', () => {
  it('says that the endpoint asked to wait, which retry it is and how long skald waits', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren looks up.' } });
    // Long enough that the frame is read well inside it; Esc ends the wait.
    server.enqueue({ status: 429, errorMessage: 'slow down', headers: { 'retry-after': '20' } });
    const session = await modelSession(server.url, { provider: { maxRetries: 2 } });
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    await send(app, 'Hello, Wren.');
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('asked to wait'), 'the retry note');
    expect(liveArea(frame)).toContain('the endpoint asked to wait: retry 1/2 in 20 s · Esc stops');
    app.stdin.write(KEYS.esc);
    await waitForFrame(app.lastFrame, (f) => !liveArea(f).includes('asked to wait'), 'the wait stopped');
  });

  it('counts the wait down, a second at a time', async () => {
    // The note said "in 20 s" for the whole of a 20 s wait, which read as stuck.
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren looks up.' } });
    server.enqueue({ status: 429, errorMessage: 'slow down', headers: { 'retry-after': '20' } });
    const session = await modelSession(server.url, { provider: { maxRetries: 2 } });
    const clock = manualExpiry();
    const app = render(<App started={{ session, notes: [] }} services={fileServices} scheduleNotice={clock.schedule} />);
    await send(app, 'Hello, Wren.');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('retry 1/2 in 20 s'), 'the retry note');
    await waitUntil(() => clock.durations().includes(1000), 'the countdown tick');
    clock.expire();
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('retry 1/2 in 19 s'), 'a second gone');
    await waitUntil(() => clock.durations().includes(1000), 'the next tick');
    clock.expire();
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('retry 1/2 in 18 s'), 'two seconds gone');
    app.stdin.write(KEYS.esc);
    // Stopped before any text: nothing is saved, the message waits to be sent again, and the note says
    // the player stopped it (it read 'No candidate arrived for this turn ... try again', as if it had failed).
    const stopped = liveArea(await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('(not sent)'), 'the stopped wait'));
    expect(stopped.replace(/\s+/g, ' ')).toContain('Stopped before the reply began, so nothing was saved. · r sends it again');
  });

  it('keeps the count of candidates done while another waits', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren looks up.' } });
    // Whichever request arrives first is asked to wait; the other answers.
    server.enqueue({ status: 429, errorMessage: 'slow down', headers: { 'retry-after': '20' } });
    const session = await modelSession(server.url, { candidates: 2, provider: { maxRetries: 2 } });
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    await send(app, 'Hello, Wren.');
    const frame = await waitForFrame(app.lastFrame, (f) => /asked to wait.* · 1 done · Esc stops/.test(liveArea(f)), 'the note');
    expect(liveArea(frame)).toContain('the endpoint asked to wait: retry 1/2 in 20 s · 1 done · Esc stops');
    app.stdin.write(KEYS.esc);
    await waitUntil(() => session.turns().length === 1, 'the stopped turn');
  });

  it('goes back to the writing note once the retried request answers', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren looks up.' } });
    let answer: (v: unknown) => void = () => {};
    const held = new Promise((resolve) => (answer = resolve));
    server.enqueue(
      { status: 429, errorMessage: 'slow down', headers: { 'retry-after-ms': '0' } },
      // The retried request: the test says when it is answered.
      () => held.then(() => ({ content: 'Wren looks up from the sluice.', holdAfter: { chunks: 1, until: new Promise(() => {}) } })),
    );
    const session = await modelSession(server.url, { provider: { maxRetries: 2 } });
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    await send(app, 'Hello, Wren.');
    await waitUntil(() => server!.chatRequests().length === 2, 'the retried request');
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('asked to wait'), 'the retry note');
    expect(liveArea(frame)).toContain('the endpoint asked to wait: retry 1/2 · Esc stops');
    answer(undefined);
    // One candidate: no "0 done" count beside it.
    await waitForFrame(app.lastFrame, (f) => /writing 1 candidate… · Esc stops/.test(liveArea(f)), 'the writing note');
    expect(liveArea(app.lastFrame())).not.toContain('asked to wait');
    app.stdin.write(KEYS.esc);
    await waitUntil(() => session.turns().length === 1, 'the stopped turn');
  });
});

describe('the composer while a reply streams', () => {
  it('says that typing waits there and Esc stops the reply, not the first turn\'s "What do you do?"', async () => {
    server = await startOpenAIServer({ models: ['test-model'] });
    // Held after one chunk until the client goes away: the reply is streaming for as long as the test looks.
    server.setBehaviour({ content: ['Wren looks up', ' from the sluice.'], holdAfter: { chunks: 1, until: new Promise(() => {}) } });
    const session = await modelSession(server.url);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    expect(liveArea(app.lastFrame())).toContain('What do you do? (Enter sends · /help)');
    await send(app, 'Hello, Wren.');
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Wren looks up'), 'the streaming reply');
    expect(liveArea(frame)).toContain('type ahead: your words wait here · Esc stops the reply');
    expect(liveArea(frame)).not.toContain('What do you do?');
    // And it is true: what is typed now stays.
    app.stdin.write('I nod');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I nod'), 'the typed words');
    app.stdin.write(KEYS.esc);
    await waitUntil(() => session.turns().length === 1, 'the stopped turn');
    await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(liveArea(f)), 'the carousel');
    expect(liveArea(app.lastFrame())).toContain('› I nod');
  });
});

describe('a reasoning model before its reply starts', () => {
  it('says the model is thinking, where the live area was empty, and not once the reply is written', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    server = await startOpenAIServer({
      models: ['test-model'],
      behaviour: {
        reasoning: 'The player greets Wren; he should answer warily.',
        content: 'Wren looks up.',
        holdAfter: { chunks: 0, until: held },
      },
    });
    const session = await modelSession(server.url);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    await send(app, 'Hello, Wren.');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('writing 1 candidate… · the model is thinking · Esc stops'), 'the note');
    release();
    await waitUntil(() => session.turns().length === 1, 'the turn');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Wren looks up.') && !liveArea(f).includes('thinking'), 'the reply');
  });
});
