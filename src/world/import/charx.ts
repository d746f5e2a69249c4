/**
 * CHARX cards (`.charx`): a zip archive with the V3 card at `card.json` and optional assets.
 * The archive's size and every entry's declared size are checked first (`unzipSync` reading the
 * central directory, inflating nothing); then only `card.json` is inflated, as a stream, counting
 * what comes out, so an entry that lies about its size is stopped at the limit, not after it.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { ImportError, MAX_IMPORT_BYTES, megabytes } from './errors.js';
import { parseJson } from './text.js';

/** Compressed bytes fed to the inflater at a time: bounds what one step can expand to. */
const STEP = 16 * 1024;

/** True when the bytes start like a zip archive (a local file header or an empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

const isCard = (name: string) => name.replace(/^\.?\//, '') === 'card.json';

/** The parsed `card.json` of a CHARX archive. Throws ImportError when missing, oversize or broken. */
export function readCharx(bytes: Uint8Array, what: string, limit = MAX_IMPORT_BYTES): unknown {
  if (bytes.length > limit) {
    throw new ImportError('oversize', `${what} is ${megabytes(bytes.length)}; skald imports archives up to ${megabytes(limit)}.`);
  }
  const bomb = (name: string, size: string) =>
    new ImportError(
      'zip-bomb',
      `${what} is refused: its entry ${JSON.stringify(name)} expands to ${size}, beyond the ${megabytes(limit)} limit.`,
    );
  const damaged = (error: unknown) =>
    new ImportError(
      'damaged',
      `${what} is not a readable zip archive (${error instanceof Error ? error.message : String(error)}); a .charx card is a zip with card.json inside.`,
    );

  let hasCard = false;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (entry.originalSize > limit) throw bomb(entry.name, megabytes(entry.originalSize));
        if (isCard(entry.name)) hasCard = true;
        return false;
      },
    });
  } catch (error) {
    throw error instanceof ImportError ? error : damaged(error);
  }
  if (!hasCard) throw new ImportError('no-card', `${what} is a zip archive without card.json at its top level, so it is not a CHARX card.`);

  const chunks: Uint8Array[] = [];
  let total = 0;
  // An object, so that the checks below see what the callbacks set.
  const progress: { state: 'reading' | 'done' | 'too-big' } = { state: 'reading' };
  let failure: unknown;
  const unzip = new Unzip((file) => {
    if (!isCard(file.name) || chunks.length > 0 || progress.state !== 'reading') return;
    file.ondata = (error, data, final) => {
      if (error) failure = error;
      if (error || progress.state !== 'reading') return;
      total += data.length;
      if (total > limit) {
        progress.state = 'too-big';
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) progress.state = 'done';
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && progress.state === 'reading' && failure === undefined; at += STEP) {
      unzip.push(bytes.subarray(at, at + STEP), at + STEP >= bytes.length);
    }
  } catch (error) {
    failure = error;
  }
  if (progress.state === 'too-big') throw bomb('card.json', `more than ${megabytes(limit)}`);
  if (failure !== undefined || progress.state !== 'done') throw damaged(failure ?? new Error('card.json ends early'));
  const card = Buffer.concat(chunks);
  return parseJson(card.toString('utf8'), `card.json in ${what}`);
}
