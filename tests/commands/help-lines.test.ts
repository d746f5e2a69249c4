// /help read "/continue ... with a number, that turn's" and stopped: a command's line that ends on a
// possessive or an article leaves the player guessing the rest of the sentence.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry.js';
import { KEY_BINDINGS } from '../../src/ui/keys.js';

const DANGLING = /(?:['’]s|\b(?:the|a|an|that|this|its|their|your|of|to|with|and|or))$/i;

describe('help lines', () => {
  it('every command and key description ends on a whole phrase', () => {
    const lines = [...COMMANDS.map((c) => `/${c.name}: ${c.help}`), ...KEY_BINDINGS.map((k) => `${k.keys}: ${k.description}`)];
    expect(lines.filter((line) => DANGLING.test(line.trim()))).toEqual([]);
  });
});
