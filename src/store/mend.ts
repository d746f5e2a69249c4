/**
 * Makes the records that survived a damaged file hang together again, so one lost line never
 * hides the turns around it: a turn whose parent is lost is re-attached to the nearest earlier
 * turn, a node id used twice (two processes on one file, or a retried append) is renamed rather
 * than merged, and swipes or branch switches that point at a lost turn are dropped. Every change
 * is reported. Records are copied before they are changed.
 */
import type { SessionRecord, TurnRecord } from '../engine/session/records.js';
import { ROOT } from '../engine/session/tree.js';

export interface Numbered {
  /** 1-based line of the file the record was read from. */
  line: number;
  record: SessionRecord;
}

export interface MendNote {
  line: number;
  kind: 'reattached' | 'renamed' | 'dropped';
  message: string;
}

/** What a defined node is known by: its turn record itself (no copy per turn of a long log). */
type Defined = Pick<TurnRecord, 'number' | 'input'>;

const quote = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat}"`;
};

/** A turn as the warnings name it: `turn 6 ("I open the door")`. */
export function turnName(number: number | undefined, input: string | undefined): string {
  return `turn ${number ?? '?'}${input !== undefined ? ` (${quote(input)})` : ''}`;
}

/** The records (after the start) made consistent, and one note per change. */
export function mendRecords(entries: readonly Numbered[]): { entries: Numbered[]; notes: MendNote[] } {
  const defined = new Map<string, Defined>();
  const order: string[] = [];
  // Later references to a reused id mean its latest definition (the one written last).
  const current = new Map<string, string>();
  const out: Numbered[] = [];
  const notes: MendNote[] = [];
  const resolve = (id: string) => current.get(id) ?? id;
  const exists = (id: string) => id === ROOT || defined.has(id);
  const define = (id: string, line: number, node: Defined): string => {
    let name = id;
    if (defined.has(id)) {
      for (let k = 2; defined.has(name) || current.has(name); k++) name = `${id}-${k}`;
      current.set(id, name);
      notes.push({
        line,
        kind: 'renamed',
        message: `line ${line} reuses node id ${id} (two skald processes writing at once, or a save that was retried); that ${turnName(node.number, node.input.text)} was kept as ${name}`,
      });
    }
    defined.set(name, node);
    order.push(name);
    return name;
  };
  const nearestBefore = (number: number): string | null => {
    for (let i = order.length - 1; i >= 0; i--) if ((defined.get(order[i])?.number ?? Infinity) < number) return order[i];
    return null;
  };
  const drop = (line: number, what: string, id: string) =>
    notes.push({
      line,
      kind: 'dropped',
      message: `line ${line} (${what}) points at ${id || '(no id)'}, a turn that is lost, so it was left out`,
    });

  for (const entry of entries) {
    const { line, record } = entry;
    switch (record.type) {
      case 'turn': {
        let parentId = record.parentId === null || record.parentId === ROOT ? record.parentId : resolve(record.parentId);
        if (parentId !== null && !exists(parentId)) {
          const adoptive = nearestBefore(record.number);
          const adopter = adoptive === null ? undefined : defined.get(adoptive);
          const to = adopter ? turnName(adopter.number, adopter.input.text) : 'the opening';
          notes.push({
            line,
            kind: 'reattached',
            message: `${turnName(record.number, record.input.text)} followed ${record.parentId}, which is lost; it now follows ${to}, and is kept`,
          });
          parentId = adoptive;
        }
        const nodeId = define(record.nodeId, line, record);
        const changed = nodeId !== record.nodeId || parentId !== record.parentId;
        out.push(changed ? { line, record: { ...record, nodeId, parentId } satisfies TurnRecord } : entry);
        break;
      }
      case 'candidate':
      case 'choose': {
        const nodeId = resolve(record.nodeId);
        const node = defined.get(nodeId);
        if (!node) {
          drop(line, record.type === 'candidate' ? 'a regenerated reply' : 'a swipe', record.nodeId);
          break;
        }
        const forkId = record.forkId === undefined ? undefined : define(record.forkId, line, node);
        out.push(
          nodeId !== record.nodeId || forkId !== record.forkId
            ? { line, record: { ...record, nodeId, ...(forkId ? { forkId } : {}) } }
            : entry,
        );
        break;
      }
      case 'regenerate': {
        const nodeId = resolve(record.nodeId);
        // A regenerate mark only says a reply was swiped away; for a lost turn it says nothing.
        if (defined.has(nodeId)) out.push(nodeId !== record.nodeId ? { line, record: { ...record, nodeId } } : entry);
        break;
      }
      case 'rewind':
      case 'branch': {
        const leafId = resolve(record.leafId);
        if (!exists(leafId)) {
          drop(line, record.type === 'rewind' ? 'an undo' : 'a switch of branch', record.leafId);
          break;
        }
        out.push(leafId !== record.leafId ? { line, record: { ...record, leafId } } : entry);
        break;
      }
      default:
        out.push(entry);
    }
  }
  return { entries: out, notes };
}
