/**
 * Reading an import file: size-checked, then recognised by its first bytes (PNG, zip/CHARX or
 * JSON text) rather than by its name, and decoded to the JSON document it carries.
 */
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { readCharx, isZip } from './charx.js';
import { ImportError, MAX_IMPORT_BYTES, megabytes } from './errors.js';
import { isPng, readPngCard } from './png.js';
import { parseJson } from './text.js';

export type Container = 'json' | 'png' | 'charx';

export interface ImportSource {
  container: Container;
  /** For PNGs, the chunk the card came from. */
  chunk?: 'ccv3' | 'chara';
  document: unknown;
  warnings: string[];
}

/** Reads at most MAX_IMPORT_BYTES + 1 bytes, so an oversize file is refused without reading it all. */
async function readBounded(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a folder, not a file'
          : code === 'EACCES'
            ? 'not readable (permission denied)'
            : `not readable (${code ?? String(error)})`;
    throw new ImportError('unknown-format', `${path}: ${why}.`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new ImportError('unknown-format', `${path} is a folder; give the card or lorebook file itself.`);
    if (info.size > MAX_IMPORT_BYTES) {
      throw new ImportError(
        'oversize',
        `${basename(path)} is ${megabytes(info.size)}; skald imports cards and lorebooks up to ${megabytes(MAX_IMPORT_BYTES)}.`,
      );
    }
    const buffer = Buffer.alloc(Math.min(info.size, MAX_IMPORT_BYTES) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_IMPORT_BYTES)
        throw new ImportError(
          'oversize',
          `${basename(path)} is over ${megabytes(MAX_IMPORT_BYTES)}; skald imports cards and lorebooks up to that size.`,
        );
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Reads the file at `path` and returns the JSON document inside it. Throws ImportError. */
export async function readImportSource(path: string): Promise<ImportSource> {
  const what = basename(path);
  const bytes = await readBounded(path);
  if (bytes.length === 0) throw new ImportError('truncated', `${what} is empty; export the card or lorebook again.`);
  if (isPng(bytes)) {
    const card = readPngCard(bytes, what);
    return { container: 'png', chunk: card.chunk, document: card.card, warnings: card.warnings };
  }
  if (isZip(bytes)) return { container: 'charx', document: readCharx(bytes, what), warnings: [] };
  const ext = extname(path).toLowerCase();
  if (ext === '.png' || ext === '.charx') {
    const kind = ext === '.png' ? 'a PNG image' : 'a zip archive';
    throw new ImportError('damaged', `${what} is named like ${kind} but is not one (its first bytes are wrong); export the card again.`);
  }
  const image = otherImageKind(bytes);
  if (image) {
    throw new ImportError(
      'unknown-format',
      `${what} is a ${image} image, and character cards come as PNG (or .json, .charx): download or export the card as PNG, not a copy converted to ${image}.`,
    );
  }
  if (bytes.includes(0))
    throw new ImportError(
      'unknown-format',
      `${what} is a binary file skald does not recognise; import a card (.json, .png, .charx) or a lorebook (.json).`,
    );
  return { container: 'json', document: parseJson(Buffer.from(bytes).toString('utf8'), what), warnings: [] };
}

/** JPEG, GIF and WebP by their first bytes: a card converted by a site or an editor loses its text chunk. */
function otherImageKind(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  if (ascii(0, 4) === 'GIF8') return 'GIF';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'WebP';
  return undefined;
}
