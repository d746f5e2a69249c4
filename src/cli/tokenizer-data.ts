/**
 * The o200k rank table for the engine's token counter: gpt-tokenizer's own `.tiktoken` data file
 * (base64 bytes and a rank per line), read when the first count needs it. The engine reads no
 * files, so the CLI hands it this reader (src/engine/tokens.ts `provideTokenizerData`).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { provideTokenizerData } from '../engine/tokens.js';

/**
 * The size of each piece the rank file is read in: under glibc's 128 KiB mmap threshold, so no
 * large block is freed once the table is built (src/engine/bpe.ts `TiktokenPieces` says why).
 */
export const RANK_PIECE_BYTES = 64 * 1024;

/** The bytes of gpt-tokenizer's o200k rank file, from the installed package, in pieces of `RANK_PIECE_BYTES`, one buffer reused. */
export function* readO200kRanks(): Generator<Uint8Array> {
  // Not called `require`, so the bundler leaves the package to be resolved at run time.
  const load = createRequire(import.meta.url);
  const fd = openSync(load.resolve('gpt-tokenizer/data/o200k_base.tiktoken'), 'r');
  try {
    const piece = Buffer.allocUnsafeSlow(RANK_PIECE_BYTES);
    for (;;) {
      const read = readSync(fd, piece, 0, piece.length, null);
      if (read === 0) return;
      yield piece.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}

/** Points the engine's token counter at the compact rank table. */
export function useCompactTokenizer(): void {
  provideTokenizerData(readO200kRanks);
}
