/**
 * The active branch of a session log, read for `sessions show` with only what show prints kept.
 * The careful reader (load.ts) keeps every record whole, expands its critic results, gives it
 * empty diagnostics, mends the tree and builds it from copies: for a 10,000-turn story most of
 * show's time and garbage went to fields show never prints. This reader checks what the careful
 * one checks (every checksum, every record's shape with the quick check, the tree's links), keeps
 * a few fields of each turn, and gives up (undefined) at the first thing it is not sure of: a
 * damaged or unsealed line, a record the careful reader would ask the schema about, mend or warn
 * about. Then the careful reader runs, so its answers and warnings are always the player's. It
 * does not resolve the turns' rolling summaries (summary-form.ts): show prints none, and leaves
 * the careful reader's warning about one that cannot be rebuilt to resume and repair.
 */
import type { AuthorsNote } from '../engine/prompt/authors-note.js';
import type { SessionStartRecord } from '../engine/session/records.js';
import { ROOT } from '../engine/session/tree.js';
import { checkSeal } from './checksum.js';
import { certainlyWellShaped, treeProblem } from './fast-shape.js';
import { variantOfCode } from './variant-code.js';

/** The story prompt in force: the author's note and the story's system prompt (null: none). */
export interface StoryPromptState {
  note: AuthorsNote | null;
  system: string | null;
}

/** A reply as show prints it. */
export interface LeanCandidate {
  text: string;
  score: number | null;
  variant: string;
  incomplete: boolean;
  /** Why it ended, when not by itself (Candidate.finishReason), and the failure that cut it. */
  finishReason?: string;
  error?: string;
}

/** A turn of the active branch: what show prints of it. */
export interface LeanTurn {
  id: string;
  number: number;
  input: string;
  candidates: LeanCandidate[];
  chosen: number;
  beat: string;
  pacing: number;
  promptTokens: number;
  at: number;
  imported?: string;
  /** The author's note and system prompt the turn was played under. */
  prompt: StoryPromptState;
}

export interface LeanStory {
  start: SessionStartRecord;
  /** The opening last swiped to before the first turn, if any. */
  openingId?: string;
  turns: LeanTurn[];
  branches: number;
  /** The note and system prompt as the log last set them. */
  prompt: StoryPromptState;
}

interface Node extends LeanTurn {
  parentId: string | null;
  children: number;
}

type Value = Record<string, unknown> & { type: string };
/** A candidate as stored: its variant may be a letter and its score left out (compact.ts). */
type Candidate = {
  text: string;
  score?: number;
  variant: { label: string } | string;
  incomplete?: boolean;
  imported?: unknown;
  finishReason?: string;
  error?: { message: string };
};
type PlanKey = { beat: string; cadence: string };

/** The story in `bytes`, or undefined when only the careful reader may answer for it. */
export function readLeanStory(bytes: Buffer): LeanStory | undefined {
  const nodes = new Map<string, Node>();
  let activeLeaf = ROOT;
  let start: SessionStartRecord | undefined;
  let openingId: string | undefined;
  let prompt: StoryPromptState = { note: null, system: null };
  const adopt = (parentId: string | null) => {
    const parent = parentId === null || parentId === ROOT ? undefined : nodes.get(parentId);
    if (parent) parent.children++;
  };
  // The node a swipe or regenerated reply lands on: a new sibling copy when it forks.
  const target = (value: Value): Node | undefined => {
    const source = nodes.get(value.nodeId as string);
    const forkId = value.forkId as string | undefined;
    if (!source || forkId === undefined) return source;
    if (forkId === ROOT || nodes.has(forkId)) return undefined;
    const copy: Node = { ...source, id: forkId, candidates: [...source.candidates], children: 0 };
    nodes.set(forkId, copy);
    adopt(copy.parentId);
    activeLeaf = forkId;
    return copy;
  };
  for (let from = 0; from < bytes.length;) {
    const newline = bytes.indexOf(0x0a, from);
    const end = newline < 0 ? bytes.length : newline;
    const lineStart = from;
    from = end + 1;
    if (end === lineStart) continue;
    if (checkSeal(bytes, lineStart, end) !== 'sealed') return undefined;
    let value: Value;
    try {
      // The whole line parses as it is (its checksum is one more field): no copy of it with the field cut off.
      value = JSON.parse(bytes.toString('utf8', lineStart, end)) as Value;
    } catch {
      return undefined;
    }
    if (!certainlyWellShaped(value) || treeProblem(value) !== undefined) return undefined;
    if (!start) {
      if (value.type !== 'session-start') return undefined;
      start = value as unknown as SessionStartRecord;
      continue;
    }
    switch (value.type) {
      case 'turn': {
        const id = value.nodeId as string;
        const parentId = value.parentId as string | null;
        if (nodes.has(id) || id === ROOT || (parentId !== null && parentId !== ROOT && !nodes.has(parentId))) return undefined;
        adopt(parentId);
        nodes.set(id, leanNode(value, prompt, parentId));
        activeLeaf = id;
        break;
      }
      case 'candidate': {
        const node = target(value);
        if (!node) return undefined;
        node.candidates.push(leanCandidate(value.candidate as Candidate, undefined));
        node.chosen = value.chosen as number;
        break;
      }
      case 'choose': {
        const node = target(value);
        if (!node) return undefined;
        if ((value.index as number) < node.candidates.length) node.chosen = value.index as number;
        break;
      }
      case 'regenerate':
        if (!nodes.has(value.nodeId as string)) return undefined;
        break;
      case 'rewind':
      case 'branch':
        if (value.leafId !== ROOT && !nodes.has(value.leafId as string)) return undefined;
        activeLeaf = value.leafId as string;
        break;
      case 'opening':
        openingId = value.openingId as string;
        break;
      case 'note':
        prompt = { ...prompt, note: value.note as AuthorsNote | null };
        break;
      case 'system-prompt':
        prompt = { ...prompt, system: value.text as string | null };
        break;
      default:
        // A second start record, a fact pinned, an edit, a sampler: nothing show prints.
        break;
    }
  }
  if (!start) return undefined;
  const turns: LeanTurn[] = [];
  for (let id: string | null = activeLeaf; id && id !== ROOT;) {
    const node = nodes.get(id);
    // A path is never longer than the tree.
    if (!node || turns.length > nodes.size) break;
    turns.push(node);
    id = node.parentId;
  }
  let leaves = 0;
  for (const node of nodes.values()) if (node.children === 0) leaves++;
  const activeIsLeaf = nodes.get(activeLeaf)?.children === 0;
  return {
    start,
    ...(openingId !== undefined ? { openingId } : {}),
    turns: turns.reverse(),
    branches: leaves + (activeIsLeaf ? 0 : 1),
    prompt,
  };
}

/**
 * A turn record as a node, written as one literal of one shape: a turn spread into a node with two
 * fields more (and `imported` spread in only when set) cost a fifth of this reader's time at
 * 10,000 turns, in the copies and in the mixed shapes every later access met.
 */
function leanNode(value: Value, prompt: StoryPromptState, parentId: string | null): Node {
  const imported = value.imported as { from?: unknown } | undefined;
  const plan = value.plan as PlanKey;
  const pacing = value.pacing as { score: number } | [number, number];
  const tokens = value.prompt as { tokens: number } | number;
  return {
    id: value.nodeId as string,
    number: value.number as number,
    input: (value.input as { text: string }).text,
    candidates: (value.candidates as Candidate[]).map((c) => leanCandidate(c, plan)),
    chosen: value.chosen as number,
    beat: plan.beat,
    pacing: Array.isArray(pacing) ? pacing[0] : pacing.score,
    promptTokens: typeof tokens === 'number' ? tokens : tokens.tokens,
    at: value.at as number,
    imported: imported ? (imported.from as string) : undefined,
    prompt,
    parentId,
    children: 0,
  };
}

/** A reply as show prints it; `plan` is its turn's (a letter variant needs it; the shape check made sure it makes one). */
function leanCandidate(c: Candidate, plan: PlanKey | undefined): LeanCandidate {
  const variant = typeof c.variant === 'string' ? plan && variantOfCode(plan, c.variant)?.label : c.variant.label;
  return {
    text: c.text,
    score: c.imported ? null : (c.score ?? 1),
    variant: variant ?? '',
    incomplete: c.incomplete ?? false,
    ...(c.finishReason !== undefined ? { finishReason: c.finishReason } : {}),
    ...(c.error ? { error: c.error.message } : {}),
  };
}
