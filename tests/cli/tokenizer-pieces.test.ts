import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { RANK_PIECE_BYTES, readO200kRanks } from '../../src/cli/tokenizer-data.js';

// glibc serves a block of 128 KiB or more with mmap; freeing one raises its mmap and trim thresholds for good.
const GLIBC_MMAP_THRESHOLD = 128 * 1024;

describe("the CLI's reader of the o200k rank file", () => {
  it('hands the file over in order, in pieces under the size glibc would map and then unmap', () => {
    const file = readFileSync(createRequire(import.meta.url).resolve('gpt-tokenizer/data/o200k_base.tiktoken'));
    expect(RANK_PIECE_BYTES).toBeLessThan(GLIBC_MMAP_THRESHOLD);
    const pieces: Buffer[] = [];
    // Copied as they come: the reader reuses one buffer for every piece.
    for (const piece of readO200kRanks()) {
      expect(piece.length).toBeGreaterThan(0);
      expect(piece.length).toBeLessThanOrEqual(RANK_PIECE_BYTES);
      pieces.push(Buffer.from(piece));
    }
    expect(pieces.length).toBeGreaterThan(file.length / RANK_PIECE_BYTES);
    expect(Buffer.concat(pieces).equals(file)).toBe(true);
  });

  it('closes the file when a pass is abandoned early', () => {
    const reader = readO200kRanks();
    expect(reader.next().done).toBe(false);
    // A generator's return runs its finally block, which closes the descriptor; a second return is a no-op.
    expect(reader.return(undefined).done).toBe(true);
    expect(reader.next().done).toBe(true);
  });
});
