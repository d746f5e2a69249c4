/**
 * An Aho-Corasick automaton over lower-cased keys: one pass over the text finds every occurrence
 * of every plain key, so ten thousand entries cost no more per turn than ten. After `build()` the
 * trie lives in flat typed arrays: a 10,000-entry lorebook is a few megabytes the garbage
 * collector never has to walk.
 */

/** One raw occurrence of pattern `pattern` at [start, end) in the scanned text. */
export type AutomatonVisitor = (pattern: number, start: number, end: number) => void;

const NONE = -1;

export class KeyAutomaton {
  // While adding: a map keyed `node * 65536 + UTF-16 unit`, dropped by build().
  private pending: Map<number, number> | undefined = new Map();
  private pendingOut: Map<number, number[]> = new Map();
  private readonly lengths: number[] = [];
  private nodes = 1;

  // After build(): children of the root in a dense table, the rest as sorted runs per node.
  private root: Int32Array = new Int32Array(0);
  private edgeStart: Int32Array = new Int32Array(0);
  private edgeUnit: Uint16Array = new Uint16Array(0);
  private edgeNode: Int32Array = new Int32Array(0);
  private fail: Int32Array = new Int32Array(0);
  private outStart: Int32Array = new Int32Array(0);
  private outList: Int32Array = new Int32Array(0);
  /** Nearest node on the fail chain (itself included) that has patterns, or NONE. */
  private outLink: Int32Array = new Int32Array(0);

  /** Adds a lower-cased pattern and returns its id. */
  add(pattern: string): number {
    const next = this.pending;
    if (!next) throw new Error('KeyAutomaton: add() after build()');
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const key = node * 65536 + pattern.charCodeAt(i);
      let child = next.get(key);
      if (child === undefined) {
        child = this.nodes++;
        next.set(key, child);
      }
      node = child;
    }
    const id = this.lengths.length;
    this.lengths.push(pattern.length);
    const list = this.pendingOut.get(node);
    if (list) list.push(id);
    else this.pendingOut.set(node, [id]);
    return id;
  }

  /** Freezes the trie and computes the fail links; called by the first scan if not before. */
  build(): void {
    const next = this.pending;
    if (!next) return;
    const nodes = this.nodes;
    // Edges grouped by parent, sorted by unit, in flat arrays.
    const counts = new Int32Array(nodes + 1);
    for (const key of next.keys()) counts[Math.floor(key / 65536) + 1] += 1;
    for (let i = 1; i <= nodes; i++) counts[i] += counts[i - 1];
    const edgeStart = counts.slice();
    const fill = counts.slice(0, nodes);
    const edgeUnit = new Uint16Array(next.size);
    const edgeNode = new Int32Array(next.size);
    for (const [key, child] of next) {
      const parent = Math.floor(key / 65536);
      const at = fill[parent]++;
      edgeUnit[at] = key % 65536;
      edgeNode[at] = child;
    }
    for (let n = 0; n < nodes; n++) sortRun(edgeUnit, edgeNode, edgeStart[n], edgeStart[n + 1]);
    const root = new Int32Array(65536).fill(NONE);
    for (let e = edgeStart[0]; e < edgeStart[1]; e++) root[edgeUnit[e]] = edgeNode[e];

    const outStart = new Int32Array(nodes + 1);
    for (const [node, ids] of this.pendingOut) outStart[node + 1] = ids.length;
    for (let i = 1; i <= nodes; i++) outStart[i] += outStart[i - 1];
    const outList = new Int32Array(outStart[nodes]);
    for (const [node, ids] of this.pendingOut) outList.set(ids, outStart[node]);

    this.root = root;
    this.edgeStart = edgeStart;
    this.edgeUnit = edgeUnit;
    this.edgeNode = edgeNode;
    this.outStart = outStart;
    this.outList = outList;
    this.pending = undefined;
    this.pendingOut = new Map();

    const fail = new Int32Array(nodes);
    const outLink = new Int32Array(nodes).fill(NONE);
    const queue = new Int32Array(nodes);
    let tail = 0;
    for (let e = edgeStart[0]; e < edgeStart[1]; e++) {
      const child = edgeNode[e];
      fail[child] = 0;
      outLink[child] = outStart[child + 1] > outStart[child] ? child : NONE;
      queue[tail++] = child;
    }
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      for (let e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
        const unit = edgeUnit[e];
        const child = edgeNode[e];
        let f = fail[node];
        let target = this.step(f, unit);
        while (target === NONE && f !== 0) {
          f = fail[f];
          target = this.step(f, unit);
        }
        fail[child] = target === NONE ? 0 : target;
        outLink[child] = outStart[child + 1] > outStart[child] ? child : outLink[fail[child]];
        queue[tail++] = child;
      }
    }
    this.fail = fail;
    this.outLink = outLink;
  }

  /** Calls `visit` for every occurrence of every pattern in `text` (already lower-cased). */
  scan(text: string, visit: AutomatonVisitor): void {
    this.build();
    const { fail, outLink, outStart, outList, lengths, root, edgeStart, edgeUnit, edgeNode } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      // The step function, inlined: this loop runs once per character of every scanned message.
      let child = NONE;
      for (;;) {
        if (node === 0) {
          child = root[unit];
          break;
        }
        let lo = edgeStart[node];
        let hi = edgeStart[node + 1] - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const u = edgeUnit[mid];
          if (u === unit) {
            child = edgeNode[mid];
            break;
          }
          if (u < unit) lo = mid + 1;
          else hi = mid - 1;
        }
        if (child !== NONE) break;
        node = fail[node];
      }
      node = child === NONE ? 0 : child;
      for (let n = outLink[node]; n > 0; n = outLink[fail[n]]) {
        for (let o = outStart[n]; o < outStart[n + 1]; o++) {
          const id = outList[o];
          visit(id, i + 1 - lengths[id], i + 1);
        }
      }
    }
  }

  get patternCount(): number {
    return this.lengths.length;
  }

  /** The child of `node` along `unit`, or NONE. */
  private step(node: number, unit: number): number {
    if (node === 0) return this.root[unit];
    let lo = this.edgeStart[node];
    let hi = this.edgeStart[node + 1] - 1;
    const units = this.edgeUnit;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const u = units[mid];
      if (u === unit) return this.edgeNode[mid];
      if (u < unit) lo = mid + 1;
      else hi = mid - 1;
    }
    return NONE;
  }
}

/** Insertion sort of one node's edges by unit; runs are short except at the root. */
function sortRun(units: Uint16Array, nodes: Int32Array, from: number, to: number): void {
  if (to - from > 32) {
    const pairs = Array.from({ length: to - from }, (_, i) => [units[from + i], nodes[from + i]] as const).sort((a, b) => a[0] - b[0]);
    pairs.forEach(([u, n], i) => {
      units[from + i] = u;
      nodes[from + i] = n;
    });
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const u = units[i];
    const n = nodes[i];
    let j = i - 1;
    while (j >= from && units[j] > u) {
      units[j + 1] = units[j];
      nodes[j + 1] = nodes[j];
      j--;
    }
    units[j + 1] = u;
    nodes[j + 1] = n;
  }
}
