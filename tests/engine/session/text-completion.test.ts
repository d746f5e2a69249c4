import { afterEach, describe, expect, it } from 'vitest';
import { findTemplate } from '../../../src/providers/instruct/catalog.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, newSession } from './helpers.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a session over text completion', () => {
  it('streams every candidate into the turn, plans it and runs the critics, as in chat mode', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    let n = 0;
    server.setBehaviour(() => ({ content: `The mill wheel turns once more, telling ${++n}. "Well?" Wren asks. What do you say?`, chunkSize: 7 }));
    const provider = createOpenAIProvider(profileFor(server.url, { name: 'kobold', model: 'story-1', api: 'completions', template: 'chatml' }), { template: { instruct: findTemplate('chatml').instruct } });
    const { session } = await newSession({ candidates: 3, provider });
    const events = await collect(session.play({ text: 'I greet Wren.' }));

    for (const candidate of [0, 1, 2]) expect(events.filter((e) => e.type === 'delta' && e.candidate === candidate).length).toBeGreaterThan(3);
    expect(events.some((e) => e.type === 'plan')).toBe(true);
    const turn = session.turns()[0]!;
    expect(turn.candidates).toHaveLength(3);
    expect(new Set(turn.candidates.map((c) => c.text)).size).toBe(3);
    expect(turn.candidates.every((c) => c.critics.length > 0 && !c.incomplete)).toBe(true);

    const sent = server.completionRequests();
    expect(sent).toHaveLength(3);
    const prompt = sent[0]!.body!.prompt!;
    const persona = session.persona.name;
    expect(prompt).toContain(`<|im_start|>user\n${persona}: I greet Wren.<|im_end|>\n`);
    expect(prompt.endsWith('<|im_end|>\n<|im_start|>assistant\n')).toBe(true);
    expect(sent[0]!.body!.stop).toEqual(expect.arrayContaining(['<|im_end|>', '\n<|im_start|>user', `\n${persona}:`]));
  });
});
