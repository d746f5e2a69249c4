/**
 * Writing a pack back as readable YAML, keys in the order the format documents them and
 * defaults left out, so an imported or generated pack reads like one written by hand.
 */
import { Document, isScalar, isSeq, parseDocument, Scalar, visit } from 'yaml';
import type { Character, Law, LoreEntry, Opening, Style, Thread, WorldPack } from './types.js';

type Obj = Record<string, unknown>;

const WORD_LISTS = new Set(['authors', 'tags', 'forbid', 'keys', 'secondary', 'excludeKeys', 'aliases', 'length', 'characters']);

/** Drops keys whose value is undefined, an empty list, or equal to the given default. */
function compact(obj: Obj, defaults: Obj = {}): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (key in defaults && JSON.stringify(defaults[key]) === JSON.stringify(value)) continue;
    out[key] = value;
  }
  return out;
}

const law = (l: Law): Obj => compact({ id: l.id, text: l.text, forbid: l.forbid, extensions: l.extensions });

const lore = (e: LoreEntry): Obj =>
  compact(
    {
      id: e.id,
      keys: e.keys,
      secondary: e.secondary,
      selectiveLogic: e.selectiveLogic,
      text: e.text,
      constant: e.constant,
      priority: e.priority,
      enabled: e.enabled,
      caseSensitive: e.caseSensitive,
      wholeWords: e.wholeWords,
      excludeKeys: e.excludeKeys,
      activateOnlyAfter: e.activateOnlyAfter,
      activateOnlyEvery: e.activateOnlyEvery,
      scanDepth: e.scanDepth,
      position: e.position,
      depth: e.depth,
      role: e.role,
      outlet: e.outlet,
      ignoreBudget: e.ignoreBudget,
      onlyWith: e.onlyWith,
      notWith: e.notWith,
      probability: e.probability,
      sticky: e.sticky,
      cooldown: e.cooldown,
      delay: e.delay,
      group: e.group,
      groupWeight: e.groupWeight,
      groupOverride: e.groupOverride,
      groupScoring: e.groupScoring,
      preventRecursion: e.preventRecursion,
      excludeRecursion: e.excludeRecursion,
      delayUntilRecursion: e.delayUntilRecursion,
      matchSources: e.matchSources,
      triggers: e.triggers,
      extensions: e.extensions,
    },
    { selectiveLogic: 'and_any', constant: false, priority: 0, enabled: true, caseSensitive: false, wholeWords: true },
  );

const character = (c: Character): Obj =>
  compact(
    {
      id: c.id,
      name: c.name,
      aliases: c.aliases,
      nickname: c.nickname,
      persona: c.persona,
      voice: c.voice,
      quirks: c.quirks,
      goals: c.goals,
      secrets: c.secrets,
      relations: Object.keys(c.relations).length > 0 ? c.relations : undefined,
      examples: c.examples,
      color: c.color,
      extensions: c.extensions,
    },
    { voice: '' },
  );

const opening = (o: Opening, everyone: string[]): Obj =>
  compact(
    {
      id: o.id,
      title: o.title,
      scene: o.scene,
      text: o.text,
      // A cast of everyone is the default; writing it out would go stale when characters are added.
      characters: JSON.stringify(o.characters) === JSON.stringify(everyone) ? undefined : o.characters,
    },
    { scene: '' },
  );

const thread = (t: Thread): Obj => compact({ id: t.id, title: t.title, hook: t.hook, beats: t.beats });
const style = (s: Style): Obj => ({
  pov: s.pov,
  tense: s.tense,
  length: s.length,
  ...(s.notes.length ? { notes: s.notes } : {}),
  ...(s.systemPrompt !== undefined ? { systemPrompt: s.systemPrompt } : {}),
  ...(s.postHistoryInstructions !== undefined ? { postHistoryInstructions: s.postHistoryInstructions } : {}),
});

/** The pack as YAML text; `header` becomes a comment at the top. */
export function packToYaml(pack: WorldPack, header?: string): string {
  const everyone = pack.characters.map((c) => c.id);
  const body = compact({
    skald: pack.skald,
    id: pack.id,
    title: pack.title,
    version: pack.version,
    authors: pack.authors,
    language: pack.language,
    rating: pack.rating,
    tags: pack.tags,
    summary: pack.summary || undefined,
    setting: pack.setting,
    laws: pack.laws.map(law),
    lore: pack.lore.map(lore),
    characters: pack.characters.map(character),
    player: compact({
      name: pack.player.open ? undefined : pack.player.name,
      aliases: pack.player.aliases?.length ? pack.player.aliases : undefined,
      persona: pack.player.persona || undefined,
      relations: Object.keys(pack.player.relations).length > 0 ? pack.player.relations : undefined,
      position: pack.player.position,
      depth: pack.player.depth,
      role: pack.player.role,
    }),
    openings: pack.openings.map((o) => opening(o, everyone)),
    threads: pack.threads.map(thread),
    style: style(pack.style),
    regexScripts: pack.regexScripts?.length ? pack.regexScripts : undefined,
    extensions: pack.extensions,
  });
  return toAuthorYaml(body, header);
}

/** Lore entries as a YAML list (a `lore/<name>.yaml` file), written as `packToYaml` writes a pack's lore. */
export function loreToYaml(entries: readonly LoreEntry[], header?: string): string {
  return toAuthorYaml(entries.map(lore), header);
}

/** Characters as a YAML list (a `characters/<name>.yaml` file), written as `packToYaml` writes a pack's characters. */
export function charactersToYaml(characters: readonly Character[], header?: string): string {
  return toAuthorYaml(characters.map(character), header);
}

/**
 * A single-file pack's text with `characters` and `lore` appended to its lists (a list it lacks is
 * added at the end). The new items are inserted as text after the list's last item, at its
 * indentation, so the author's comments, folding and layout stay exactly as written.
 */
export function appendToPackYaml(text: string, add: { characters: readonly Character[]; lore: readonly LoreEntry[] }): string {
  const doc = parseDocument(text);
  const lists = [
    ['characters', add.characters.map(character)],
    ['lore', add.lore.map(lore)],
  ] as const;
  for (const [key, values] of lists) {
    const list = doc.get(key, true);
    if (values.length === 0 || !isSeq(list) || !list.flow || list.items.length === 0) continue;
    // A list written inline with items in it: rare enough to write the document out whole for it.
    for (const value of values) list.items.push(doc.createNode(value));
    return appendToPackYaml(doc.toString({ lineWidth: 100, minContentWidth: 40, flowCollectionPadding: false }), { ...add, [key]: [] });
  }
  const edits: Array<{ from: number; to: number; text: string }> = [];
  let tail = '';
  for (const [key, values] of lists) {
    if (values.length === 0) continue;
    const list = doc.get(key, true);
    const items = (indent: string) => indented(toAuthorYaml(values), indent);
    if (isSeq(list) && list.range && !list.flow && list.items.length > 0) {
      const [from, end] = list.range;
      const indent = ' '.repeat(from - (text.lastIndexOf('\n', from - 1) + 1));
      edits.push({ from: end, to: end, text: `${text[end - 1] === '\n' ? '' : '\n'}${items(indent)}` });
    } else if (isSeq(list) && list.range && list.items.length === 0) {
      // `lore: []`: the empty flow list becomes a block list.
      const [from, end] = list.range;
      const lineStart = text.lastIndexOf('\n', from - 1) + 1;
      const keyIndent = /^ */.exec(text.slice(lineStart))?.[0] ?? '';
      edits.push({ from, to: end, text: `\n${items(`${keyIndent}  `).replace(/\n$/, '')}` });
    } else {
      // No such list (or not a list, which validation then names): a new one at the end.
      tail += `${key}:\n${items('  ')}`;
    }
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
  if (tail) out = `${out}${out.endsWith('\n') || out === '' ? '' : '\n'}${tail}`;
  return out;
}

function indented(yaml: string, indent: string): string {
  return yaml
    .split('\n')
    .map((line) => (line ? `${indent}${line}` : line))
    .join('\n');
}

/** YAML as an author would write it: short word lists on one line, long prose as blocks. */
function toAuthorYaml(body: unknown, header?: string): string {
  const doc = new Document(body);
  if (header)
    doc.commentBefore = header
      .split('\n')
      .map((line) => (line ? ` ${line}` : ''))
      .join('\n');
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      // Lists of words or numbers read best on one line, as an author would write them.
      if (isSeq(pair.value) && WORD_LISTS.has(key)) {
        const items = pair.value.items.map((i) => (isScalar(i) ? String(i.value) : '\n'));
        if (!items.some((i) => i.includes('\n')) && items.join(', ').length <= 70) pair.value.flow = true;
      }
    },
    Scalar(_, node) {
      // Long prose as a folded block; text with line breaks keeps them.
      if (typeof node.value !== 'string') return;
      if (node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      else if (node.value.length > 80) node.type = Scalar.BLOCK_FOLDED;
    },
  });
  return doc.toString({ lineWidth: 100, minContentWidth: 40, flowCollectionPadding: false });
}
