/**
 * A new turn: the player's message read for pacing and facts, the next beat planned, the drafts
 * written and judged, ranked, the rolling summary moved on (during the reply, see turn-summary.ts),
 * and all of it committed as one `turn` record. Nothing is saved when no usable reply arrived.
 */
import { rankCandidates } from '../carousel/index.js';
import { characterNames, emptyMemory, extractFacts } from '../memory/index.js';
import { neutralPlan, planTurn } from '../planner/index.js';
import { hashSeed, seededRandom } from '../random.js';
import type { PacingEstimate, Plan, PlayerInput, Random, SessionEvent, StoryMessage } from '../types.js';
import { variantsOf } from './context.js';
import { overflowMessage } from '../prompt/index.js';
import { draftReplies } from './drafts.js';
import { storedInput } from '../regex/scripts.js';
import { engineError, errorMessage } from './errors.js';
import type { TurnHost } from './host.js';
import type { TurnRecord } from './records.js';
import { ROOT, SessionTree, type TurnNode } from './tree.js';
import { beginOnReply, prepareSummary } from './turn-summary.js';

/** Replaces the player's last message with `text` and plays it as a new turn in its place (the old one stays in the tree). */
export async function* runEdit(host: TurnHost, text: string, signal?: AbortSignal): AsyncGenerator<SessionEvent> {
  const leaf = host.tree.node(host.tree.activeLeaf);
  if (!leaf) {
    yield engineError(0, 'There is no message to edit yet; send one first.');
    return;
  }
  await host.commit({ type: 'edit', at: host.clock.now(), replaces: leaf.id, text });
  yield* runTurn(host, { text }, leaf.parentId ?? ROOT, 'edit', signal);
}

/** Plays `input` as a new turn after `parentId` (`edit`: it replaces the player's last message). */
export async function* runTurn(
  host: TurnHost,
  typed: PlayerInput,
  parentId: string,
  cause: 'play' | 'edit',
  signal?: AbortSignal,
): AsyncGenerator<SessionEvent> {
  const { tree, clock } = host;
  // A card's USER_INPUT scripts change the message as SillyTavern stores it (on an edit, those that run on edits).
  const text = storedInput(host.pack, host.persona.name, typed.text, cause === 'edit');
  const input: PlayerInput = text === typed.text ? typed : { ...typed, text };
  const path = tree.branch(parentId);
  const parent = path[path.length - 1];
  // From the parent's number, not the path's length: a damaged log can leave a gap in the numbers.
  const number = (parent?.number ?? 0) + 1;
  const nodeId = tree.nextId();
  yield { type: 'turn-start', turn: number, input, regenerate: false };

  host.answered(parent);
  const heard = parent?.candidates[parent.chosen]?.text;
  host.observe({
    kind: 'message',
    text: input.text,
    turn: number,
    ...(input.latencyMs !== undefined ? { latencyMs: input.latencyMs } : {}),
    ...(heard ? { heard } : {}),
  });
  const pacing = host.pacing();

  const facts = extractFacts(input.text, number, host.persona.name, host.pack.language, {
    characters: characterNames(host.pack.characters),
  });
  // One clock reading and one look back for every variant: they see the same macros and lore.
  const inputs = host.inputsAt({ path, playerInput: input.text, turn: number, facts, nodeId });
  const random = seededRandom(hashSeed(host.seed, 'turn', nodeId));
  const opening = inputs.opening.characters;
  const plan = yield* planned(host, {
    path,
    number,
    input: input.text,
    pacing,
    history: inputs.history,
    random,
    opening,
    openingScene: inputs.opening.scene,
  });
  yield { type: 'plan', turn: number, plan, pacing };

  const drafts = draftReplies(host, inputs, plan, variantsOf(plan, host.candidateCount, random));
  const diagnostics = drafts.diagnostics;
  yield { type: 'prompt', turn: number, prompt: diagnostics };
  if (!host.provider.offline && diagnostics.historyMessages === 0) {
    // The player's own line did not fit the context budget: a request without it would answer
    // something else, so nothing is sent and the player is told why.
    const room = drafts.room ?? { budget: host.budget, reply: 0, message: host.counter.countMessage(input.text), parts: {} };
    yield engineError(number, overflowMessage(room));
    return;
  }

  // The summary's request starts once the reply has begun, so a one-slot server queues it behind
  // the reply; a turn that saves nothing stops it, and its error, if any, comes where it always did.
  const summaryJob = prepareSummary(host, inputs, diagnostics.historyMessages, number, signal);
  try {
    const candidates = yield* beginOnReply(drafts.generate({ turn: number, baseIndex: 0, idPrefix: `${nodeId}-`, signal }), summaryJob);
    const usable = candidates.filter((c) => c.text.trim().length > 0);
    if (usable.length === 0) {
      // The provider's own sentence already said what went wrong; only a retryable failure invites a retry.
      const retryable = candidates.every((c) => !c.error || c.error.retryable);
      // Stopped by the player before any text came (Esc during a retry's wait): said as what it was, not as a failure.
      const stopped = signal?.aborted === true;
      yield engineError(
        number,
        stopped
          ? 'Stopped before the reply began, so nothing was saved.'
          : retryable
            ? 'No candidate arrived for this turn, so nothing was saved; try again.'
            : 'Nothing was saved for this turn.',
        retryable || stopped,
      );
      return;
    }
    // Complete replies first, each group in the carousel's order: a cut-off reply is never the default.
    const ranked = [...rankCandidates(usable.filter((c) => !c.incomplete)), ...rankCandidates(usable.filter((c) => c.incomplete))];
    const { summary, found } = yield* summaryJob.result();

    const record: TurnRecord = {
      type: 'turn',
      at: clock.now(),
      nodeId,
      parentId: parent ? parent.id : null,
      number,
      cause,
      input,
      candidates: ranked,
      chosen: 0,
      plan,
      pacing,
      prompt: diagnostics,
      facts: [...facts, ...found],
      memory: summary,
      ...(drafts.variables ? { variables: drafts.variables } : {}),
    };
    try {
      await host.commit(record);
    } catch (error) {
      yield engineError(number, `The turn could not be saved (${errorMessage(error)}); check the data folder and try again.`, true);
      return;
    }
  } finally {
    summaryJob.drop();
  }
  await host.saveProfile();
  yield { type: 'memory', memory: tree.memory(emptyMemory()) };
  yield { type: 'turn-done', turn: SessionTree.toTurn(tree.committed(nodeId)) };
}

/** The turn's plan: the planner's, or the neutral one when it is off or fails (said in an error event). */
function* planned(
  host: TurnHost,
  turn: {
    path: readonly TurnNode[];
    number: number;
    input: string;
    pacing: PacingEstimate;
    history: StoryMessage[];
    random: Random;
    /** The opening's characters: who is in the scene at the start. */
    opening: readonly string[];
    /** The opening's scene line: where the scene is at the start. */
    openingScene: string;
  },
): Generator<SessionEvent, Plan> {
  const { path, number } = turn;
  if (!host.plannerOn) return neutralPlan(host.pack, number);
  try {
    return planTurn({
      pack: host.pack,
      turn: number,
      playerInput: turn.input,
      pacing: turn.pacing,
      previousPlans: path.map((n) => n.plan),
      recentCritics: path.slice(-4).map((n) => n.candidates[n.chosen]?.critics ?? []),
      history: turn.history,
      random: turn.random,
      opening: turn.opening,
      openingScene: turn.openingScene,
    });
  } catch (error) {
    yield engineError(number, `The planner failed (${errorMessage(error)}); the turn used a neutral plan.`);
    return neutralPlan(host.pack, number);
  }
}
