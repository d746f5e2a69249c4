/** Installing a pack: validate it, then copy it into the player's worlds folder under its id. */
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { dataPaths } from '../config/paths.js';
import { bundledWorldsDir } from './discover.js';
import { loadPack } from './load.js';
import { PackError } from './problems.js';

/**
 * Validates the pack at `path` and copies it to `<worlds>/<id>/` (a single file becomes
 * `<id>/world.yaml`), replacing an earlier install of the same id. Throws PackError when invalid.
 * The copy is made beside the target first and swapped in at the end, so installing the installed
 * folder itself (or a file inside it), or a copy that fails midway, never loses the pack.
 */
export async function installPack(path: string): Promise<{ id: string; location: string; overridesBundled: boolean; replaced: boolean }> {
  const result = await loadPack(path, 'path');
  if (!result.ok) throw new PackError(result.problems, path);
  const { pack, location: source } = result.loaded;
  const worlds = dataPaths().worlds;
  const target = join(worlds, pack.id);
  // Dot-named, so `worlds list` never sees a half-copied pack.
  const staging = join(worlds, `.${pack.id}.installing-${process.pid}`);
  await mkdir(worlds, { recursive: true });
  await rm(staging, { recursive: true, force: true });
  try {
    await copyPack(source, staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const replaced = await stat(target).then(() => true, () => false);
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
  const bundled = join(bundledWorldsDir(), pack.id);
  const overridesBundled = await stat(bundled).then(() => true, () => false);
  return { id: pack.id, location: target, overridesBundled, replaced };
}

async function copyPack(source: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  if ((await stat(source)).isDirectory()) {
    // Only what the loader reads is copied; symlinks are followed (and were checked to stay inside).
    await cp(join(source, 'world.yaml'), join(target, 'world.yaml'), { dereference: true });
    for (const sub of ['characters', 'lore']) {
      const from = join(source, sub);
      if (await stat(from).then((s) => s.isDirectory(), () => false)) {
        await cp(from, join(target, sub), { recursive: true, dereference: true, filter: (src) => !/[\\/]\.[^\\/]*$/.test(src) });
      }
    }
  } else {
    await cp(source, join(target, 'world.yaml'), { dereference: true });
  }
}
