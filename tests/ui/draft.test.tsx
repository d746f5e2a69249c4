/**
 * The player's words no turn holds yet are kept beside the story (store/draft-file.ts through the services):
 * the message a reply is being written for, until its turn is saved; what the composer holds when the screen goes;
 * and a resumed story's draft starts the composer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import type { TuiServices } from '../../src/ui/services.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, render, modelSession, tick, waitForFrame, waitUntil } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** The file services with keepDraft recorded: [session id, text] per call. */
function recording(): { services: TuiServices; kept: Array<[string, string | undefined]> } {
  const kept: Array<[string, string | undefined]> = [];
  return { services: { ...fileServices, keepDraft: (id, text) => kept.push([id, text]) }, kept };
}

describe('the player words no turn holds yet', () => {
  it('keeps the message while its reply is written and lets it go once the turn is saved', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    server = await startOpenAIServer({
      models: ['test-model'],
      behaviour: { content: 'Wren looks up from the sluice. "You came back."', chunkSize: 8, holdAfter: { chunks: 1, until: held } },
    });
    const session = await modelSession(server.url);
    const { services, kept } = recording();
    const app = render(<App started={{ session, notes: [] }} services={services} />);
    app.stdin.write('I kneel by the wheel.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Esc stops'), 'the reply being written');
    // Kept before a word of the reply is saved: a crash now would not take it.
    expect(kept).toEqual([[session.id, 'I kneel by the wheel.']]);
    release();
    await waitUntil(() => session.turns().length === 1, 'the turn');
    await waitUntil(() => kept.length === 2, 'the draft let go');
    expect(kept[1]).toEqual([session.id, undefined]);
  });

  it('keeps a message whose reply failed: no turn holds it', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { status: 500, errorMessage: 'boom' } });
    const session = await modelSession(server.url);
    const { services, kept } = recording();
    const app = render(<App started={{ session, notes: [] }} services={services} />);
    app.stdin.write('Where is the key?');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('r sends it again'), 'the error line');
    expect(kept).toEqual([[session.id, 'Where is the key?']]);
  });

  it('keeps what the composer holds when the screen goes, and what a Ctrl+C cleared on the way to quitting', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren nods.' } });
    const first = recording();
    const session = await modelSession(server.url);
    const app = render(<App started={{ session, notes: [] }} services={first.services} />);
    app.stdin.write('Half a thought about the');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› Half a thought'), 'the typed words');
    app.unmount();
    expect(first.kept).toEqual([[session.id, 'Half a thought about the']]);

    const second = recording();
    const again = render(<App started={{ session, notes: [] }} services={second.services} />);
    again.stdin.write('Another try');
    await waitForFrame(again.lastFrame, (f) => liveArea(f).includes('› Another try'), 'the typed words');
    again.stdin.write(KEYS.ctrlC);
    await waitForFrame(again.lastFrame, (f) => f.includes('Cleared'), 'the cleared composer');
    again.unmount();
    expect(second.kept).toEqual([[session.id, 'Another try']]);
  });

  it('starts the composer with a resumed story draft', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'Wren nods.' } });
    const session = await modelSession(server.url);
    const { services } = recording();
    const app = render(<App started={{ session, notes: [], draft: 'I kneel by the wheel.' }} services={services} />);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I kneel by the wheel.'), 'the draft in the composer');
    app.stdin.write(KEYS.enter);
    await waitUntil(() => session.turns().length === 1, 'the turn');
    expect(session.turns()[0].input.text).toBe('I kneel by the wheel.');
  });
});
