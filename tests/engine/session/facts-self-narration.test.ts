import { describe, expect, it } from 'vitest';
import { collect, newSession } from './helpers.js';

describe('a turn reads the player narrating their own character by name', () => {
  it('keeps what the player says of their persona in the third person', async () => {
    const { session } = await newSession();
    await collect(session.play({ text: 'Tamsin shakes the rain from her coat. Tamsin has a goat named Clover.' }));
    expect(session.memory().facts).toContainEqual(expect.objectContaining({ text: "Clover is Tamsin's goat.", turn: 1, source: 'player' }));
  });

  it('reads nothing when the persona shares a pack character’s name', async () => {
    const played = async (name: string) => {
      const { session } = await newSession({ persona: { name, persona: 'A visitor.', relations: {} } });
      await collect(session.play({ text: `${name} has a goat named Clover.` }));
      return session.memory().facts.map((f) => f.text);
    };
    expect(await played('Orla')).toEqual(["Clover is Orla's goat."]);
    // Ilsa Morrow is one of the pack's characters: the line could be about her.
    expect(await played('Ilsa')).toEqual([]);
  });
});
