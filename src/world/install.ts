/** Installing a pack: validate it, then copy it into the player's worlds folder under its id. */
import { copyFile, lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join, relative } from 'node:path';
import { dataPaths } from '../paths.js';
import { oneLine } from '../text/sanitize.js';
import { bundledWorldsDir } from './discover.js';
import { PackError } from './problems.js';

/** A pack holds something install will not copy: a link, a FIFO, a device. One line, naming it. */
export class InstallRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallRefused';
  }
}

/**
 * Validates the pack at `path` and copies it to `<worlds>/<id>/` (a single file becomes
 * `<id>/world.yaml`), replacing an earlier install of the same id. Throws PackError when invalid,
 * InstallRefused when the pack holds anything but regular files and folders.
 * The copy is made beside the target first and swapped in at the end, so installing the installed
 * folder itself (or a file inside it), or a copy that fails midway, never loses the pack.
 */
export async function installPack(path: string): Promise<{ id: string; location: string; overridesBundled: boolean; replaced: boolean }> {
  const result = await (await import('./load.js')).loadPack(path, 'path');
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
  const replaced = await stat(target).then(
    () => true,
    () => false,
  );
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
  const bundled = join(bundledWorldsDir(), pack.id);
  const overridesBundled = await stat(bundled).then(
    () => true,
    () => false,
  );
  return { id: pack.id, location: target, overridesBundled, replaced };
}

/**
 * Copies only what the loader reads, and only regular files: a symlink (to a file or a folder,
 * inside the pack or out of it), a FIFO or a device is refused, never followed or opened, so a
 * pack cannot smuggle in `/etc/passwd` or hang the install on a pipe. The path the player named
 * is taken as given.
 */
async function copyPack(source: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  if (!(await stat(source)).isDirectory()) {
    await copyRegular(source, join(target, 'world.yaml'), source);
    return;
  }
  await copyRegular(join(source, 'world.yaml'), join(target, 'world.yaml'), source);
  for (const sub of ['characters', 'lore']) {
    const from = join(source, sub);
    const info = await lstat(from).catch(() => undefined);
    if (!info) continue;
    refuseUnlessKind(info, 'folder', from, source);
    await copyTree(from, join(target, sub), source);
  }
}

async function copyTree(from: string, to: string, root: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    // Hidden files (editor swap files, .DS_Store) are not part of a pack.
    if (entry.name.startsWith('.')) continue;
    const src = join(from, entry.name);
    if (entry.isDirectory()) await copyTree(src, join(to, entry.name), root);
    else await copyRegular(src, join(to, entry.name), root);
  }
}

async function copyRegular(src: string, dest: string, root: string): Promise<void> {
  refuseUnlessKind(await lstat(src), 'file', src, root);
  // COPYFILE_EXCL: the staging folder is fresh, so an existing target means something raced us.
  await copyFile(src, dest, constants.COPYFILE_EXCL);
}

function refuseUnlessKind(info: import('node:fs').Stats, want: 'file' | 'folder', path: string, root: string): void {
  if (want === 'file' ? info.isFile() : info.isDirectory()) return;
  const kind = info.isSymbolicLink()
    ? 'a symbolic link'
    : info.isFIFO()
      ? 'a FIFO (named pipe)'
      : info.isSocket()
        ? 'a socket'
        : info.isBlockDevice() || info.isCharacterDevice()
          ? 'a device'
          : info.isDirectory()
            ? 'a folder'
            : 'not a regular file';
  const name = relative(root, path) || path;
  throw new InstallRefused(
    `Cannot install: ${oneLine(name)} is ${kind}; a pack is installed from regular files only (copy the real file into the pack instead).`,
  );
}
