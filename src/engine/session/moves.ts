/**
 * The player's moves that are one record each (a swipe, an undo, a pinned or forgotten fact, a
 * branch switch, an opening swipe, the author's note, the story's system prompt): each checked
 * against the story as it stands and turned into the record that makes it, or a SessionError
 * that says in one sentence why not. `undefined`: nothing to change, nothing to write.
 */
import type { Opening, WorldPack } from '../../world/types.js';
import { emptyMemory, pinFact } from '../memory/index.js';
import type { AuthorsNote } from '../prompt/authors-note.js';
import type { Clock, Fact, PlayerInput } from '../types.js';
import { SessionError } from './errors.js';
import type { BranchRecord, ChooseRecord, MemoryRecord, NoteRecord, OpeningRecord, RewindRecord, SystemPromptRecord } from './records.js';
import { noteProblem, systemPromptProblem } from './story-prompt.js';
import { ROOT, type SessionTree } from './tree.js';

/** Keeps candidate `index` at `turnNumber` of the active branch; on an earlier turn, as a new branch. */
export function chooseRecord(tree: SessionTree, turnNumber: number, index: number, clock: Clock): ChooseRecord | undefined {
  const node = tree.atTurn(turnNumber);
  if (!node) throw new SessionError(`There is no turn ${turnNumber} on this branch.`);
  if (!Number.isInteger(index) || index < 0 || index >= node.candidates.length) {
    throw new SessionError(`Turn ${turnNumber} has ${node.candidates.length} candidates; pick one of 1-${node.candidates.length}.`);
  }
  if (index === node.chosen) return undefined;
  const isLast = node.id === tree.activeLeaf;
  return { type: 'choose', at: clock.now(), nodeId: node.id, index, ...(isLast ? {} : { forkId: tree.nextId() }) };
}

/** Rewinds the active branch's last turn (it stays in the tree), with the input that was undone. */
export function rewindRecord(tree: SessionTree, clock: Clock): { record: RewindRecord; input: PlayerInput } | undefined {
  const leaf = tree.node(tree.activeLeaf);
  if (!leaf) return undefined;
  return { record: { type: 'rewind', at: clock.now(), from: leaf.id, leafId: leaf.parentId ?? ROOT }, input: leaf.input };
}

/** Pins `text` as a fact, under an id no fact of the story (on any branch) has. */
export function pinRecord(tree: SessionTree, text: string, clock: Clock): { record: MemoryRecord; fact: Fact } {
  const { fact } = pinFact(tree.memory(emptyMemory()), text, tree.branch().length);
  const taken = new Set([...tree.nodes.values()].flatMap((n) => n.facts.map((f) => f.id)).concat(tree.pinned.map((f) => f.id)));
  let id = fact.id;
  for (let k = 2; taken.has(id); k++) id = `${fact.id}-${k}`;
  const pinned: Fact = { ...fact, id, source: 'pinned' };
  return { record: { type: 'memory', at: clock.now(), op: 'pin', fact: pinned }, fact: pinned };
}

/** Forgets a fact in force on the active branch; undefined when there is none by that id. */
export function forgetRecord(tree: SessionTree, factId: string, clock: Clock): MemoryRecord | undefined {
  return tree.hasFact(factId) ? { type: 'memory', at: clock.now(), op: 'forget', factId } : undefined;
}

/** Makes the branch ending at `leafId` the active one. */
export function branchRecord(tree: SessionTree, leafId: string, clock: Clock): BranchRecord | undefined {
  if (leafId !== ROOT && !tree.node(leafId)) throw new SessionError(`There is no branch "${leafId}" in this session.`);
  return leafId === tree.activeLeaf ? undefined : { type: 'branch', at: clock.now(), leafId };
}

/** Swipes to another of the world's openings; only before the first turn. */
export function openingRecord(
  tree: SessionTree,
  pack: WorldPack,
  current: Opening,
  openingId: string,
  clock: Clock,
): { record: OpeningRecord; opening: Opening } | undefined {
  if (tree.nodes.size > 0)
    throw new SessionError('The opening can only be swiped before the first turn; `/opening ID` starts a new story from another.');
  const opening = pack.openings.find((o) => o.id === openingId);
  if (!opening) throw new SessionError(`World "${pack.id}" has no opening "${openingId}".`);
  return opening.id === current.id ? undefined : { record: { type: 'opening', at: clock.now(), openingId: opening.id }, opening };
}

/** Sets the story's author's note (`undefined` removes it). */
export function noteRecord(note: AuthorsNote | undefined, clock: Clock): NoteRecord {
  const problem = note ? noteProblem(note) : undefined;
  if (problem) throw new SessionError(problem);
  return { type: 'note', at: clock.now(), note: note ? { text: note.text, depth: note.depth, every: note.every } : null };
}

/** Sets the story's own system prompt (`undefined` goes back to the profile's). */
export function systemPromptRecord(text: string | undefined, clock: Clock): SystemPromptRecord {
  const problem = text === undefined ? undefined : systemPromptProblem(text);
  if (problem) throw new SessionError(problem);
  return { type: 'system-prompt', at: clock.now(), text: text ?? null };
}
