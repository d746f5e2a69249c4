import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/facts.js';

const names = (text: string): string[] =>
  extractFacts(text, 1, 'Player', 'en')
    .filter((f) => f.kind === 'name')
    .map((f) => f.text);

// A name signed at the end of a message is the player's; a label and its value joined by a dash is not.
describe('a signature at the end of a message', () => {
  it('reads a name signed after a finished sentence or on its own line', () => {
    expect(names('Write back soon! - Oskar')).toEqual(["The player's character is named Oskar."]);
    expect(names('See you at the harbour.\n— Maren')).toEqual(["The player's character is named Maren."]);
  });

  it('does not read the value of a "Label - Value" line as a signature', () => {
    expect(names('"Fine weather for it"\nMood - Cheerful')).toEqual([]);
    expect(names('I pack my bag.\nStatus - Ready')).toEqual([]);
    expect(names('Weather - Rain')).toEqual([]);
  });
});
