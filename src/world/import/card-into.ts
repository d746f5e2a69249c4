/**
 * A character card merged into an existing pack (`skald worlds import card.png --into PACK`): the
 * card's character, mapped as a card import maps it, joins the pack's characters, and its lorebook
 * the pack's lore (an entry the pack already has is not added twice). A folder pack gets
 * `characters/<id>.yaml` and `lore/<name>.yaml`; a single-file pack gets both appended to its lists,
 * its comments kept. A character of the same name already in the pack is kept and the card's is not
 * added (said in a warning). The pack must be valid before and after; when it would not be, nothing
 * written stays.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { cardOriginals } from '../card-fields.js';
import { loadPack } from '../load.js';
import { formatProblem } from '../problems.js';
import { appendToPackYaml, charactersToYaml, loreToYaml } from '../serialize.js';
import type { Character, LoreEntry, WorldPack } from '../types.js';
import { ImportError } from './errors.js';
import { loreIdentity } from './lorebook.js';
import { slugify, uniqueId } from './text.js';

export interface CardMergeResult {
  /** The character added, under the id it got in the pack. */
  character?: { id: string; name: string };
  /** The pack's own character of the same name, kept in place of the card's. */
  kept?: { id: string; name: string };
  lore: LoreEntry[];
  /** Files written (a folder pack) or changed (a single-file pack). */
  files: string[];
  warnings: string[];
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Adds the character and lore of `card` (a pack made from a card) to the pack at `packPath`. Throws ImportError. */
export async function mergeCardInto(card: WorldPack, packPath: string, sourceFile: string): Promise<CardMergeResult> {
  const before = await loadPack(packPath, 'path');
  if (!before.ok) {
    const first = before.problems.find((p) => p.severity === 'error') ?? before.problems[0];
    throw new ImportError(
      'not-a-pack',
      `The pack at ${packPath} is invalid before the merge (${first ? formatProblem(first) : 'unknown problem'}); fix it first.`,
    );
  }
  const target = before.loaded.pack;
  const warnings: string[] = [];
  const incoming = card.characters[0];
  const twin = target.characters.find((c) => sameName(c.name, incoming.name));
  let character: Character | undefined;
  if (twin) {
    warnings.push(
      `the pack already has a character named "${twin.name}" (${twin.id}); it is kept and the card's was not added (remove it from the pack first to take the card's)`,
    );
  } else {
    const { group_only_openings: _groupOnly, ...cardExtensions } = card.extensions ?? {};
    // The card's own texts that are the pack's elsewhere (scenario, system prompt) travel with its character.
    const extensions: Record<string, unknown> = { ...(incoming.extensions ?? {}), ...cardExtensions };
    // The card's regex scripts would rewrite every story of the pack: they travel with the character, not run.
    const aside = Array.isArray(incoming.extensions?.regex_scripts) ? (incoming.extensions.regex_scripts as unknown[]) : [];
    const scripts = [...(card.regexScripts ?? []), ...aside];
    if (scripts.length) {
      extensions.regex_scripts = scripts;
      if (card.regexScripts?.length)
        warnings.push(
          `the card's ${plural(card.regexScripts.length, 'regex script')} ${card.regexScripts.length === 1 ? 'is' : 'are'} not added to the pack's regexScripts (they would rewrite every story of the pack): kept under the character's extensions.regex_scripts`,
        );
    }
    character = {
      ...incoming,
      id: uniqueId(incoming.id, new Set(target.characters.map((c) => c.id))),
      ...(Object.keys(extensions).length ? { extensions } : {}),
    };
    const source = cardOriginals(cardExtensions.card);
    const texts = ['scenario', 'system_prompt', 'post_history_instructions', 'creator_notes'].filter((k) => source[k]);
    if (texts.length)
      warnings.push(
        `the card's ${texts.join(', ')} ${texts.length === 1 ? 'is' : 'are'} not merged into the pack's setting and style: kept under the character's extensions.card`,
      );
  }
  const lore = freshLore(card.lore, target.lore, warnings);
  if (!character && lore.length === 0) {
    throw new ImportError(
      'unknown-format',
      `The pack already has ${incoming.name} and every lore entry of ${basename(sourceFile)}; nothing was written.`,
    );
  }
  if (card.openings.length > 0)
    warnings.push(
      `the card's ${plural(card.openings.length, 'greeting')} ${card.openings.length === 1 ? 'was not added as an opening' : 'were not added as openings'} (the pack keeps its own); import the card alone to play ${card.openings.length === 1 ? 'it' : 'them'}`,
    );

  const folder = (await stat(packPath)).isDirectory();
  const files = folder
    ? await writeIntoFolder(packPath, character, lore, card, sourceFile)
    : await appendIntoFile(packPath, character, lore);
  const after = await loadPack(packPath, 'path');
  if (!after.ok) {
    await files.undo();
    const first = after.problems.find((p) => p.severity === 'error') ?? after.problems[0];
    throw new ImportError(
      'invalid-result',
      `Merging ${basename(sourceFile)} would make the pack invalid (${first ? formatProblem(first) : 'unknown problem'}); nothing was written.`,
    );
  }
  if (character && !after.loaded.pack.openings.some((o) => o.characters.includes(character.id))) {
    warnings.push(`${character.name} is in no opening's scene: add "${character.id}" to an opening's characters to bring them in`);
  }
  return {
    ...(character ? { character: { id: character.id, name: character.name } } : {}),
    ...(twin ? { kept: { id: twin.id, name: twin.name } } : {}),
    lore,
    files: files.paths,
    warnings,
  };
}

/** The card's entries the pack lacks (same keys and text), with ids unique in the pack. */
function freshLore(entries: readonly LoreEntry[], existing: readonly LoreEntry[], warnings: string[]): LoreEntry[] {
  const seen = new Map(existing.map((e) => [loreIdentity(e.keys, e.text), e.id]));
  const taken = new Set(existing.map((e) => e.id));
  const out: LoreEntry[] = [];
  for (const entry of entries) {
    const twin = seen.get(loreIdentity(entry.keys, entry.text));
    if (twin !== undefined) {
      warnings.push(`lore "${entry.id}": the same keys and text as "${twin}" already in the pack; not added again`);
      continue;
    }
    const id = uniqueId(entry.id, taken);
    seen.set(loreIdentity(entry.keys, entry.text), id);
    out.push({ ...entry, id });
  }
  return out;
}

interface Written {
  paths: string[];
  undo: () => Promise<void>;
}

async function freeName(dir: string, base: string): Promise<string> {
  let file = join(dir, `${base}.yaml`);
  for (let n = 2; (await exists(file)) || (await exists(file.replace(/\.yaml$/, '.yml'))); n++) file = join(dir, `${base}-${n}.yaml`);
  return file;
}

async function writeIntoFolder(
  folder: string,
  character: Character | undefined,
  lore: LoreEntry[],
  card: WorldPack,
  sourceFile: string,
): Promise<Written> {
  const header = `Imported by skald from ${basename(sourceFile)}.`;
  const paths: string[] = [];
  const undo = async () => {
    for (const path of paths) await rm(path, { force: true });
  };
  try {
    if (character) {
      await mkdir(join(folder, 'characters'), { recursive: true });
      const file = await freeName(join(folder, 'characters'), character.id);
      await writeFile(file, charactersToYaml([character], header), { flag: 'wx' });
      paths.push(file);
    }
    if (lore.length > 0) {
      await mkdir(join(folder, 'lore'), { recursive: true });
      const book = card.extensions?.character_book as { name?: unknown } | undefined;
      const base =
        slugify(typeof book?.name === 'string' ? book.name : '') || slugify(basename(sourceFile, extname(sourceFile))) || 'imported';
      const file = await freeName(join(folder, 'lore'), base);
      await writeFile(file, loreToYaml(lore, header), { flag: 'wx' });
      paths.push(file);
    }
  } catch (error) {
    await undo();
    throw error;
  }
  return { paths, undo };
}

/** Appends to a single-file pack: the new text is written beside it and renamed over it, so the file is never half written. */
async function appendIntoFile(file: string, character: Character | undefined, lore: LoreEntry[]): Promise<Written> {
  const original = await readFile(file, 'utf8');
  const { mode } = await stat(file);
  const next = appendToPackYaml(original, { characters: character ? [character] : [], lore });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const put = async (text: string) => {
    await writeFile(temp, text, { flag: 'w', mode });
    await rename(temp, file);
  };
  await put(next);
  return { paths: [file], undo: () => put(original) };
}
