/**
 * Lorebooks merged into an existing pack folder as `lore/<name>.yaml`: a SillyTavern World Info
 * export, a V2 `character_book` (alone or inside a card), or a V3 `lorebook_v3`. The pack must be
 * valid before and after; nothing already there is overwritten.
 */
import { rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { loadPack } from '../load.js';
import { formatProblem } from '../problems.js';
import type { LoreEntry } from '../types.js';
import type { Detected, LorebookFormat } from './detect.js';
import { ImportError } from './errors.js';
import { bookDrafts, finishLore, worldInfoEntryDraft, type LoreDraft } from './lore-entries.js';
import { loreToYaml } from '../serialize.js';
import { asObject, slugify, str } from './text.js';

/** The lore drafts of a detected lorebook (or of a card's `character_book`), and the book's name. */
export function lorebookDrafts(
  detected: Detected,
  what: string,
  warnings: string[] = [],
): { drafts: LoreDraft[]; name: string; format: LorebookFormat } {
  if (detected.kind === 'card') {
    const book = asObject(detected.data.character_book);
    if (!book)
      throw new ImportError(
        'unknown-format',
        `${what} is a character card without a character_book, so it has no lore to merge; import it without --into to make a pack of it.`,
      );
    return { drafts: bookDrafts(book, warnings), name: str(book.name), format: 'character_book' };
  }
  const { book, format } = detected;
  const settings = bookSettings(book);
  if (settings.length > 0)
    warnings.push(
      `${what}: the book's own ${settings.join(', ')} ${settings.length === 1 ? 'is' : 'are'} not merged: a pack's lore has no book of its own, so its entries' settings and skald's apply`,
    );
  if (format === 'world_info') {
    const entries = asObject(book.entries) ?? {};
    const drafts = Object.entries(entries)
      .map(([uid, e]) => ({ uid, e: asObject(e) ?? {} }))
      // Keep the author's order: SillyTavern's displayIndex when present, else the uid.
      .sort((a, b) => order(a.e, a.uid) - order(b.e, b.uid))
      .map(({ uid, e }) => worldInfoEntryDraft(e, uid, warnings));
    return { drafts, name: str(book.name), format };
  }
  return { drafts: bookDrafts(book, warnings), name: str(book.name), format };
}

/** The book's fields besides its entries and name that hold something (scan_depth, token_budget, originalData ...). */
function bookSettings(book: Record<string, unknown>): string[] {
  return Object.entries(book)
    .filter(([key, value]) => {
      if (key === 'entries' || key === 'name' || value === undefined || value === null || value === '') return false;
      if (Array.isArray(value)) return value.length > 0;
      return typeof value !== 'object' || Object.keys(value).length > 0;
    })
    .map(([key, value]) => (typeof value === 'object' ? key : `${key} ${JSON.stringify(value)}`));
}

function order(entry: Record<string, unknown>, uid: string): number {
  const n = typeof entry.displayIndex === 'number' ? entry.displayIndex : Number(uid);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

export interface MergeResult {
  file: string;
  entries: LoreEntry[];
  warnings: string[];
}

/** An entry's identity for merging: its keys (in any order) and its text, spaces folded. */
export const loreIdentity = (keys: readonly string[], text: string) =>
  `${[...keys]
    .map((k) => k.trim().toLowerCase())
    .sort()
    .join('\u0000')}\u0001${text.replace(/\s+/g, ' ').trim()}`;

/**
 * The drafts not already in the pack (or earlier in the same book): a card and its World Info
 * export often carry the same entries, and both copies would fire.
 */
export function withoutDuplicates(drafts: readonly LoreDraft[], existing: readonly LoreEntry[], warnings: string[]): LoreDraft[] {
  const seen = new Map(existing.map((e) => [loreIdentity(e.keys, e.text), e.id]));
  return drafts.filter((d) => {
    const key = loreIdentity(d.entry.keys, d.entry.text);
    const twin = seen.get(key);
    if (twin !== undefined) {
      warnings.push(`lore "${d.names.find(Boolean) ?? 'entry'}": the same keys and text as "${twin}" already in the pack; not added again`);
      return false;
    }
    seen.set(key, d.names.find(Boolean) ?? 'entry');
    return true;
  });
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Writes the drafts into `<packFolder>/lore/<name>.yaml` (`-2`, `-3`... when taken), with ids
 * made unique against the pack's lore, then loads the pack again; if it no longer validates the
 * file is removed and an ImportError says why.
 */
export async function mergeLorebook(
  packFolder: string,
  drafts: readonly LoreDraft[],
  name: string,
  sourceFile: string,
): Promise<MergeResult> {
  const info = await stat(packFolder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ImportError(
      'not-a-pack',
      `${packFolder} is not a pack folder; --into needs a folder with world.yaml (lore files merge only into folders).`,
    );
  }
  const before = await loadPack(packFolder, 'path');
  if (!before.ok) {
    const first = before.problems.find((p) => p.severity === 'error') ?? before.problems[0];
    throw new ImportError(
      'not-a-pack',
      `The pack at ${packFolder} is invalid before the merge (${first ? formatProblem(first) : 'unknown problem'}); fix it first.`,
    );
  }
  if (drafts.length === 0) throw new ImportError('unknown-format', `${sourceFile} has no lore entries to merge.`);
  const warnings: string[] = [];
  const taken = new Set(before.loaded.pack.lore.map((e) => e.id));
  const fresh = withoutDuplicates(drafts, before.loaded.pack.lore, warnings);
  if (fresh.length === 0)
    throw new ImportError(
      'unknown-format',
      `Every lore entry of ${basename(sourceFile)} is already in the pack (same keys and text); nothing was written.`,
    );
  const entries = finishLore(fresh, taken, warnings);

  const base = slugify(name) || slugify(basename(sourceFile, extname(sourceFile))) || 'imported';
  const dir = join(packFolder, 'lore');
  await mkdir(dir, { recursive: true });
  let file = join(dir, `${base}.yaml`);
  for (let n = 2; (await exists(file)) || (await exists(file.replace(/\.yaml$/, '.yml'))); n++) file = join(dir, `${base}-${n}.yaml`);
  const header = `Lore imported by skald from ${basename(sourceFile)}.`;
  await writeFile(file, loreToYaml(entries, header), { flag: 'wx' });

  const after = await loadPack(packFolder, 'path');
  if (!after.ok) {
    await rm(file, { force: true });
    const first = after.problems.find((p) => p.severity === 'error') ?? after.problems[0];
    throw new ImportError(
      'invalid-result',
      `Merging ${basename(sourceFile)} would make the pack invalid (${first ? formatProblem(first) : 'unknown problem'}); nothing was written.`,
    );
  }
  return { file, entries, warnings };
}
