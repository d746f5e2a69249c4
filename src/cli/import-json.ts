/** The JSON file an import command reads: bounded in size, a leading BOM dropped, each failure one sentence naming the file. */
import { readFile, stat } from 'node:fs/promises';
import { fileErrorReason, InputError } from '../errors.js';

export interface ImportJsonFile {
  /** Larger than this, the file is not what the command imports. */
  maxBytes: number;
  /** What it could be at most, ending the "larger than" sentence: "a sampler preset can be (1 MB)". */
  atMost: string;
  /** What the command reads, said after a parse error: "`skald presets import` reads SillyTavern's preset .json files." */
  reads: string;
}

export async function readImportJson(file: string, expected: ImportJsonFile): Promise<unknown> {
  let text: string;
  try {
    if ((await stat(file)).size > expected.maxBytes) throw new InputError(`${file} is larger than ${expected.atMost}.`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`Cannot read ${file} (${fileErrorReason(error)}); check the path.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${file} is not JSON (${error instanceof Error ? error.message : String(error)}); ${expected.reads}`);
  }
}
