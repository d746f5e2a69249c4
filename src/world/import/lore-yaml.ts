/**
 * Lore entries as a YAML list for `lore/<name>.yaml`, written the way `packToYaml` writes a
 * pack's lore: keys in the documented order, defaults left out, long text as blocks.
 */
import { Document, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { LoreEntry } from '../types.js';

const DEFAULTS: Partial<Record<keyof LoreEntry, unknown>> = {
  selectiveLogic: 'and_any', constant: false, priority: 0, enabled: true, caseSensitive: false, wholeWords: true,
};
const ORDER: (keyof LoreEntry)[] = [
  'id', 'keys', 'secondary', 'selectiveLogic', 'text', 'constant', 'priority', 'enabled', 'caseSensitive', 'wholeWords',
  'excludeKeys', 'activateOnlyAfter', 'activateOnlyEvery', 'depth', 'group', 'extensions',
];
const WORD_LISTS = new Set(['keys', 'secondary', 'excludeKeys']);

function compact(entry: LoreEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ORDER) {
    const value = entry[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (key in DEFAULTS && DEFAULTS[key] === value) continue;
    out[key] = value;
  }
  return out;
}

/** The entries as a YAML document (a list); `header` becomes a comment at the top. */
export function loreToYaml(entries: readonly LoreEntry[], header?: string): string {
  const doc = new Document(entries.map(compact));
  if (header) doc.commentBefore = header.split('\n').map((line) => (line ? ` ${line}` : '')).join('\n');
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (isSeq(pair.value) && WORD_LISTS.has(key)) {
        const items = pair.value.items.map((i) => (isScalar(i) ? String(i.value) : '\n'));
        if (!items.some((i) => i.includes('\n')) && items.join(', ').length <= 70) pair.value.flow = true;
      }
    },
    Scalar(_, node) {
      if (typeof node.value !== 'string') return;
      if (node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      else if (node.value.length > 80) node.type = Scalar.BLOCK_FOLDED;
    },
  });
  return doc.toString({ lineWidth: 100, minContentWidth: 40, flowCollectionPadding: false });
}
