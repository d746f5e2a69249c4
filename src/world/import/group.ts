/**
 * Several cards played together: one world with every character, their books merged (an entry the
 * world already has is not added twice), every card's greetings as openings with the whole cast in
 * the scene, and each card's own extras kept under `extensions.cards`. The planner already picks
 * who leads each turn.
 */
import { validatePack } from '../validate.js';
import { formatProblem } from '../problems.js';
import type { Extensions, LoreEntry, Rating, WorldPack } from '../types.js';
import { ImportError } from './errors.js';
import { loreIdentity } from './lorebook.js';
import { slugify, shortHash, uniqueId } from './text.js';

const sameness = (e: LoreEntry) => loreIdentity(e.keys, e.text);
const RATING_ORDER: readonly Rating[] = ['general', 'teen', 'mature'];

/** One world from the packs of several cards; `warnings` says what was merged away. */
export function groupPacks(name: string, packs: readonly WorldPack[], warnings: string[]): WorldPack {
  const title = name.trim();
  if (!title) throw new ImportError('no-name', 'A group needs a name: `--group "The Crossing"`.');
  if (packs.length < 2)
    throw new ImportError('unknown-format', 'A group is made of two or more cards; import a single card without --group.');
  const characterIds = new Set<string>();
  const loreIds = new Set<string>();
  const openingIds = new Set<string>();
  const seenLore = new Map<string, string>();
  const characters: WorldPack['characters'] = [];
  const lore: LoreEntry[] = [];
  const cards: Extensions = {};
  const openings: WorldPack['openings'] = [];
  for (const pack of packs) {
    for (const character of pack.characters) {
      const id = uniqueId(character.id, characterIds);
      characters.push({ ...character, id });
      for (const opening of pack.openings) {
        openings.push({
          ...opening,
          id: uniqueId(`${id}-${opening.id}`, openingIds),
          title: `${character.name}: ${opening.title}`,
          characters: [],
        });
      }
      if (pack.extensions) cards[id] = pack.extensions;
    }
    for (const entry of pack.lore) {
      const twin = seenLore.get(sameness(entry));
      if (twin !== undefined) {
        warnings.push(`lore "${entry.id}" of ${pack.title}: the same keys and text as "${twin}"; not added again`);
        continue;
      }
      const id = uniqueId(entry.id, loreIds);
      seenLore.set(sameness(entry), id);
      lore.push({ ...entry, id });
    }
  }
  const everyone = characters.map((c) => c.id);
  const first = packs[0];
  const raw = {
    skald: 1,
    id: slugify(title) || `group-${shortHash(title)}`,
    title,
    version: '1.0.0',
    authors: [...new Set(packs.flatMap((p) => p.authors))],
    language: first.language,
    rating: packs.map((p) => p.rating).sort((a, b) => RATING_ORDER.indexOf(b) - RATING_ORDER.indexOf(a))[0],
    tags: [...new Set(packs.flatMap((p) => p.tags))],
    summary: packs
      .map((p) => p.summary)
      .filter(Boolean)
      .join('\n\n'),
    setting: packs.map((p) => (packs.length > 1 ? `${p.characters[0]?.name ?? p.title}: ${p.setting}` : p.setting)).join('\n\n'),
    lore,
    characters,
    player: { persona: '', relations: {} },
    openings: openings.map((o) => ({ ...o, characters: everyone })),
    style: {
      ...first.style,
      notes: [...new Set(packs.flatMap((p) => p.style.notes))],
      ...mergedPrompt(
        packs.map((p) => p.style.systemPrompt),
        'systemPrompt',
      ),
      ...mergedPrompt(
        packs.map((p) => p.style.postHistoryInstructions),
        'postHistoryInstructions',
      ),
    },
    extensions: { cards, group: { members: packs.map((p) => p.title) } },
  };
  const result = validatePack(raw, title);
  if (!result.pack) {
    const problem = result.problems.find((p) => p.severity === 'error');
    throw new ImportError(
      'invalid-result',
      `The group "${title}" does not make a valid pack: ${problem ? formatProblem(problem) : 'unknown problem'}.`,
    );
  }
  return result.pack;
}

/**
 * The members' system prompts (or post-history instructions) as one: each distinct text once, in
 * order; `{{original}}` only where the first writes it, so what it replaces is spliced in once.
 */
function mergedPrompt<K extends string>(texts: Array<string | undefined>, key: K): Partial<Record<K, string>> {
  const distinct = [...new Set(texts.map((t) => t?.trim() ?? '').filter(Boolean))];
  if (distinct.length === 0) return {};
  const merged = distinct
    .map((t, i) => (i === 0 ? t : t.replace(/\{\{original\}\}/gi, '').trim()))
    .filter(Boolean)
    .join('\n\n');
  return { [key]: merged } as Partial<Record<K, string>>;
}
