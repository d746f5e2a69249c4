/**
 * `skald worlds import <file> [--out folder | --into pack] [--json]`: a character card becomes a
 * pack (installed, or written to --out); a lorebook is merged into a pack folder. Prints one line
 * saying what was made and where; every failure is one InputError line.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dataPaths } from '../paths.js';
import { neutralize } from '../text/sanitize.js';
import { display, safeJson } from './output.js';
import { ImportError, importCard, importInto, type CardIntoResult, type CardResult } from '../world/import/index.js';
import { groupPacks } from '../world/import/group.js';
import { installPack } from '../world/install.js';
import { loadPack } from '../world/load.js';
import { listWorlds } from '../world/discover.js';
import { formatProblem, PackError } from '../world/problems.js';
import { packToYaml } from '../world/serialize.js';
import { fileErrorReason, InputError, UsageError } from '../errors.js';

const print = (line: string) => process.stdout.write(`${display(line)}\n`);
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const loreCount = (n: number) => `${n} lore ${n === 1 ? 'entry' : 'entries'}`;

const FORMAT_NAMES: Record<string, string> = {
  tavernai_v1: 'TavernAI V1 card',
  chara_card_v2: 'Character Card V2',
  chara_card_v3: 'Character Card V3',
  world_info: 'SillyTavern World Info',
  character_book: 'character_book',
  lorebook_v3: 'lorebook_v3',
};

function asInputError(error: unknown): never {
  // Messages quote file names and parser snippets: keep them to one printable line.
  if (error instanceof ImportError) throw new InputError(neutralize(error.message).replace(/\s*\n\s*/g, ' '));
  if (error instanceof PackError)
    throw new InputError(error.message, error.problems.length > 1 ? error.problems.map((p) => `  ${formatProblem(p)}`) : []);
  throw error;
}

/** `skald worlds import <files...> [--group NAME] [--out <folder>] [--into <pack>] [--json]` */
export async function importCommand(
  files: string | string[],
  options: { out?: string; into?: string; json?: boolean; group?: string } = {},
): Promise<void> {
  const list = Array.isArray(files) ? files : [files];
  if (options.out && options.into)
    throw new UsageError('Use either --out (to write a card as a new pack) or --into (to add a card or a lorebook to a pack), not both.');
  if (list.length > 1 && options.group === undefined)
    throw new UsageError('Several cards make one world with --group NAME, e.g. `skald worlds import a.png b.json --group "The Crossing"`.');
  if (options.group !== undefined && options.into)
    throw new UsageError('The --group option makes a new world and --into adds to one: use one of them.');
  try {
    if (options.group !== undefined) await importGroup(list, options.group, options.out, options.json);
    else if (options.into) await mergeInto(list[0], options.into, options.json);
    else await importAsPack(list[0], options.out, options.json);
  } catch (error) {
    asInputError(error);
  }
}

/**
 * The pack folder `--into` names: a path, or an installed world's id (the one `worlds import` just
 * printed); a bundled world's id is refused, as an import must not change what ships with skald.
 */
async function packFolder(into: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(into) || (await exists(into))) return resolve(into);
  const world = (await listWorlds()).find((w) => w.id === into && !w.problems);
  if (world?.origin === 'installed') return world.location;
  if (world?.origin === 'bundled')
    throw new InputError(
      `${into} is a world that ships with skald, which an import does not change; give --into a pack folder of your own (\`skald worlds new NAME\` makes one), or an installed world's id.`,
    );
  return resolve(into);
}

async function mergeInto(file: string, intoArg: string, json?: boolean): Promise<void> {
  const into = await packFolder(intoArg);
  const result = await importInto(resolve(file), into);
  if (result.kind === 'card') {
    printCardMerge(result, into, json);
    return;
  }
  if (json) {
    print(
      safeJson(
        { kind: 'lorebook', format: result.format, file: result.file, entries: result.entries.map((e) => e.id), warnings: result.warnings },
        2,
      ),
    );
    return;
  }
  print(`Merged ${loreCount(result.entries.length)} from ${FORMAT_NAMES[result.format]} into ${result.file}`);
  for (const w of result.warnings) print(`warning: ${neutralize(w)}`);
}

/** A card added to a pack: its character (or the pack's own of that name, kept) and its lore. */
function printCardMerge(result: CardIntoResult, into: string, json?: boolean): void {
  if (json) {
    print(
      safeJson(
        {
          kind: 'card',
          format: result.format,
          into,
          character: result.character?.id ?? null,
          kept: result.kept?.id ?? null,
          lore: result.lore.map((e) => e.id),
          files: result.files,
          warnings: result.warnings,
        },
        2,
      ),
    );
    return;
  }
  const added = [
    result.character ? `character ${result.character.name} (${result.character.id})` : '',
    result.lore.length > 0 ? loreCount(result.lore.length) : '',
  ]
    .filter(Boolean)
    .join(' and ');
  print(`Added ${added} from ${FORMAT_NAMES[result.format]} to ${into} (${result.files.join(', ')})`);
  for (const w of result.warnings) print(`warning: ${neutralize(w)}`);
}

/** Several cards as one world: every character, their books merged. */
async function importGroup(files: string[], name: string, out: string | undefined, json?: boolean): Promise<void> {
  const cards: CardResult[] = [];
  for (const file of files) cards.push(await importCard(resolve(file)));
  const warnings = cards.flatMap((c) => c.warnings);
  const pack = groupPacks(
    name,
    cards.map((c) => c.pack),
    warnings,
  );
  const names = files.map((f) => neutralize(f.split(/[\\/]/).pop() ?? f)).join(', ');
  await importAsPack(files[0], out, json, { ...cards[0], pack, warnings }, `Imported by skald as a group from ${names}.`);
}

async function importAsPack(
  file: string,
  out: string | undefined,
  json?: boolean,
  given?: CardResult,
  givenHeader?: string,
): Promise<void> {
  const card = given ?? (await importCard(resolve(file)));
  const header = givenHeader ?? `Imported by skald from ${neutralize(file.split(/[\\/]/).pop() ?? file)} (${FORMAT_NAMES[card.format]}).`;
  const yaml = packToYaml(card.pack, header);
  let location: string;
  let replaced = false;
  let overridesBundled = false;
  if (out) {
    const folder = resolve(out);
    location = join(folder, 'world.yaml');
    if (await exists(location)) throw new InputError(`${location} already exists; choose another --out folder or remove it first.`);
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(location, yaml, { flag: 'wx' });
    } catch (error) {
      throw new InputError(`Cannot write ${location} (${fileErrorReason(error)}); choose another --out folder.`);
    }
    // The written file must load as the pack it came from: catch any drift in the YAML writer.
    const check = await loadPack(folder, 'path');
    if (!check.ok) throw new PackError(check.problems, location);
    location = folder;
  } else {
    replaced = await exists(join(dataPaths().worlds, card.pack.id));
    const staging = await mkdtemp(join(tmpdir(), 'skald-import-'));
    try {
      await writeFile(join(staging, 'world.yaml'), yaml);
      const installed = await installPack(staging);
      location = installed.location;
      overridesBundled = installed.overridesBundled;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  if (json) {
    print(safeJson(summary(card, location, !out, replaced), 2));
    return;
  }
  const p = card.pack;
  const counts = `${plural(p.openings.length, 'opening')}, ${loreCount(p.lore.length)}`;
  const where = out ? `wrote ${location}` : `${replaced ? 'replaced the installed world' : 'installed'} at ${location}`;
  print(`Imported ${FORMAT_NAMES[card.format]} "${neutralize(p.title)}" as world ${p.id} (${p.language}, ${counts}): ${where}`);
  if (overridesBundled) print(`Note: it overrides the bundled world "${p.id}".`);
  for (const w of card.warnings) print(`warning: ${neutralize(w)}`);
}

function summary(card: CardResult, location: string, installed: boolean, replaced: boolean) {
  const p = card.pack;
  return {
    kind: 'card',
    format: card.format,
    container: card.container,
    ...(card.chunk ? { chunk: card.chunk } : {}),
    id: p.id,
    title: p.title,
    language: p.language,
    location,
    installed,
    replaced,
    characters: p.characters.map((c) => c.name),
    openings: p.openings.length,
    lore: p.lore.length,
    warnings: card.warnings,
  };
}
