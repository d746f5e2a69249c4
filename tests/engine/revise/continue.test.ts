import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/session/index.js';
import type { SessionEvent } from '../../../src/engine/types.js';
import { CONTINUE_INSTRUCTION } from '../../../src/engine/revise/continue-prompt.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { JsonlSessionStore } from '../../../src/store/session-file.js';
import { loadSession } from '../../../src/store/load.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, newSession } from '../session/helpers.js';
import { steppingClock } from '../session/scripted-provider.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { findTemplate } from '../../../src/providers/instruct/catalog.js';
import { reasoningTags, type ReasoningTags } from '../../../src/providers/think.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const providerFor = (url: string) => createOpenAIProvider(profileFor(url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 });
const WORDS =
  'Wren sets down the sack and wipes his hands on his apron. He looks toward the mill, where the wheel has not turned since the flood, and says nothing for a long while.'.split(
    /(?<= )/u,
  );

/** The text streamed for candidate `index`, in order. */
const streamed = (events: SessionEvent[], index: number) =>
  events.flatMap((e) => (e.type === 'delta' && e.candidate === index ? [e.text] : [])).join('');

describe('continue', () => {
  it('after Esc: sends the partial reply and keeps the continuation without repeating it', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.enqueue({ content: WORDS, delayMs: 15 });
    const { session, store } = await newSession({ candidates: 1, provider: providerFor(server.url) });
    const stop = new AbortController();
    let deltas = 0;
    for await (const event of session.play({ text: 'I greet Wren.' }, { signal: stop.signal })) {
      if (event.type === 'delta' && ++deltas === 5) stop.abort();
    }
    const stopped = session.turns()[0].candidates[0];
    expect(stopped.finishReason).toBe('aborted');
    const partial = stopped.text;
    expect(partial.length).toBeGreaterThan(0);
    expect(WORDS.join('').startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(WORDS.join('').length - 20);

    // A model that starts over from the last three words before going on.
    const tail = partial.trimEnd().split(' ').slice(-3).join(' ');
    const fresh = 'and turns to you at last.';
    server.enqueue({ content: `${tail} ${fresh}` });
    const events = await collect(session.continueReply());

    const request = server.chatRequests().at(-1)!.body!;
    const [assistant, instruction] = request.messages.slice(-2);
    expect(assistant).toEqual({ role: 'assistant', content: partial.trimEnd() });
    expect(instruction).toEqual({ role: 'system', content: CONTINUE_INSTRUCTION });

    const turn = session.turns()[0];
    expect(turn.candidates).toHaveLength(2);
    expect(turn.chosen).toBe(1);
    const continued = turn.candidates[1];
    expect(continued.text).toBe(`${partial.trimEnd()} ${fresh}`);
    expect(continued.text.split(tail)).toHaveLength(2);
    expect(continued.revision).toEqual({ kind: 'continued', from: stopped.id });
    expect(continued.incomplete).toBe(false);
    // What streamed is the reply and then only the new words.
    expect(streamed(events, 1)).toBe(continued.text);
    // The stopped reply is kept as it was, and the log has the new version.
    expect(turn.candidates[0].text).toBe(partial);
    expect(store.records.at(-1)).toMatchObject({ type: 'candidate', chosen: 1, candidate: { revision: { kind: 'continued' } } });
  });

  it('after Esc inside a quote: goes on inside the quote, with no closing mark added to the partial reply', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    const spoken = 'Wren looks up. "You came back after all these years, and you walk in as if nothing had happened," he says.';
    server.enqueue({ content: spoken.split(/(?<= )/u), delayMs: 15 });
    const { session } = await newSession({ candidates: 1, provider: providerFor(server.url) });
    const stop = new AbortController();
    let deltas = 0;
    for await (const event of session.play({ text: 'I greet Wren.' }, { signal: stop.signal })) {
      if (event.type === 'delta' && ++deltas === 6) stop.abort();
    }
    const stopped = session.turns()[0].candidates[0];
    expect(stopped.finishReason).toBe('aborted');
    // Stopped inside the quote: kept as it arrived, the quote still open.
    expect(spoken.startsWith(stopped.text)).toBe(true);
    expect(stopped.text).toContain('"You came');

    server.enqueue({ content: spoken.slice(stopped.text.trimEnd().length).trimStart() });
    await collect(session.continueReply());
    const request = server.chatRequests().at(-1)!.body!;
    expect(request.messages.at(-2)).toEqual({ role: 'assistant', content: stopped.text.trimEnd() });
    expect(session.turns()[0].candidates[1].text).toBe(spoken);
  });

  it('after a cut at the token limit: extends the reply and the critics judge it whole', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    const cut =
      'Wren sets down the sack and wipes his hands. "You came back," he says at last. He looks up at the hill, where the new tree';
    server.enqueue({ content: cut, finishReason: 'length' });
    const { session } = await newSession({ candidates: 1, provider: providerFor(server.url) });
    await collect(session.play({ text: 'I greet Wren.' }));
    const first = session.turns()[0].candidates[0];
    expect(first.finishReason).toBe('length');
    expect(first.critics.find((c) => c.id === 'formatting')?.flagged).toBe(true);

    server.enqueue({ content: 'He looks up at the hill, where the new tree stands. "Will you stay?" he asks.' });
    await collect(session.continueReply());
    const continued = session.turns()[0].candidates[1];
    expect(continued.text).toBe(
      'Wren sets down the sack and wipes his hands. "You came back," he says at last. He looks up at the hill, where the new tree stands. "Will you stay?" he asks.',
    );
    expect(continued.finishReason).toBeUndefined();
    // The fragment the first reply was flagged for is whole now.
    expect(continued.critics.find((c) => c.id === 'formatting')?.flagged).toBe(false);
    expect(continued.critics.length).toBe(first.critics.length);
  });

  it('on an earlier reply: keeps it as a new version on a new branch, the old branch stays', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.enqueue({ content: 'Wren nods.' }, { content: 'Ilsa arrives with her ledger.' }, { content: 'He says nothing more.' });
    const { session } = await newSession({ candidates: 1, provider: providerFor(server.url) });
    await collect(session.play({ text: 'I greet Wren.' }));
    await collect(session.play({ text: 'Who is that?' }));
    await collect(session.continueReply(1));
    expect(session.turns()).toHaveLength(1);
    expect(session.turns()[0].candidates.map((c) => c.text)).toEqual(['Wren nods.', 'Wren nods. He says nothing more.']);
    expect(session.tree()).toHaveLength(2);
  });

  it('refuses when there is nothing to continue, and saves nothing when only a repeat arrives', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    const { session, store } = await newSession({ candidates: 1, provider: providerFor(server.url) });
    const none = await collect(session.continueReply());
    expect(none).toEqual([
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({ message: expect.stringMatching(/no reply to continue/) }),
      }),
    ]);
    server.enqueue({ content: 'Wren sets down the sack and looks at you.' }, { content: 'sack and looks at you.' });
    await collect(session.play({ text: 'I greet Wren.' }));
    const before = store.records.length;
    const events = await collect(session.continueReply());
    expect(events.some((e) => e.type === 'error' && /nothing was saved/.test(e.error.message))).toBe(true);
    expect(store.records).toHaveLength(before);
    expect(session.turns()[0].candidates).toHaveLength(1);
  });
});

describe('continue over text completion', () => {
  it('ends the prompt inside the reply, with no instruction, and joins what the model adds', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.enqueue({ content: 'Wren sets down the sack and looks', finishReason: 'length' }, { content: ' toward the mill.' });
    const provider = createOpenAIProvider(
      profileFor(server.url, { name: 'kobold', model: 'story-1', api: 'completions', template: 'chatml' }),
      { template: { instruct: findTemplate('chatml').instruct } },
    );
    const { session } = await newSession({ candidates: 1, provider });
    await collect(session.play({ text: 'I greet Wren.' }));
    await collect(session.continueReply());
    const prompt = server.completionRequests().at(-1)!.body!.prompt!;
    expect(prompt.endsWith('<|im_start|>assistant\nWren sets down the sack and looks')).toBe(true);
    expect(prompt).not.toContain(CONTINUE_INSTRUCTION);
    expect(session.turns()[0].candidates[1].text).toBe('Wren sets down the sack and looks toward the mill.');
  });
});

describe("continue after a reply with reasoning (SillyTavern's PromptReasoning.addToMessage)", () => {
  const wild = (name: string) =>
    JSON.parse(readFileSync(new URL(`../../fixtures/sillytavern-wild/reasoning/${name}`, import.meta.url), 'utf8'));
  const continuedPrompt = async (reasoning?: ReasoningTags) => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.enqueue(
      { content: '<think>\nThe player greets him; he is wary.\n</think>\n\nWren sets down the sack and looks', finishReason: 'length' },
      { content: ' toward the mill.' },
    );
    const provider = createOpenAIProvider(
      profileFor(server.url, { name: 'kobold', model: 'story-1', api: 'completions', template: 'chatml' }),
      { template: { instruct: findTemplate('chatml').instruct }, ...(reasoning ? { reasoning } : {}) },
    );
    const { session } = await newSession({ candidates: 1, provider });
    await collect(session.play({ text: 'I greet Wren.' }));
    await collect(session.continueReply());
    expect(session.turns()[0].candidates[1].text).toBe('Wren sets down the sack and looks toward the mill.');
    return server.completionRequests().at(-1)!.body!.prompt!;
  };

  it("writes the reply's reasoning back before it, in the reasoning template's prefix and suffix, then its separator", async () => {
    // DeepSeek's template: "<think>\n", "\n</think>", separator "\n\n".
    const prompt = await continuedPrompt(reasoningTags(wild('DeepSeek@f6112298.json')));
    expect(
      prompt.endsWith('<|im_start|>assistant\n<think>\nThe player greets him; he is wary.\n</think>\n\nWren sets down the sack and looks'),
    ).toBe(true);
  });

  it("uses the separator as written: Think XML's single newline, and SillyTavern's defaults with no template", async () => {
    const xml = await continuedPrompt(reasoningTags(wild('Think XML@7610700e.json')));
    expect(xml.endsWith('assistant\n<think>The player greets him; he is wary.</think>\nWren sets down the sack and looks')).toBe(true);
    await server?.close();
    const none = await continuedPrompt();
    expect(none.endsWith('assistant\n<think>The player greets him; he is wary.</think>\nWren sets down the sack and looks')).toBe(true);
  });
});

describe('a resumed session', () => {
  it('keeps continued and edited versions, marked, and a deleted turn stays in the tree', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.enqueue(
      { content: 'Wren nods and', finishReason: 'length' },
      { content: 'points at the mill.' },
      { content: 'Ilsa waits at the door.' },
    );
    const dir = mkdtempSync(join(tmpdir(), 'skald-revise-'));
    const store = new JsonlSessionStore({ dir });
    const deps = { pack: miniPack(), provider: providerFor(server.url), store, clock: steppingClock(), seed: 5, candidates: 1 };
    const session = await Session.create(deps);
    await collect(session.play({ text: 'I greet Wren.' }));
    await collect(session.continueReply());
    const edited = await collect(session.editReply('Wren nods and points at the mill, where a lantern burns.'));
    expect(edited.some((e) => e.type === 'turn-done')).toBe(true);
    await collect(session.play({ text: 'Who is at the door?' }));
    const deleted = await session.deleteTurn();
    expect(deleted).toEqual({ turn: 2, input: { text: 'Who is at the door?', latencyMs: undefined } } as never);
    await store.close();

    const loaded = await loadSession(session.id, dir);
    expect(loaded.warnings).toEqual([]);
    const resumed = await Session.restore(loaded.records, { ...deps, store: new JsonlSessionStore({ id: session.id, dir }) });
    const [turn] = resumed.turns();
    expect(resumed.turns()).toHaveLength(1);
    expect(turn.candidates.map((c) => [c.text, c.revision?.kind])).toEqual([
      ['Wren nods and', undefined],
      ['Wren nods and points at the mill.', 'continued'],
      ['Wren nods and points at the mill, where a lantern burns.', 'edited'],
    ]);
    expect(turn.chosen).toBe(2);
    // The deleted turn is a branch of the tree, not gone.
    expect(
      resumed
        .tree()
        .map((b) => b.turns)
        .sort(),
    ).toEqual([1, 2]);
  });
});
