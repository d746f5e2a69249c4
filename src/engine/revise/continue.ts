/**
 * Continue: the model extends a reply where it stopped (a reply stopped with Esc, cut at the token
 * limit, or any earlier one). The turn's prompt is sent with the reply so far as the last
 * assistant message; the stream shows the reply, then only the new words (a repeat of its end is
 * held back and dropped), and the critics judge the whole reply. It is kept as a new version.
 */
import { maxReplyTokens } from '../session/context.js';
import { planForVariant } from '../carousel/index.js';
import { withTrigger } from '../session/turn-inputs.js';
import { promptFor } from '../session/drafts.js';
import { runGeneration } from '../session/turn-runner.js';
import { storedReasoning, storedReply } from '../regex/scripts.js';
import type { GenerateRequest, NarrationContext, Provider, ProviderEvent, SessionEvent } from '../types.js';
import { continuePrompt, type ContinueSettings } from './continue-prompt.js';
import type { ChatPreset } from '../prompt/chat-preset.js';
import { resolveMacros } from '../macros.js';
import { turnAt, type ReviseHost } from './host.js';
import { ContinuationJoiner } from './overlap.js';
import { commitVersion } from './version.js';

/** Extends the chosen reply at `turnNumber` (default: the last) and keeps it as a new version. */
export async function* continueReply(host: ReviseHost, turnNumber: number | undefined, signal?: AbortSignal): AsyncGenerator<SessionEvent> {
  const node = turnAt(host.tree, turnNumber, 'continue');
  if (typeof node === 'string') {
    yield host.error(turnNumber ?? 0, node);
    return;
  }
  const source = node.candidates[node.chosen];
  if (!source || !source.text.trim()) {
    yield host.error(node.number, `Turn ${node.number} has no reply to continue.`);
    return;
  }
  const clock = host.clock;
  yield { type: 'turn-start', turn: node.number, input: node.input, regenerate: true };
  yield { type: 'plan', turn: node.number, plan: node.plan, pacing: host.pacing() };
  const plan = planForVariant(node.plan, source.variant);
  const inputs = withTrigger(host.turnInputs(node), 'continue');
  const story = inputs.narration([]);
  const prompt = promptFor(host, inputs, plan);
  yield { type: 'prompt', turn: node.number, prompt: prompt.diagnostics };

  const reply = source.text.replace(/\s+$/u, '');
  // The reply already begins with the preset's assistant prefill: it is not sent a second time.
  const turnMessages = prompt.prefill ? prompt.messages.slice(0, -1) : prompt.messages;
  const chatPreset = inputs.promptInput(plan).chatPreset;
  const joiner = new ContinuationJoiner(source.text);
  const started = clock.now();
  let firstNewAt: number | null = null;
  const provider = joining(host.provider, reply, joiner, () => {
    firstNewAt ??= clock.now();
  });
  const baseIndex = node.candidates.length;
  const [candidate] = yield* runGeneration({
    ...(host.judge ? { judge: host.judge } : {}),
    turn: node.number,
    baseIndex,
    idPrefix: `${node.id}-k${clock.now().toString(36)}-`,
    provider,
    clock,
    signal,
    requests: [
      host.sampled(
        {
          messages: continuePrompt(turnMessages, reply, host.provider.prefill, presetContinue(chatPreset, reply, story)),
          variant: source.variant,
          plan,
          maxTokens: maxReplyTokens(plan),
          ...(host.provider.prefill ? { ending: 'continue' as const } : {}),
          ...(host.provider.prefill && source.reasoning ? { reasoning: source.reasoning } : {}),
          ...(prompt.storyParts ? { storyParts: prompt.storyParts } : {}),
          index: baseIndex,
        },
        baseIndex,
      ),
    ],
    stop: prompt.diagnostics.stop,
    context: inputs.narration(prompt.diagnostics.lore),
    criticContext: () => inputs.criticContext(plan),
    // Only the continuation goes through the card's reply scripts: the reply before it was stored
    // through them already, and a script run twice on it (one that adds text) would change it again.
    ...(story.pack.regexScripts?.length
      ? {
          storeReply: continuationOnly(reply, storedReply(story.pack, story.persona.name)),
          storeReasoning: storedReasoning(story.pack, story.persona.name),
        }
      : {}),
  });
  if (!candidate || !joiner.started) {
    yield host.error(node.number, 'The continuation did not arrive (or only repeated the reply), so nothing was saved; try again.', true);
    return;
  }
  // The reply itself was on screen at once: time to first token counts from the first new word.
  const ttftMs = firstNewAt === null ? null : firstNewAt - started;
  const streamMs = firstNewAt === null ? 0 : started + candidate.timing.totalMs - firstNewAt;
  const completion = candidate.usage?.completionTokens;
  const continued = {
    ...candidate,
    revision: { kind: 'continued' as const, from: source.id },
    timing: {
      ...candidate.timing,
      ttftMs,
      tokensPerSecond: completion && streamMs > 0 ? Math.round((completion / streamMs) * 1000 * 10) / 10 : null,
    },
  };
  yield* commitVersion(host, node, continued, 'continued reply');
}

/** `store` on what follows `reply` in a joined text, the reply kept as it is. */
function continuationOnly(reply: string, store: (text: string) => string): (text: string) => string {
  return (text) => (text.startsWith(reply) ? reply + store(text.slice(reply.length)) : store(text));
}

/**
 * A preset's continue settings for this reply: its nudge with `{{lastChatMessage}}` (the reply),
 * `{{char}}` and `{{user}}` filled in, as SillyTavern's substituteParamsExtended fills them.
 */
const LAST_MESSAGE = '\uE000lastChatMessage\uE000';

function presetContinue(preset: ChatPreset | undefined, reply: string, story: NarrationContext): ContinueSettings | undefined {
  if (!preset) return undefined;
  const names = { user: story.persona.name, char: story.pack.characters[0]?.name ?? '' };
  // The reply is put in after the other macros (which drop a name they do not know), so what it writes is not read as one.
  const held = preset.continueNudge?.replace(/\{\{lastChatMessage\}\}/giu, LAST_MESSAGE);
  const nudge = held && resolveMacros(held, names).replaceAll(LAST_MESSAGE, () => reply);
  return {
    ...(nudge ? { nudge } : {}),
    ...(preset.continuePrefill ? { prefill: true } : {}),
    ...(preset.continuePostfix !== undefined ? { postfix: preset.continuePostfix } : {}),
  };
}

/**
 * The narrator with its stream rewritten for a continuation: the reply first, then the new text
 * through the joiner (repeat dropped, boundary spaced), flushed before the candidate ends.
 */
function joining(inner: Provider, reply: string, joiner: ContinuationJoiner, onNew: () => void): Provider {
  return {
    ...inner,
    async *generate(request: GenerateRequest): AsyncGenerator<ProviderEvent> {
      yield { type: 'delta', candidate: 0, text: reply };
      const fresh = (text: string): ProviderEvent[] => {
        if (!text) return [];
        onNew();
        return [{ type: 'delta', candidate: 0, text }];
      };
      for await (const event of inner.generate(request)) {
        if (event.type === 'delta') yield* fresh(joiner.push(event.text));
        else {
          if (event.type === 'done' || event.type === 'error') yield* fresh(joiner.end());
          yield event;
        }
      }
    },
    complete: (messages, options) => inner.complete(messages, options),
  };
}
