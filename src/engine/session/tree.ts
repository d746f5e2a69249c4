/**
 * The session tree: every turn ever played, with swipes, forks, rewinds and edits as branches.
 * Nothing is removed; the active branch is the path from the active leaf up to the opening.
 * Live play and replay both change it only through `apply`, so a restored session is the same
 * tree the player left.
 */
import type { Fact, MemoryState, StoryMessage, Turn } from '../types.js';
import type { SessionRecord, TurnRecord } from './records.js';

/** The id of the tree's root, the opening scene. */
export const ROOT = 'opening';

export interface TurnNode extends Omit<TurnRecord, 'type' | 'at' | 'nodeId'> {
  id: string;
  createdAt: number;
  updatedAt: number;
  children: string[];
  /** The player swiped, picked or regenerated here, so the kept reply is a real choice. */
  picked?: boolean;
}

/** Turns the facts in force (pinned first, then as stated) into the ledger the prompt sees. */
export type Ledger = (facts: Fact[]) => Fact[];

export class SessionTree {
  constructor(private readonly ledger: Ledger = (facts) => facts) {}

  readonly nodes = new Map<string, TurnNode>();
  readonly rootChildren: string[] = [];
  activeLeaf: string = ROOT;
  pinned: Fact[] = [];
  private forgotten = new Set<string>();
  /** Counts the records applied: views of the tree kept from an earlier count are stale. */
  version = 0;

  /** A fresh node id, unique in this session (nodes are never removed). */
  nextId(): string {
    // A session file with an unreadable line has a gap in its ids: never reuse a surviving one.
    let k = this.nodes.size + 1;
    while (this.nodes.has(`n${k}`)) k += 1;
    return `n${k}`;
  }

  /** The node `id` the caller has just committed: a missing one is a bug in the engine, not bad input. */
  committed(id: string): TurnNode {
    const node = this.node(id);
    if (!node) throw new Error(`The session tree has no turn ${id} though it was just saved.`);
    return node;
  }

  node(id: string): TurnNode | undefined {
    return this.nodes.get(id);
  }

  /** Nodes of the active branch, oldest first. */
  branch(leafId: string = this.activeLeaf): TurnNode[] {
    // A turn asks for its branch several times (the turn gate, the turn, its memory after the
    // commit): walked once per leaf and tree version, and a new turn on the kept leaf extends it.
    const kept = this.branchKept;
    if (kept && kept.version === this.version && kept.leaf === leafId) return kept.path.slice();
    const path: TurnNode[] = [];
    let id: string | null = leafId;
    while (id && id !== ROOT) {
      const node = this.nodes.get(id);
      // A damaged file can make parents loop; a path is never longer than the tree.
      if (!node || path.length > this.nodes.size) break;
      path.push(node);
      id = node.parentId;
    }
    path.reverse();
    // Only a walk that reached the opening is kept: one cut short by a missing parent could
    // reach further once a later record brings that parent.
    this.branchKept = !id || id === ROOT ? { version: this.version, leaf: leafId, path: path.slice() } : undefined;
    return path;
  }

  private branchKept: { version: number; leaf: string; path: readonly TurnNode[] } | undefined;

  /** The active branch's node at turn `number`, if any. */
  atTurn(number: number): TurnNode | undefined {
    return this.branch().find((node) => node.number === number);
  }

  /** Facts in force on the active branch: those the player stated on it plus pinned ones. */
  facts(): Fact[] {
    return this.factsAlong(this.branch());
  }

  /** Facts in force along a path: pinned ones and those stated on it, less the forgotten. */
  factsAlong(path: readonly TurnNode[]): Fact[] {
    // A turn asks for the same path's facts more than once (its memory, its inputs), and most
    // turns state no fact: the ledger is what it was for the same nodes, or for a path those
    // nodes begin that goes on only through turns without facts, until a pin or a forget.
    // (What it reads, the pinned and forgotten facts and the facts of each node, changes only
    // with a memory record: a node's facts are its record's.)
    const kept = this.factsKept;
    if (kept && kept.memoryVersion === this.memoryVersion && extendsWithoutFacts(kept.path, path)) {
      if (path.length !== kept.path.length) kept.path = [...path];
      return [...kept.facts];
    }
    const stated = path.flatMap((node) => node.facts);
    const facts = this.ledger([...this.pinned, ...stated].filter((fact) => !this.forgotten.has(fact.id)));
    this.factsKept = { memoryVersion: this.memoryVersion, path: [...path], facts: [...facts] };
    return facts;
  }

  private factsKept: { memoryVersion: number; path: readonly TurnNode[]; facts: readonly Fact[] } | undefined;

  /**
   * The story along `path`, `opening` first: what `historyOf` gives, its messages kept between
   * turns. A turn's history is the last one's and the new turn: walking every node of a long story
   * again (most of them long out of the processor's caches) cost 40-120 µs a turn at 130 turns in
   * the client bench, growing with the story. The messages are frozen, since every caller shares
   * them; the array is the caller's own.
   */
  historyAlong(opening: StoryMessage, path: readonly TurnNode[]): StoryMessage[] {
    let kept = this.historyKept;
    // A node's reply changes only with a candidate or choose record; its input and turn, never.
    if (!kept || kept.choiceVersion !== this.choiceVersion || !startsWith(path, kept.path)) {
      kept = { choiceVersion: this.choiceVersion, path: [], messages: [] };
      this.historyKept = kept;
    }
    for (let i = kept.path.length; i < path.length; i++) {
      kept.path.push(path[i]);
      kept.messages.push(...messagesOf(path[i]));
    }
    return [opening, ...kept.messages];
  }

  private historyKept: { choiceVersion: number; path: TurnNode[]; messages: StoryMessage[] } | undefined;
  /** Counts the records that change a node's reply (candidate and choose): a history kept from an earlier count is stale. */
  private choiceVersion = 0;

  /** How many records so far changed a node's reply (a candidate added, a choice): what was read of replies at another count may be stale. */
  get replies(): number {
    return this.choiceVersion;
  }
  /** Counts the memory records applied (pins and forgets): a ledger kept from an earlier count is stale. */
  private memoryVersion = 0;

  /** The memory the next prompt sees: the active leaf's summary and the facts in force. */
  memory(empty: MemoryState): MemoryState {
    const leaf = this.nodes.get(this.activeLeaf);
    const summary = leaf ? leaf.memory : { summary: empty.summary, summaryThrough: empty.summaryThrough };
    return { ...summary, facts: this.facts() };
  }

  /** Applies one record; the only way the tree changes. Unknown node ids are ignored. */
  apply(record: SessionRecord): void {
    const kept = this.branchKept?.version === this.version ? this.branchKept : undefined;
    this.version++;
    switch (record.type) {
      case 'turn': {
        const node = nodeOf(record);
        // A new turn on the kept branch's leaf: the branch to it is that one and the node (a
        // node id seen before, which a damaged file can hold, is walked again).
        const extends_ = kept && !this.nodes.has(node.id) && (node.parentId ?? ROOT) === kept.leaf;
        this.nodes.set(node.id, node);
        this.childrenOf(node.parentId).push(node.id);
        this.activeLeaf = node.id;
        if (extends_) this.branchKept = { version: this.version, leaf: node.id, path: [...kept.path, node] };
        break;
      }
      case 'candidate': {
        const target = record.forkId ? this.fork(record.nodeId, record.forkId, record.at) : this.nodes.get(record.nodeId);
        if (!target) return;
        this.choiceVersion++;
        target.candidates.push(record.candidate);
        target.chosen = record.chosen;
        target.picked = true;
        target.updatedAt = record.at;
        break;
      }
      case 'choose': {
        const target = record.forkId ? this.fork(record.nodeId, record.forkId, record.at) : this.nodes.get(record.nodeId);
        if (!target || record.index < 0 || record.index >= target.candidates.length) return;
        this.choiceVersion++;
        target.chosen = record.index;
        target.picked = true;
        target.updatedAt = record.at;
        break;
      }
      case 'rewind':
      case 'branch':
        if (record.leafId === ROOT || this.nodes.has(record.leafId)) this.activeLeaf = record.leafId;
        break;
      case 'memory':
        this.memoryVersion++;
        if (record.op === 'pin' && record.fact) this.pinned.push(record.fact);
        if (record.op === 'forget' && record.factId) this.forgotten.add(record.factId);
        break;
      default:
        break;
    }
  }

  /** Whether the player forgot this fact id (`/forget`); forgotten facts stay out on every branch. */
  isForgotten(id: string): boolean {
    return this.forgotten.has(id);
  }

  /** Whether a fact id is in force on the active branch. */
  hasFact(id: string): boolean {
    return this.facts().some((fact) => fact.id === id);
  }

  /** A committed turn as the Session surface shows it. */
  static toTurn(this: void, node: TurnNode): Turn {
    return {
      id: node.id,
      parentId: node.parentId,
      number: node.number,
      input: node.input,
      candidates: node.candidates,
      chosen: node.chosen,
      plan: node.plan,
      pacing: node.pacing,
      prompt: node.prompt,
      createdAt: node.createdAt,
      ...(node.imported ? { imported: node.imported } : {}),
      ...(node.variables ? { variables: node.variables } : {}),
    };
  }

  private childrenOf(parentId: string | null): string[] {
    if (parentId === null || parentId === ROOT) return this.rootChildren;
    return this.nodes.get(parentId)?.children ?? this.rootChildren;
  }

  /** A sibling copy of `sourceId` that a new branch continues from; the original keeps its children. */
  private fork(sourceId: string, forkId: string, at: number): TurnNode | undefined {
    const source = this.nodes.get(sourceId);
    if (!source) return undefined;
    const copy: TurnNode = {
      ...source,
      id: forkId,
      candidates: [...source.candidates],
      children: [],
      createdAt: at,
      updatedAt: at,
    };
    this.nodes.set(forkId, copy);
    this.childrenOf(copy.parentId).push(forkId);
    this.activeLeaf = forkId;
    return copy;
  }
}

const NOT_COPIED = new Set(['type', 'at', 'nodeId']);

/**
 * A turn record as a tree node: its fields in their order, less type, time and id. Copied key by
 * key: a rest pattern spread into a literal cost ~20 µs a record, most of a 10,000-turn replay.
 */
function nodeOf(record: TurnRecord): TurnNode {
  const node: Record<string, unknown> = {};
  for (const key of Object.keys(record)) if (!NOT_COPIED.has(key)) node[key] = record[key as keyof TurnRecord];
  node.id = record.nodeId;
  node.candidates = [...record.candidates];
  node.createdAt = record.at;
  node.updatedAt = record.at;
  node.children = [];
  return node as unknown as TurnNode;
}

/** A node's messages in the story: the player's input and, when it has one, the kept reply (`historyOf`'s). */
function messagesOf(node: TurnNode): StoryMessage[] {
  const input: StoryMessage = Object.freeze({ role: 'player', text: node.input.text, turn: node.number });
  const reply = node.candidates[node.chosen];
  return reply ? [input, Object.freeze({ role: 'narrator', text: reply.text, turn: node.number })] : [input];
}

/** Whether `path` begins with `prefix`'s nodes. */
function startsWith(path: readonly TurnNode[], prefix: readonly TurnNode[]): boolean {
  if (path.length < prefix.length) return false;
  for (let i = prefix.length - 1; i >= 0; i--) if (prefix[i] !== path[i]) return false;
  return true;
}

/** Whether `path` is `kept`'s nodes and then only nodes that state no fact. */
function extendsWithoutFacts(kept: readonly TurnNode[], path: readonly TurnNode[]): boolean {
  if (path.length < kept.length) return false;
  for (let i = path.length - 1; i >= kept.length; i--) if (path[i].facts.length > 0) return false;
  for (let i = kept.length - 1; i >= 0; i--) if (kept[i] !== path[i]) return false;
  return true;
}
