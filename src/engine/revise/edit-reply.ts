/**
 * Editing a reply: the player's text becomes a new version of the model's reply at a turn, marked
 * as edited. The critics judge it again (their flags are shown, but nothing repairs the player's
 * own words), and the story goes on from it.
 */
import { neutralize } from '../../text/sanitize.js';
import { storedReply } from '../regex/scripts.js';
import { inputTooLong } from '../input-limit.js';
import { planForVariant } from '../carousel/index.js';
import { aggregateScore, runCritics } from '../critics/index.js';
import { loadLanguageDetector } from '../critics/language-id.js';
import type { Candidate, SessionEvent } from '../types.js';
import { turnAt, type ReviseHost } from './host.js';
import { commitVersion } from './version.js';

/** Keeps `text` as an edited version of the chosen reply at `turnNumber` (default: the last). */
export async function* editReply(host: ReviseHost, text: string, turnNumber?: number): AsyncGenerator<SessionEvent> {
  const node = turnAt(host.tree, turnNumber, 'edit');
  if (typeof node === 'string') {
    yield host.error(turnNumber ?? 0, node);
    return;
  }
  const tooLong = inputTooLong(text);
  const inputs = host.turnInputs(node);
  // The card's reply scripts that run on edits change the edited reply as SillyTavern stores it.
  const { pack, persona } = inputs.narration([]);
  const clean = neutralize(storedReply(pack, persona.name, true)(text)).trim();
  const source = node.candidates[node.chosen];
  if (tooLong || !clean || !source) {
    yield host.error(
      node.number,
      tooLong ?? (!clean ? 'An edited reply cannot be empty; /delete removes a turn.' : `Turn ${node.number} has no reply to edit.`),
    );
    return;
  }
  if (clean === source.text.trim()) {
    yield host.error(node.number, 'The reply is unchanged, so no new version was saved.');
    return;
  }
  yield { type: 'turn-start', turn: node.number, input: node.input, regenerate: true };
  const plan = planForVariant(node.plan, source.variant);
  // A resumed story's first move can be this edit, before any reply or the warm-up loaded it.
  await loadLanguageDetector();
  const critics = runCritics(clean, inputs.criticContext(plan));
  const index = node.candidates.length;
  const candidate: Candidate = {
    id: `${node.id}-e${host.clock.now().toString(36)}-c${index}`,
    text: clean,
    variant: source.variant,
    critics,
    score: aggregateScore(critics),
    repairs: [],
    incomplete: false,
    timing: { ttftMs: null, totalMs: 0, tokensPerSecond: null },
    retries: 0,
    revision: { kind: 'edited', from: source.id },
  };
  yield { type: 'candidate-start', turn: node.number, candidate: index, variant: source.variant };
  yield { type: 'delta', turn: node.number, candidate: index, text: clean };
  yield { type: 'candidate-done', turn: node.number, candidate: index, result: candidate };
  yield* commitVersion(host, node, candidate, 'edited reply');
}
