import { afterEach, describe, expect, it } from 'vitest';
import { modelSummarizer } from '../../../src/engine/memory/model-summary.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the model-written rolling summary', () => {
  it('sends the previous summary and the scrolled-out messages, and returns the model\'s summary', async () => {
    server = await startOpenAIServer();
    server.setBehaviour(() => ({ content: 'Tamsin came home; Wren owes Ilsa forty crowns.' }));
    const summarize = modelSummarizer(createOpenAIProvider(profileFor(server.url)));
    const summary = await summarize('Tamsin arrived by ferry.', [
      { role: 'player', text: 'I ask about the debt.', turn: 3 },
      { role: 'narrator', text: 'Wren admits he owes Ilsa forty crowns.', turn: 3 },
    ]);
    expect(summary).toBe('Tamsin came home; Wren owes Ilsa forty crowns.');
    const body = server.chatRequests()[0].body!;
    const user = body.messages.at(-1)!.content;
    expect(user).toContain('Summary so far:\nTamsin arrived by ferry.');
    expect(user).toContain('Player: I ask about the debt.');
    expect(user).toContain('Narrator: Wren admits he owes Ilsa forty crowns.');
    expect(body.messages[0].content).toMatch(/Summarise the story/);
  });
});
