import { describe, expect, it } from 'vitest';
import { examplesAreDialogue } from '../../../src/providers/instruct/examples.js';

describe('example dialogues that can become turns', () => {
  it("are lines headed by the player's or the character's name, in any <START> block", () => {
    expect(examplesAreDialogue('<START>\nTamsin: Hello?\nWren: *He looks up.* "You came back."', 'Tamsin', 'Wren')).toBe(true);
    expect(examplesAreDialogue('<START>\nsome notes\n<START>\nWren: Five years.', 'Tamsin', 'Wren')).toBe(true);
  });

  it("are not a world pack's lines as written, which the character's block of the system text attributes", () => {
    expect(examplesAreDialogue('*He doesn\'t look up from the hopper.* "Five years, Tam."\n"Stones are dry."', 'Tamsin', 'Wren')).toBe(
      false,
    );
    expect(examplesAreDialogue('<START>\n', 'Tamsin', 'Wren')).toBe(false);
  });
});
