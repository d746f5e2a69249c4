/**
 * Importing community formats: a character card becomes a whole pack, a lorebook becomes lore
 * merged into an existing pack. These functions touch only the files they are given; the CLI
 * decides where a pack goes and prints the outcome.
 */
import { basename } from 'node:path';
import type { WorldPack } from '../types.js';
import { cardToPack } from './card.js';
import { detectFormat, type CardFormat, type Detected, type LorebookFormat } from './detect.js';
import { mergeCardInto, type CardMergeResult } from './card-into.js';
import { ImportError } from './errors.js';
import { lorebookDrafts, mergeLorebook, type MergeResult } from './lorebook.js';
import { readImportSource, type Container } from './source.js';

export { ImportError, MAX_IMPORT_BYTES, type ImportErrorKind } from './errors.js';

const LOREBOOK_NAMES: Record<LorebookFormat, string> = {
  world_info: 'a SillyTavern World Info export',
  character_book: 'a character_book',
  lorebook_v3: 'a lorebook_v3',
};

export interface CardResult {
  pack: WorldPack;
  format: CardFormat;
  container: Container;
  chunk?: 'ccv3' | 'chara';
  warnings: string[];
}

/** Reads a card file (.json, .png, .charx) and returns it as a validated pack. Throws ImportError. */
export async function importCard(path: string): Promise<CardResult> {
  const what = basename(path);
  const source = await readImportSource(path);
  const detected = detectFormat(source.document, what);
  if (detected.kind !== 'card') {
    throw new ImportError(
      'unknown-format',
      `${what} is a lorebook (${LOREBOOK_NAMES[detected.format]}), not a character card; merge it into a pack with \`skald worlds import ${what} --into <pack folder>\`.`,
    );
  }
  const result = cardToPack(detected.format, detected.data, detected.root, what);
  return { ...result, container: source.container, chunk: source.chunk, warnings: [...source.warnings, ...result.warnings] };
}

export interface LorebookResult extends MergeResult {
  format: LorebookFormat;
}

/** Reads a lorebook (or a card's character_book) and merges it into the pack folder. Throws ImportError. */
export async function importLorebook(path: string, packFolder: string): Promise<LorebookResult> {
  const what = basename(path);
  const source = await readImportSource(path);
  return mergeBook(detectFormat(source.document, what), source.warnings, what, path, packFolder);
}

export interface CardIntoResult extends CardMergeResult {
  format: CardFormat;
}

/**
 * `--into`: a character card adds its character and its lorebook to the pack (a folder or a
 * single-file pack); a lorebook is merged into the pack folder. Throws ImportError.
 */
export async function importInto(
  path: string,
  packPath: string,
): Promise<({ kind: 'card' } & CardIntoResult) | ({ kind: 'lorebook' } & LorebookResult)> {
  const what = basename(path);
  const source = await readImportSource(path);
  const detected = detectFormat(source.document, what);
  if (detected.kind !== 'card') return { kind: 'lorebook', ...(await mergeBook(detected, source.warnings, what, path, packPath)) };
  const card = cardToPack(detected.format, detected.data, detected.root, what);
  const merged = await mergeCardInto(card.pack, packPath, path);
  return { kind: 'card', format: detected.format, ...merged, warnings: [...source.warnings, ...card.warnings, ...merged.warnings] };
}

async function mergeBook(
  detected: Detected,
  sourceWarnings: string[],
  what: string,
  path: string,
  packFolder: string,
): Promise<LorebookResult> {
  const read: string[] = [];
  const { drafts, name, format } = lorebookDrafts(detected, what, read);
  const merged = await mergeLorebook(packFolder, drafts, name, path);
  return { ...merged, format, warnings: [...sourceWarnings, ...read, ...merged.warnings] };
}
