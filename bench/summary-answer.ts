/**
 * How the client suite's test server answers the rolling-summary request: as a model does that
 * honours the `response_format` skald sends (src/engine/memory/model-summary.ts), with one JSON
 * object `{"summary", "facts"}`. The summary folds the new events into the summary so far in short
 * lines (the facts the player established kept at the top, the latest events below), and the
 * facts are what the player's own lines established that the summary did not already hold.
 * A pure function of the request, so skald's request and the SDK's replay of it get one answer.
 */

/** Event lines a summary keeps: "a few short factual lines". */
const EVENT_LINES = 6;

/** The player's lines in bench/story.ts that establish something about their own character. */
const ESTABLISHES: Array<{ pattern: RegExp; kind: string; subject: string; value: string; text: string }> = [
  {
    pattern: /\bmy mother\b/i,
    kind: 'relationship',
    subject: 'mother',
    value: 'left the player a letter',
    text: "The player's mother left them a letter.",
  },
  { pattern: /\bmy pack\b/i, kind: 'possession', subject: 'pack', value: 'carries bread', text: 'The player carries bread in their pack.' },
  {
    pattern: /\bI will not leave\b/i,
    kind: 'promise',
    subject: 'the orchard',
    value: 'will not leave without the truth',
    text: 'The player swore not to leave until told the truth.',
  },
];

/** True for skald's rolling-summary request (its structured-output schema's name). */
export function isSummaryRequest(body: Record<string, unknown>): boolean {
  const format = body.response_format as { json_schema?: { name?: string } } | undefined;
  return format?.json_schema?.name === 'story_memory';
}

/** The first sentence of a narrator's message, clipped: what a summary line says of it. */
function gist(text: string): string {
  const sentence = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim())?.[0] ?? text.trim();
  const words = sentence.replace(/[*"]/g, '').replace(/\s+/g, ' ').trim().split(' ');
  return words.length > 16 ? `${words.slice(0, 16).join(' ')}...` : words.join(' ');
}

/** The JSON answer a model gives to the summary request in `messages` (system, then user). */
export function summaryAnswer(messages: Array<{ role: string; content: string }>): string {
  const user = String(messages[messages.length - 1]?.content ?? '');
  const split = /^(?:Summary so far:\n([\s\S]*?)\n\n)?New events:\n([\s\S]*)$/.exec(user);
  const previous = (split?.[1] ?? '').split('\n').filter(Boolean);
  const events = (split?.[2] ?? '').split('\n').filter(Boolean);
  const known = previous.filter((line) => line.startsWith('Known: '));
  const lines = previous.filter((line) => !line.startsWith('Known: '));
  const facts: Array<Record<string, unknown>> = [];
  for (const event of events) {
    const parsed = /^\[t(\d+)\] (Player|Narrator): (.*)$/.exec(event);
    if (!parsed) continue;
    const [, turn, who, text] = parsed;
    lines.push(who === 'Player' ? `The player: ${gist(text)}` : gist(text));
    if (who !== 'Player') continue;
    for (const fact of ESTABLISHES) {
      if (!fact.pattern.test(text) || known.includes(`Known: ${fact.text}`)) continue;
      known.push(`Known: ${fact.text}`);
      facts.push({ kind: fact.kind, subject: fact.subject, value: fact.value, text: fact.text, turn: Number(turn) });
    }
  }
  return JSON.stringify({ summary: [...known, ...lines.slice(-EVENT_LINES)].join('\n'), facts });
}
