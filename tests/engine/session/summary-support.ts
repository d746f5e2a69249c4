/**
 * What the rolling summary's tests share: a session on the loopback OpenAI server with the real
 * model summariser, the summary model's answer, and readers of the saved turns.
 */
import { modelSummarizer } from '../../../src/engine/memory/model-summary.js';
import type { TurnRecord } from '../../../src/engine/session/records.js';
import type { SessionEvent } from '../../../src/engine/types.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import type { OpenAIServer, Reply } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { millMoves, newSession } from './helpers.js';

export const REPLY = 'The river runs on under the stopped wheel. Wren sets down the lamp and waits for you to speak. What do you do?';
export const BUDGET = 2048;

/** What the summary model answers: a short summary, and a fact for each player line naming the key. */
export function summaryAnswer(request: { messages: Array<{ content: string }> }): Reply {
  const shown = request.messages.at(-1)!.content;
  const facts = [...shown.matchAll(/\[t(\d+)\] Player: [^\n]*brass key/g)].map((m) => ({
    kind: 'possession',
    subject: 'brass key',
    value: 'carried by Dimo',
    text: 'Dimo carries the brass key.',
    turn: Number(m[1]),
  }));
  return { content: JSON.stringify({ summary: `Dimo came home to the mill (${shown.length} characters read).`, facts }) };
}

/**
 * A session on `server` through the real `openai` SDK and the real model summariser; `asked` holds
 * the turns the summariser was called at, `play` plays a line and hands each event to `onEvent`.
 */
export async function modelSession(server: OpenAIServer, overrides: { candidates?: number } = {}) {
  const provider = createOpenAIProvider(profileFor(server.url));
  const asked: number[] = [];
  const summarize = modelSummarizer(provider);
  let turn = 0;
  const { session, store } = await newSession({
    provider,
    // The real model summariser, noting the turn it was asked at: the test's own signal.
    summarize: (previous, messages, options) => {
      asked.push(turn);
      return summarize(previous, messages, options);
    },
    candidates: overrides.candidates ?? 1,
    budget: BUDGET,
    planner: false,
  });
  const play = async (text: string, signal?: AbortSignal, onEvent?: (event: SessionEvent) => void) => {
    turn = session.turns().length + 1;
    const events: SessionEvent[] = [];
    for await (const event of session.play({ text }, signal ? { signal } : {})) {
      events.push(event);
      onEvent?.(event);
    }
    return events;
  };
  return { session, store, asked, play, server };
}

/** Plays turns 1-6 (the window fills) with a working summary model; turn 7 is the first whose summary is due. */
export async function untilDue(server: OpenAIServer, overrides: { candidates?: number } = {}) {
  const played = await modelSession(server, overrides);
  server.setBehaviour((request) => (request.stream ? { content: REPLY } : summaryAnswer(request)));
  for (let n = 1; n <= 6; n++) await played.play(millMoves[n % millMoves.length]);
  if (played.asked.length > 0) throw new Error(`a summary was asked for before turn 7: ${played.asked.join(', ')}`);
  return played;
}

export const turnRecords = (records: readonly { type: string }[]) => records.filter((r): r is TurnRecord => r.type === 'turn');

/** Event types with a candidate's deltas folded into one. */
export const shape = (events: readonly SessionEvent[]) =>
  events.map((e) => e.type).filter((t, i, all) => t !== 'delta' || all[i - 1] !== 'delta');

/** The requests for the summary (the only ones not streamed). */
export const summaryRequests = (server: OpenAIServer) => server.chatRequests().filter((r) => !r.body!.stream);
