/**
 * The replies a turn asks the narrator for: each draft's prompt, built from the turn's inputs and
 * sent with the story's samplers and stop strings, and the generation that streams them. A new
 * turn writes several drafts and a regenerate one more; both go through here, so another reply at
 * a turn is asked for exactly as its first ones were.
 */
import { storedReasoning, storedReply } from '../regex/scripts.js';
import { planForVariant } from '../carousel/index.js';
import { buildPrompt } from '../prompt/index.js';
import type { ReviseHost } from '../revise/host.js';
import type { BuiltPrompt, Candidate, CandidateVariant, Plan, PromptDiagnostics, SessionEvent } from '../types.js';
import { maxReplyTokens } from './context.js';
import type { TurnInputs } from './turn-inputs.js';
import { runGeneration } from './turn-runner.js';

/** The prompt for a reply under `plan`, its diagnostics carrying the stop strings the request is sent with. */
export function promptFor(host: Pick<ReviseHost, 'stop'>, inputs: TurnInputs, plan: Plan): BuiltPrompt {
  const built = buildPrompt(inputs.promptInput(plan));
  // The seed and turn the request goes with (its NarrationContext), which the provider draws from.
  const { seed, turn } = inputs.narration([]);
  return { ...built, diagnostics: { ...built.diagnostics, ...host.stop(built.diagnostics.stop, { seed, turn }) } };
}

/** Where a generation's candidates go: the turn, the index of the first, and a prefix for their ids. */
export interface DraftRun {
  turn: number;
  baseIndex: number;
  idPrefix: string;
  signal?: AbortSignal | undefined;
}

export interface Drafts {
  /** The first draft's prompt, as the debug pane and the log show it. */
  diagnostics: PromptDiagnostics;
  /** What took the first draft's context budget, when the player's message did not fit. */
  room: BuiltPrompt['room'];
  /** The variables the first draft's prompt changed: the turn keeps them. */
  variables: BuiltPrompt['variables'];
  /** Streams the drafts' generation; returns the candidates in draft order. */
  generate(run: DraftRun): AsyncGenerator<SessionEvent, Candidate[]>;
}

/** One draft per variant of `plan`, each written under the variant's own plan. */
export function draftReplies(host: ReviseHost, inputs: TurnInputs, plan: Plan, variants: readonly CandidateVariant[]): Drafts {
  const drafts = variants.map((variant) => {
    const variantPlan = planForVariant(plan, variant);
    return { variant, plan: variantPlan, prompt: promptFor(host, inputs, variantPlan) };
  });
  const diagnostics = drafts[0].prompt.diagnostics;
  const story = inputs.narration([]);
  return {
    diagnostics,
    room: drafts[0].prompt.room,
    variables: drafts[0].prompt.variables,
    generate: ({ turn, baseIndex, idPrefix, signal }) =>
      runGeneration({
        ...(host.judge ? { judge: host.judge } : {}),
        turn,
        baseIndex,
        idPrefix,
        provider: host.provider,
        clock: host.clock,
        signal,
        requests: drafts.map((d, i) =>
          host.sampled(
            {
              messages: d.prompt.messages,
              ...(d.prompt.prefill ? { prefill: d.prompt.prefill } : {}),
              ...(d.prompt.storyParts ? { storyParts: d.prompt.storyParts } : {}),
              variant: d.variant,
              plan: d.plan,
              maxTokens: maxReplyTokens(d.plan),
              index: baseIndex + i,
            },
            baseIndex + i,
          ),
        ),
        stop: diagnostics.stop,
        context: inputs.narration(diagnostics.lore),
        criticContext: (i) => inputs.criticContext(drafts[i].plan),
        ...(story.pack.regexScripts?.length
          ? { storeReply: storedReply(story.pack, story.persona.name), storeReasoning: storedReasoning(story.pack, story.persona.name) }
          : {}),
      }),
  };
}
