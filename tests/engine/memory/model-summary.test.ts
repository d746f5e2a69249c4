import { afterEach, describe, expect, it } from 'vitest';
import { modelSummarizer } from '../../../src/engine/memory/model-summary.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { startOpenAIServer, type OpenAIServer, type RecordedRequest, type Reply } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const events = [
  { role: 'player' as const, text: 'I ask about the debt. My dog is called Biscuit, by the way.', turn: 3 },
  { role: 'narrator' as const, text: 'Wren admits he owes Ilsa forty crowns.', turn: 3 },
];
const structured = JSON.stringify({
  summary: 'Tamsin came home; Wren owes Ilsa forty crowns.',
  facts: [{ kind: 'relationship', subject: 'Biscuit', value: 'dog', text: "Biscuit is Tamsin's dog.", turn: 3 }],
});

describe('the model-written rolling summary', () => {
  it('asks for structured output and returns the summary and the facts the model reports', async () => {
    server = await startOpenAIServer();
    server.setBehaviour(() => ({ content: structured }));
    const summarize = modelSummarizer(createOpenAIProvider(profileFor(server.url)));
    const result = await summarize('Tamsin arrived by ferry.', events);
    expect(result).toEqual({
      summary: 'Tamsin came home; Wren owes Ilsa forty crowns.',
      facts: [{ kind: 'relationship', subject: 'Biscuit', value: 'dog', text: "Biscuit is Tamsin's dog.", turn: 3 }],
    });
    const body = server.chatRequests()[0].body!;
    const user = body.messages.at(-1)!.content;
    expect(user).toContain('Summary so far:\nTamsin arrived by ferry.');
    expect(user).toContain('[t3] Player: I ask about the debt.');
    expect(user).toContain('[t3] Narrator: Wren admits he owes Ilsa forty crowns.');
    expect(body.messages[0].content).toMatch(/"summary".*"facts"/s);
    const format = body.response_format as { type: string; json_schema: { name: string; strict: boolean; schema: { required: string[] } } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema).toMatchObject({ name: 'story_memory', strict: true });
    expect(format.json_schema.schema.required).toEqual(['summary', 'facts']);
    expect(body.stream).toBe(false);
  });

  it('reads a fenced or plain-text answer from an endpoint that ignores the schema', async () => {
    server = await startOpenAIServer();
    const summarize = modelSummarizer(createOpenAIProvider(profileFor(server.url)));
    server.setBehaviour(() => ({ content: `Sure! Here it is:\n\`\`\`json\n${structured}\n\`\`\`` }));
    expect((await summarize('', events)).facts).toHaveLength(1);
    server.setBehaviour(() => ({ content: 'Tamsin came home; Wren owes Ilsa forty crowns.' }));
    expect(await summarize('', events)).toEqual({ summary: 'Tamsin came home; Wren owes Ilsa forty crowns.', facts: [] });
    server.setBehaviour(() => ({ content: '{"summary": "Tamsin came' }));
    await expect(summarize('', events)).rejects.toThrow(/no usable summary/);
  });

  it('asks again without response_format when the endpoint refuses it, and does not offer it again', async () => {
    server = await startOpenAIServer();
    server.setBehaviour((request) =>
      request.response_format
        ? { status: 400, errorMessage: 'Unrecognized request argument supplied: response_format' }
        : { content: structured },
    );
    const summarize = modelSummarizer(createOpenAIProvider(profileFor(server.url)));
    expect((await summarize('', events)).facts).toHaveLength(1);
    expect((await summarize('', events)).summary).toMatch(/forty crowns/);
    const sent = server.chatRequests().map((r) => Boolean(r.body!.response_format));
    expect(sent).toEqual([true, false, false]);
  });

  it('stops its request when the signal fires (the turn it was written for was stopped)', async () => {
    server = await startOpenAIServer();
    let arrived: (recorded: RecordedRequest) => void = () => {};
    const request = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    let release: (reply: Reply) => void = () => {};
    const held = new Promise<Reply>((resolve) => (release = resolve));
    server.setBehaviour((_body, recorded) => {
      arrived(recorded);
      return held;
    });
    const summarize = modelSummarizer(createOpenAIProvider(profileFor(server.url)));
    const controller = new AbortController();
    const answer = summarize('', events, { signal: controller.signal });
    const recorded = await request;
    controller.abort();
    await expect(answer).rejects.toThrow(/cancelled/);
    await recorded.closed;
    release({ content: structured });
    expect(server.chatRequests()).toHaveLength(1);
  });
});
