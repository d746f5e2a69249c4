/**
 * The test server (tests/support/openai-server.ts) in its own process for the client suite:
 * answers at once with story prose (replies the offline narrator wrote for a bundled world, so
 * the critics see text like a model's) in 4-character chunks, about a token each, the rolling
 * summary with the JSON object it asks for (bench/summary-answer.ts), and tells the
 * parent (over IPC) which request bodies arrived in which turn, so the SDK baseline can send
 * exactly the same ones.
 */
import { startOpenAIServer, type ChatRequestBody } from '../tests/support/openai-server.js';
import { bundledWorld, newSession, playTurns } from './story.js';
import { isSummaryRequest, summaryAnswer } from './summary-answer.js';

const corpus: string[] = [];
{
  const session = await newSession(await bundledWorld(), { candidates: 3, seed: 5 });
  await playTurns(session, 20);
  for (const turn of session.turns()) for (const c of turn.candidates) corpus.push(c.text);
}
let turn = 0;
let seen: Array<{ turn: number; body: ChatRequestBody }> = [];

const server = await startOpenAIServer({
  models: ['bench-model'],
  behaviour: (request) => {
    seen.push({ turn, body: request });
    // The rolling summary is answered in the JSON shape it asks for, as a model with structured
    // output does (bench/summary-answer.ts); it used to get story prose, read as a plain summary.
    if (isSummaryRequest(request)) return { content: summaryAnswer(request.messages) };
    const user = String(request.messages[request.messages.length - 1]?.content ?? '');
    let h = 0;
    for (const ch of user) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return { content: corpus[h % corpus.length], chunkSize: 4 };
  },
});

process.send!({ type: 'url', url: server.url });
process.on('message', (m: { type: string; turn?: number }) => {
  if (m.type === 'turn') {
    turn = m.turn!;
    process.send!({ type: 'turn-set' });
  }
  if (m.type === 'take') {
    process.send!({ type: 'taken', seen });
    seen = [];
  }
  if (m.type === 'close') void server.close().then(() => process.exit(0));
});
