/**
 * The o200k rank table for the engine's token counter: gpt-tokenizer's own `.tiktoken` data file
 * (base64 bytes and a rank per line), read when the first count needs it. The engine reads no
 * files, so the CLI hands it this reader (src/engine/tokens.ts `provideTokenizerData`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { provideTokenizerData } from '../engine/tokens.js';

/** The bytes of gpt-tokenizer's o200k rank file, from the installed package. */
export function readO200kRanks(): Uint8Array {
  // Not called `require`, so the bundler leaves the package to be resolved at run time.
  const load = createRequire(import.meta.url);
  return readFileSync(load.resolve('gpt-tokenizer/data/o200k_base.tiktoken'));
}

/** Points the engine's token counter at the compact rank table. */
export function useCompactTokenizer(): void {
  provideTokenizerData(readO200kRanks);
}
