/** Reading and writing a run's JSON: written whole to a temporary file, then renamed, so a crash never leaves half a file. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EVAL_VERSION, type EvalResult } from './types.js';
import { jsonText } from '../text/sanitize.js';

/** A JSON file that is not an eval result this version can read. */
export class EvalFileError extends Error {
  override readonly name = 'EvalFileError';
}

/** Writes `result` to `path` atomically. */
export async function writeResult(path: string, result: EvalResult): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  // No raw C1 or bidi control in the file: escaped, they read back the same.
  await writeFile(tmp, `${jsonText(result, 1)}\n`, 'utf8');
  await rename(tmp, path);
}

/** Reads and checks an eval result. */
export async function readResult(path: string): Promise<EvalResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new EvalFileError(`Cannot read "${path}"; check the path of the eval JSON file.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EvalFileError(`"${path}" is not JSON; give a file written by \`skald eval --json\`.`);
  }
  const r = value as Partial<EvalResult>;
  if (!r || typeof r !== 'object' || r.version !== EVAL_VERSION || !r.config || !Array.isArray(r.episodes) || !r.summary) {
    throw new EvalFileError(`"${path}" is not an eval result (version ${EVAL_VERSION}); give a file written by \`skald eval --json\`.`);
  }
  return r as EvalResult;
}
