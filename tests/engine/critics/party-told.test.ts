import { describe, expect, it } from 'vitest';
import { ctxOf, gameMasterPack, verdict } from './who-packs.js';

// The player's message plays a party (Tamsin, the pack's player, and two others); only Tamsin acts this turn.
const TABLE = 'Tamsin: "Cover the door!" She backs towards the stair, lamp held high.';
const EARLIER = ['Corvin: He shoulders the crate aside.', 'Bryn: "I hear water down there," she whispers.'];
const result = (reply: string, input = TABLE) => {
  const ctx = ctxOf(gameMasterPack(), { input });
  ctx.history = EARLIER.map((text, turn) => ({ role: 'player' as const, text, turn }));
  return verdict('speaks-for-user', reply, ctx);
};

describe('speaks-for-user: a voice raised, a touch and a sprint are moves', () => {
  it('reads roaring, bellowing, growling, snarling, brushing and sprinting as acts decided for a party member', () => {
    for (const reply of [
      'The door shudders. Corvin bellows a challenge down the stair.',
      'The door shudders. Bryn growls under her breath at the dark.',
      'The door shudders. Corvin roars at the thing below.',
      'The door shudders. Bryn snarls a curse at the water.',
      'The lamp gutters. Bryn sprints for the stair before anyone can stop her.',
      'The lamp gutters. Corvin brushes the cobwebs from the lock.',
    ])
      expect(result(reply).flagged, reply).toBe(true);
    // The same verbs of the world's things decide nothing.
    expect(result('The wind roars through the cellar and the water growls against the stones below.').flagged).toBe(false);
  });
});

describe('speaks-for-user: stars that stress a word inside prose do not make it asterisk style', () => {
  it('reads the plain text around a sound in stars as the narration', () => {
    const reply =
      'Something heavy falls below with a soft *thud*. Corvin draws his knife and starts down the stair, step by careful step. The water is very still.';
    expect(result(reply).flagged).toBe(true);
    expect(result(reply.replace('*thud*', 'thud')).flagged).toBe(true);
  });

  it('still reads asterisk-style actions between sentences as the actions and the plain text as speech', () => {
    // A character says where Corvin went: plain text after an action in stars is speech.
    expect(result('*shrugs* Corvin went down the stair an hour ago. Ask him yourself.').flagged).toBe(false);
  });
});
