import type { Provider, StoryMessage } from '../types.js';
import { parseSummaryReply, summaryJsonSchema, type SummaryResult } from './summary-reply.js';

const INSTRUCTIONS = [
  'You keep the memory of an interactive story. Answer with one JSON object: {"summary": string, "facts": [...]}.',
  '"summary": the story so far in a few short factual lines (who is who, what happened, what was promised), folding the new events into the summary so far. No commentary.',
  '"facts": only what the PLAYER established about their own character and world in the new events (their name, relatives and pets, what they own, promises they made, where they live or come from, what they like, hate or fear, their trade). Each fact: {"kind": one of name, relationship, possession, promise, place, preference, other; "subject": who or what it is about, e.g. a name, "home", "occupation"; "value": what it says of the subject, in a few words; "text": one short sentence stating it, in the language of the story; "turn": the [tN] number of the message that established it}.',
  'Nothing the narrator invented, nothing the player only asked about, and no fact already in the summary so far. Return "facts": [] when there are none.',
].join('\n');

/**
 * A rolling-summary writer backed by the configured model (the extractive summary is the offline
 * fallback). One call writes the summary and reports the facts the player established in the
 * messages it is shown, as JSON (structured output where the endpoint takes it); an answer that
 * is not JSON still gives a summary, with no facts. `options.signal` stops the request.
 */
export function modelSummarizer(provider: Provider) {
  return async (previous: string, messages: StoryMessage[], options: { signal?: AbortSignal } = {}): Promise<SummaryResult> => {
    const story = messages.map((m) => `[t${m.turn}] ${m.role === 'player' ? 'Player' : 'Narrator'}: ${m.text}`).join('\n');
    const answer = await provider.complete(
      [
        { role: 'system', content: INSTRUCTIONS },
        { role: 'user', content: `${previous ? `Summary so far:\n${previous}\n\n` : ''}New events:\n${story}` },
      ],
      {
        maxTokens: 600,
        temperature: 0.2,
        responseFormat: { type: 'json_schema', name: 'story_memory', schema: summaryJsonSchema() },
        orPlain: true,
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    const reply = parseSummaryReply(answer);
    // An unreadable answer throws, so updateSummary falls back to the extractive summary.
    if (reply.summary === undefined) throw new Error('the summary model gave no usable summary');
    return { summary: reply.summary, facts: reply.facts };
  };
}
