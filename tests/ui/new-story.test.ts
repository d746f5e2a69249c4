import { describe, expect, it } from 'vitest';
import { newStoryFor } from '../../src/commands/new-story.js';
import { makeSession } from './harness.js';

describe('/world, /opening and /persona with an argument', () => {
  it('say which story starts and the command line that starts the same, or why it cannot start', async () => {
    const session = await makeSession({ candidates: 1 });
    expect(newStoryFor('world', 'harbor-lights', session)).toEqual({ worldId: 'harbor-lights', cli: 'harbor-lights', label: '' });
    // Another opening keeps the name played under.
    expect(newStoryFor('opening', 'the-new-tree', session)).toMatchObject({
      worldId: 'glass-orchard',
      openingId: 'the-new-tree',
      persona: 'Tamsin',
      cli: 'glass-orchard --opening the-new-tree',
    });
    expect(newStoryFor('opening', 'nowhere', session)).toEqual({
      problem: expect.stringContaining('This world has no opening "nowhere"; it has homecoming'),
    });
    expect(newStoryFor('persona', 'Mara  Quill', session)).toEqual({
      worldId: 'glass-orchard',
      openingId: 'homecoming',
      persona: 'Mara Quill',
      cli: 'glass-orchard --opening homecoming --persona "Mara Quill"',
      label: ' as Mara Quill',
    });
    expect(newStoryFor('persona', 'Tamsin', session)).toEqual({ problem: 'You already play Tamsin.' });
    for (const bad of ['x'.repeat(41), '/quit', 'Mara\u001b[31m']) expect(newStoryFor('persona', bad, session)).toHaveProperty('problem');
  });
});
