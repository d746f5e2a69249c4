import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/engine/memory/index.js';

const facts = (input: string, player = 'Tamsin') => extractFacts(input, 3, player, 'en').map((f) => `${f.kind}: ${f.text}`);

// False alarms found on the second held-out set (English SillyTavern chats, see
// tests/corpora/player/FACTS-PROVENANCE.md). The phrasings here are not from the corpus.
describe('what a player says that is no new fact', () => {
  it('does not take a capitalised word before a verb in -ing for a name', () => {
    expect(facts("I'm Currently planning a heist with the twins.")).toEqual([]);
    expect(facts("I'm Really hoping you say yes.")).toEqual([]);
    expect(facts("I'm Bram, and I mend nets.")).toEqual(["name: The player's character is named Bram."]);
  });

  it('does not take something arranged for something owned', () => {
    expect(facts('I have a table booked at the Gilded Eel for tonight.')).toEqual([]);
    expect(facts('I have a whole network of informants set up in the docks.')).toEqual([]);
    expect(facts('I have a rusty lantern and a coil of rope.')).toEqual(['possession: Tamsin has a rusty lantern.']);
  });
});
