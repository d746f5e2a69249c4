/**
 * The active branch's turns and the branch list, kept until the tree changes. A front end reads
 * them several times per change (the snapshot, the input history, the completions of /branch):
 * on a resumed 10,000-turn story each read was a walk and a copy of every turn.
 */
import type { Turn } from '../types.js';
import type { BranchSummary } from './api.js';
import { branchSummaries } from './branch-summaries.js';
import { SessionTree } from './tree.js';

export class TreeViews {
  private turns_: { version: number; value: readonly Turn[] } | undefined;
  private branches_: { version: number; value: readonly BranchSummary[] } | undefined;

  constructor(private readonly tree: SessionTree) {}

  /** The active branch's turns, oldest first (a new array each call; the turns are shared). */
  turns(): Turn[] {
    if (this.turns_?.version !== this.tree.version)
      this.turns_ = { version: this.tree.version, value: this.tree.branch().map(SessionTree.toTurn) };
    return [...this.turns_.value];
  }

  /** Every branch, summarised (a new array each call). */
  branches(): BranchSummary[] {
    if (this.branches_?.version !== this.tree.version) this.branches_ = { version: this.tree.version, value: branchSummaries(this.tree) };
    return [...this.branches_.value];
  }
}
