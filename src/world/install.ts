/** Installing a pack: validate it, then copy it into the player's worlds folder under its id. */
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { dataPaths } from '../config/paths.js';
import { bundledWorldsDir } from './discover.js';
import { loadPack } from './load.js';
import { PackError } from './problems.js';

/**
 * Validates the pack at `path` and copies it to `<worlds>/<id>/` (a single file becomes
 * `<id>/world.yaml`), replacing an earlier install of the same id. Throws PackError when invalid.
 */
export async function installPack(path: string): Promise<{ id: string; location: string; overridesBundled: boolean }> {
  const result = await loadPack(path, 'path');
  if (!result.ok) throw new PackError(result.problems, path);
  const { pack, location: source } = result.loaded;
  const target = join(dataPaths().worlds, pack.id);
  await mkdir(dataPaths().worlds, { recursive: true });
  await rm(target, { recursive: true, force: true });
  if ((await stat(source)).isDirectory()) {
    // Only what the loader reads is copied; symlinks are followed (and were checked to stay inside).
    await mkdir(target, { recursive: true });
    await cp(join(source, 'world.yaml'), join(target, 'world.yaml'), { dereference: true });
    for (const sub of ['characters', 'lore']) {
      const from = join(source, sub);
      if (await stat(from).then((s) => s.isDirectory(), () => false)) {
        await cp(from, join(target, sub), { recursive: true, dereference: true, filter: (src) => !/[\\/]\.[^\\/]*$/.test(src) });
      }
    }
  } else {
    await mkdir(target, { recursive: true });
    await cp(source, join(target, 'world.yaml'), { dereference: true });
  }
  const bundled = join(bundledWorldsDir(), pack.id);
  const overridesBundled = await stat(bundled).then(() => true, () => false);
  return { id: pack.id, location: target, overridesBundled };
}
