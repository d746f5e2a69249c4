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

describe('speaks-for-user: a hand that moves, and a clause "as" or "while" sets', () => {
  it('reads a party member\'s hand acting, at a clause start or after "as", as the member acting', () => {
    expect(result('Corvin’s hand reaches for the lever before the door gives.').flagged).toBe(true);
    expect(result('As Bryn’s fingers close on the rope, the water below stirs.').flagged).toBe(true);
    // A hand shaking is a body's; another's hand taken is not the member's move.
    expect(result('Corvin’s hands shake as the water rises.').flagged).toBe(false);
    expect(result('The current takes Bryn’s lamp and carries it off.').flagged).toBe(false);
  });

  it('reads a member in an "as" or "while" clause as decided only when they declared nothing this turn', () => {
    const reply = 'The door splinters, while Corvin pulls the crate across the gap.';
    expect(result(reply).flagged).toBe(true);
    // Corvin's own line this turn: the clause may carry his move on in other words.
    expect(result(reply, `${TABLE}\nCorvin: He heaves at the crate.`).evidence).toEqual([]);
  });

  it('is sure of the player in a clause "while" sets only when the message plays the rest of the party alone', () => {
    const reply = 'The door splinters, while Tamsin pulls the crate across the gap.';
    const idle = result(reply, 'Corvin: He heaves at the crate.');
    expect(idle.flagged).toBe(true);
    const busy = result(reply);
    expect(busy.flagged).toBe(false);
    expect(busy.hint).toBe(true);
  });
});

describe("speaks-for-user: the player's attack told as done", () => {
  it("reads the player's shot, blow or arrow landing as decided when their lines declared nothing", () => {
    const input = 'Corvin: He charges the thing at the stair, axe high.';
    for (const reply of [
      'The axe bites deep. Tamsin, your shot rings out and the second one staggers.',
      'Your first arrow finds the gap in its shell, and it shrieks.',
    ])
      expect(result(reply, input).flagged, reply).toBe(true);
  });

  it('leaves a declared attack, a condition and the weapon itself alone, and hints after another move', () => {
    expect(result('Your shot rings out and the second one staggers.', 'Tamsin: I fire at the second one.').evidence).toEqual([]);
    const input = 'Corvin: He charges.';
    expect(result('If your shot misses, it will reach the stair first.', input).evidence).toEqual([]);
    expect(result('Your pistol gleams in the lamplight as the thing turns.', input).evidence).toEqual([]);
    const after = result('Your shot rings out and the second one staggers.', 'Tamsin: I duck behind the crates.');
    expect(after.flagged).toBe(false);
    expect(after.hint).toBe(true);
  });
});
