// The debug pane's stop strings are the ones the request carried: in text completion the instruct
// template's first, then the story's `stop` setting, then skald's own, each group named. Rendered
// in the real TUI, a real Session over the openai provider and the loopback server.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore } from '../../src/engine/session/records.js';
import { findTemplate, chosenTemplate } from '../../src/providers/instruct/catalog.js';
import { createOpenAIProvider } from '../../src/providers/openai/index.js';
import { stopLine } from '../../src/ui/debug/sections.js';
import { resolveWorld } from '../../src/world/discover.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, playTurn, renderApp, waitForFrame } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

async function textSession(url: string, api: 'completions' | 'chat'): Promise<Session> {
  const pack = (await resolveWorld('glass-orchard')).pack;
  const provider = createOpenAIProvider(
    { name: 'kobold', baseURL: url, model: 'test-model', headers: {}, supportsN: false, source: 'profile', api, template: 'chatml' },
    { maxRetries: 0, template: chosenTemplate(findTemplate('chatml')) },
  );
  return Session.create({ pack, provider, store: new MemorySessionStore(), clock: { now: () => Date.now() }, seed: 1, candidates: 1 });
}

/** The pane's text with its wrapping and borders taken out, so a row reads as one line. */
const paneText = (frame: string) =>
  frame
    .split('\n')
    .map((l) => l.replace(/[│╭╮╰╯─]/g, '').trim())
    .join(' ');

describe("the debug pane's stop strings", () => {
  it('show what text completion sent: the template’s, the story’s setting and skald’s, each named', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'The mill wheel groans. What do you do?' } });
    const session = await textSession(server.url, 'completions');
    await session.setSampler('stop', '["THE END"]');
    const app = renderApp(session, { debug: true });
    await waitForFrame(app.lastFrame, (f) => f.includes('turn 0'), 'the opening');
    await playTurn(app, 'I knock twice.');
    const sent = server.completionRequests().at(-1)!.body!.stop as string[];
    // What the server got: the template's end of turn and sequences first, then the setting, then skald's.
    expect(sent.slice(0, 4)).toEqual(['<|im_end|>', '\n<|im_start|>user', '\n<|im_start|>assistant', '\n<|im_start|>system']);
    expect(sent.slice(4)).toEqual(['THE END', '\nTamsin:', 'Tamsin:', 'User:']);
    expect(session.turns()[0].prompt.stop).toEqual(sent);
    // The pane is shorter than its text: page down to the prompt section's stop row (and the row after it).
    let pane = '';
    for (let page = 0; page < 12 && !/stop template:[\s\S]*lore/.test(pane); page++) {
      if (page > 0) {
        const before = app.lastFrame();
        app.type(KEYS.pageDown);
        await waitForFrame(app.lastFrame, (f) => f !== before, 'the pane to scroll');
      }
      pane = paneText(app.lastFrame() ?? '').replace(/\s+/g, ' ');
    }
    expect(pane).toContain(
      'stop template: "<|im_end|>" "\\n<|im_start|>user" "\\n<|im_start|>assistant" "\\n<|im_start|>system" · your stop setting: "THE END" · skald: "\\nTamsin:" "Tamsin:" "User:"',
    );
  });

  it('in chat mode show no template, and a turn recorded without origins shows the list as it was', async () => {
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: 'The mill wheel groans. What do you do?' } });
    const session = await textSession(server.url, 'chat');
    for await (const _ of session.play({ text: 'I knock twice.' })) void _;
    const prompt = session.turns()[0].prompt;
    expect(prompt.stopFrom).toEqual(['skald', 'skald', 'skald']);
    expect(stopLine(prompt)).toBe('skald: "\\nTamsin:" "Tamsin:" "User:"');
    expect(server.chatRequests().at(-1)!.body!.stop).toEqual(prompt.stop);
    expect(stopLine({ stop: ['a', 'b'] })).toBe('"a" "b"');
    expect(stopLine({ stop: ['a', 'b'], stopFrom: ['template', 'constructor' as never] })).toBe('"a" "b"');
  });
});
