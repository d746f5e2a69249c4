import { describe, expect, it } from 'vitest';
import type { SessionRecord, TurnRecord } from '../../../src/engine/session/records.js';
import { ROOT, SessionTree, type TurnNode } from '../../../src/engine/session/tree.js';
import { storyVariables } from '../../../src/engine/session/story-variables.js';
import type { Candidate } from '../../../src/engine/types.js';
import { seededRandom } from '../../../src/engine/random.js';

const names = { user: 'Mira', char: 'Oswin' };
const OPENING = 'The orchard at dusk. {{setvar::visits::1}}';

/** A line that changes the story's variables one way or another, by `k`. */
const changing = (k: number, who: string): string =>
  [`${who} walks on.`, `${who} counts. {{addvar::visits::${k}}}`, `${who} names it. {{setvar::place::row ${k}}}`, `${who} waits.`][k % 4];

function turn(nodeId: string, parentId: string | null, k: number): TurnRecord {
  return {
    type: 'turn',
    at: k,
    nodeId,
    parentId,
    number: k,
    cause: 'play',
    input: { text: changing(k, 'Mira') },
    candidates: [{ id: `${nodeId}-c0`, text: changing(k + 1, 'Oswin') }],
    chosen: 0,
    plan: {},
    pacing: {},
    prompt: {},
    facts: [],
    memory: { summary: '', summaryThrough: 0 },
    ...(k % 5 === 0 ? { variables: { local: { seen: String(k) } } } : {}),
  } as unknown as TurnRecord;
}

/** The branch to `leafId`, walked from the leaf. */
function walked(tree: SessionTree, leafId: string = tree.activeLeaf): TurnNode[] {
  const path: TurnNode[] = [];
  let id: string | null = leafId;
  while (id && id !== ROOT) {
    const node = tree.nodes.get(id);
    if (!node) break;
    path.push(node);
    id = node.parentId;
  }
  return path.reverse();
}

/** Turns, swipes that change a reply's variables, choices, forks and rewinds, from a seed. */
function story(seed: number, length: number): SessionRecord[] {
  const random = seededRandom(seed);
  const records: SessionRecord[] = [];
  const ids: string[] = [];
  const counts = new Map<string, number>();
  let leaf: string = ROOT;
  for (let k = 1; records.length < length; k++) {
    const roll = random();
    const target = ids[Math.floor(random() * ids.length)];
    if (roll < 0.55 || !target) {
      const id = `n${k}`;
      records.push(turn(id, leaf === ROOT ? null : leaf, k));
      counts.set(id, 1);
      ids.push(id);
      leaf = id;
    } else if (roll < 0.7) {
      const candidate = { id: `${target}-s${k}`, text: changing(k, 'Oswin') } as Candidate;
      const chosen = counts.get(target) ?? 1;
      counts.set(target, chosen + 1);
      records.push({ type: 'candidate', at: k, nodeId: target, candidate, chosen });
    } else if (roll < 0.8) {
      records.push({ type: 'choose', at: k, nodeId: target, index: Math.floor(random() * (counts.get(target) ?? 1)) });
    } else if (roll < 0.88) {
      const forkId = `n${k}`;
      records.push({ type: 'choose', at: k, nodeId: target, index: 0, forkId });
      counts.set(forkId, counts.get(target) ?? 1);
      ids.push(forkId);
      leaf = forkId;
    } else {
      leaf = random() < 0.2 ? ROOT : target;
      records.push({ type: 'rewind', at: k, leafId: leaf } as SessionRecord);
    }
  }
  return records;
}

describe("a story's variables walked on from the last walk", () => {
  it('are what a walk from the opening gives, after every record of stories with swipes, choices, forks and rewinds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const tree = new SessionTree();
      let changed = 0;
      for (const record of story(seed, 150)) {
        tree.apply(record);
        const input = 'And now? {{incvar::visits}}';
        const fresh = storyVariables(OPENING, walked(tree), input, names);
        const kept = storyVariables(OPENING, tree.branch(), input, names, undefined, tree.replies);
        expect(kept, `seed ${seed}`).toEqual(fresh);
        // Another branch, then this one again, as a regenerate and the next turn ask.
        const other = [...tree.nodes.keys()][Math.floor(tree.nodes.size / 2)];
        if (other)
          expect(storyVariables(OPENING, tree.branch(other), '', names, undefined, tree.replies)).toEqual(
            storyVariables(OPENING, walked(tree, other), '', names),
          );
        expect(storyVariables(OPENING, tree.branch(), input, names, undefined, tree.replies)).toEqual(fresh);
        if (fresh.after.local.size > 1) changed += 1;
      }
      expect(changed).toBeGreaterThan(50);
    }
  });

  it('start again for another opening or other names', () => {
    const tree = new SessionTree();
    for (let k = 1; k <= 4; k++) tree.apply(turn(`n${k}`, k === 1 ? null : `n${k - 1}`, k));
    // A line that sets a variable from a name: the same branch holds another value for another player.
    tree.apply({ ...turn('n5', 'n4', 5), input: { text: '{{setvar::who::{{user}} and {{char}}}}' } });
    const path = tree.branch();
    storyVariables(OPENING, path, '', names, undefined, tree.replies);
    const other = 'Another dusk. {{setvar::visits::7}}';
    expect(storyVariables(other, path, '', names, undefined, tree.replies)).toEqual(storyVariables(other, path, '', names));
    storyVariables(OPENING, path, '', names, undefined, tree.replies);
    for (const renamed of [
      { user: 'Ada', char: 'Oswin' },
      { user: 'Ada', char: 'Bram' },
    ]) {
      const kept = storyVariables(OPENING, path, '', renamed, undefined, tree.replies);
      expect(kept).toEqual(storyVariables(OPENING, path, '', renamed));
      expect(kept.after.local.get('who')).toBe(`${renamed.user} and ${renamed.char}`);
    }
  });
});
