import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { Candidate } from '../../src/engine/types.js';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { cutNote } from '../../src/ui/text/blocks.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, makeSession, modelSession, render, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

const REPLY = 'Wren sets down the sack. "You came back," he says, and the mill wheel turns on behind him, slow and patient as ever.';

describe('why a reply is cut', () => {
  it('says the player stopped it, and what to do', async () => {
    const app = renderApp(await makeSession({ delayMs: 60 }));
    app.type('I shout for Wren.');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      // Text of the reply under the player's line, not the "writing …" status that comes before the first token.
      (f) => f.includes('Esc stops') && /Tamsin › I shout for Wren\.\n\n(?!writing )\S/.test(liveArea(f)),
      'some text streamed',
    );
    app.type(KEYS.esc);
    await waitUntil(() => app.session.turns().length === 1, 'the stopped turn');
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('(stopped)'), 'the stopped mark');
    expect(liveArea(frame)).toContain('(stopped) by you · Alt+C continues · Ctrl+R writes another');
    // The note is on screen, so the carousel under it does not say "(stopped)" again.
    const carousel = liveArea(frame)
      .split('\n')
      .find((l) => /[◀◁] \d+\/\d+ [▶▷]/.test(l));
    expect(carousel).toBeDefined();
    expect(carousel).not.toContain('(stopped)');
  });

  it('says the stream broke off, and a later stop does not relabel it', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: REPLY, chunkSize: 10, cutAfter: 4 } });
    const session = await modelSession(server.url);
    const app = render(<App started={{ session, notes: [] }} services={fileServices} />);
    app.stdin.write('Hello, Wren.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitUntil(() => session.turns().length === 1, 'the cut turn');
    const cutId = session.turns()[0].candidates[0].id;
    expect(session.turns()[0].candidates[0].incomplete).toBe(true);
    await waitForFrame(
      app.lastFrame,
      (f) => liveArea(f).includes('(incomplete) the stream broke off before the end · Alt+C continues · Ctrl+R writes another'),
      'the reason',
    );

    // A regenerate the player stops: the new candidate is "stopped", the first one still "broke off".
    server.setBehaviour({ content: REPLY.repeat(4), chunkSize: 6, delayMs: 40 });
    app.stdin.write(KEYS.ctrlR);
    await waitForFrame(app.lastFrame, (f) => f.includes('Esc stops') && f.includes('mill wheel'), 'the regenerate streaming');
    app.stdin.write(KEYS.esc);
    await waitUntil(() => session.turns()[0].candidates.length === 2, 'the second candidate');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('(stopped) by you'), 'the stopped candidate');
    // Swipe to the candidate that broke off, whichever side of the shown one it is.
    const turn = session.turns()[0];
    app.stdin.write(turn.candidates.findIndex((c) => c.id === cutId) < turn.chosen ? KEYS.altLeft : KEYS.altRight);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('the stream broke off'), 'the first reason kept');
  });

  it('words each ending in one short line', () => {
    const base = {
      id: 'c',
      text: 'x',
      variant: { id: 'v', label: 'v' },
      critics: [],
      score: 0,
      repairs: [],
      timing: { ttftMs: null, totalMs: 0, tokensPerSecond: null },
      retries: 0,
    } as unknown as Candidate;
    expect(cutNote({ ...base, incomplete: false })).toBeUndefined();
    // The reason the candidate carries (kept in the session file too, so after a resume as well).
    expect(cutNote({ ...base, incomplete: true, finishReason: 'aborted' })).toBe(
      '(stopped) by you · Alt+C continues · Ctrl+R writes another',
    );
    expect(cutNote({ ...base, incomplete: true, finishReason: 'interrupted' })).toBe(
      '(incomplete) the stream broke off before the end · Alt+C continues · Ctrl+R writes another',
    );
    expect(cutNote({ ...base, incomplete: true, finishReason: 'timeout' })).toBe(
      '(incomplete) the stream stalled and timed out · Alt+C continues · Ctrl+R writes another',
    );
    // The token limit: marked only when no repair could end it on a whole sentence.
    expect(cutNote({ ...base, incomplete: false, finishReason: 'length' })).toBe(
      '(cut at the length limit) the model reached its reply length limit · Alt+C continues · Ctrl+R writes another',
    );
    expect(
      cutNote({
        ...base,
        incomplete: false,
        finishReason: 'length',
        repairs: ['dropped the unfinished last sentence (the reply reached its length limit)'],
      }),
    ).toBeUndefined();
    // A reply saved before reasons were kept: the cause is unknown.
    expect(cutNote({ ...base, incomplete: true })).toBe(
      '(incomplete) the reply ended before it was finished · Alt+C continues · Ctrl+R writes another',
    );
    const lost = { kind: 'connection', message: 'the connection to the model was lost', retryable: true } as const;
    expect(cutNote({ ...base, incomplete: true, error: lost })).toBe(
      '(cut off: the connection to the model was lost) · Alt+C continues · Ctrl+R writes another',
    );
    expect(cutNote({ ...base, incomplete: true, error: { ...lost, retryable: false } })).toBe(
      '(cut off: the connection to the model was lost)',
    );
  });
});
