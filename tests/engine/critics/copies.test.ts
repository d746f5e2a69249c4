/**
 * A reply that says an earlier reply again, whole or nearly whole (critics-sixth's we1 copies): repetition quotes
 * the copied runs, and from the same measure stagnation reads a copy as adding nothing and ignores-user reads it as
 * not taking up a message that asks or does something new.
 */
import { describe, expect, it } from 'vitest';
import type { CriticContext } from '../../../src/engine/critics/context.js';
import { settle } from '../../../src/engine/critics/index.js';
import { ignoresUser } from '../../../src/engine/critics/ignores-user.js';
import { copyOf, repetition } from '../../../src/engine/critics/repetition.js';
import { stagnation } from '../../../src/engine/critics/stagnation.js';
import { contextFor } from './contexts.js';

const OLD =
  'Wren sets the lamp on the sill and rubs his eyes. "The wheel stopped three nights ago, when the river ran black under the ' +
  'bridge. Nobody in Dunmarrow wants to say why, and the widow keeps the only ledger that could tell us." He looks toward ' +
  'the dark race and the still paddles. "Ask her, if you dare, but bring a lamp of your own."';

/** Four other replies between the copied one and now: further back than stagnation's window of three. */
const BETWEEN = [
  'Rain drums on the mill roof. Ilsa Morrow passes the gate with her umbrella and does not look in at the yard.',
  'The orchard path is slick with fallen pears. A fox watches from the hedge and slips away toward the church.',
  'In the parlour the clock strikes nine. The widow counts coins into stacks and writes a figure in red ink.',
  'Wren mends a sack by the fire, stitching slowly, and hums a hymn their mother used to sing on washing days.',
];

/** A context whose history pairs each reply with the player's message it answered, and `input` now. */
function ctxWith(replies: string[], prompts: string[], input: string): CriticContext {
  const base = contextFor('en', { input, recent: replies });
  const history = replies.flatMap((text, i) => [
    { role: 'player' as const, text: prompts[i] ?? '', turn: i },
    { role: 'narrator' as const, text, turn: i },
  ]);
  return { ...base, history };
}

const PROMPTS = [
  'Why did the wheel stop, Wren?',
  'I walk to the gate.',
  'I go up the orchard path.',
  'I visit the parlour.',
  'I sit by the fire.',
];
const REPLIES = [OLD, ...BETWEEN];

describe('a reply said again whole', () => {
  it('is stagnation, though the copied reply lies further back than the three the share of new words reads', () => {
    const ctx = ctxWith(REPLIES, PROMPTS, 'What did you see at the bridge, Wren?');
    const result = settle(stagnation(OLD, ctx));
    expect(result.flagged, JSON.stringify(result)).toBe(true);
    expect(result.evidence[0].why).toMatch(/a reply 5 turns ago said again/);
    // With most of it new, a copied sentence is repetition's, not stagnation's.
    const partly = `${OLD.slice(0, 120)}" Then the lights of a cart come over the hill, and a stranger in a grey coat climbs down and asks for the miller by his father's name.`;
    expect(settle(stagnation(partly, ctx)).flagged).toBe(false);
  });

  it('ignores the player when the message asks something the copied reply never answered', () => {
    // The question shares no word with the one the copied reply answered ("Why did the wheel stop, Wren?").
    const ctx = ctxWith(REPLIES, PROMPTS, 'Wren, look at me. Who is the stranger in the grey coat?');
    const result = settle(ignoresUser(OLD, ctx));
    expect(result.flagged, JSON.stringify(result)).toBe(true);
    expect(result.evidence[0].why).toMatch(/earlier reply said again/);
  });

  it('does not, when the player asks again what the copied reply answered, or only waits', () => {
    for (const input of ['Wren, why did the wheel stop? Tell me again.', 'Go on.', '*waits*']) {
      const result = settle(ignoresUser(OLD, ctxWith(REPLIES, PROMPTS, input)));
      expect(result.flagged, input).toBe(false);
    }
  });

  it('ignores a new move that shares a word or two with the one the copied reply answered, not the same move again', () => {
    // critics-tenth ik-r3g-4: the castle reply said again after "I give 5 gold to the orphanage": only the coin is shared.
    const prompts = ['I try to buy the wheel for a hundred coins.', ...PROMPTS.slice(1)];
    const moved = settle(ignoresUser(OLD, ctxWith(REPLIES, prompts, 'I give five coins to the widow.')));
    expect(moved.flagged, JSON.stringify(moved)).toBe(true);
    for (const input of ['I try again to buy the wheel.', 'I try to buy the wheel for fifty coins.'])
      expect(settle(ignoresUser(OLD, ctxWith(REPLIES, prompts, input))).flagged, input).toBe(false);
  });

  it('measures the copy once: what repetition found is what the others read, recomputed when the replies change', () => {
    const ctx = ctxWith(REPLIES, PROMPTS, 'What did you see at the bridge, Wren?');
    repetition(OLD, ctx);
    const copy = copyOf(OLD, ctx);
    expect(copy.share).toBeGreaterThan(0.95);
    expect(copy.back).toBe(4);
    expect(copy.prompt).toBe(PROMPTS[0]);
    expect(copyOf(OLD, ctx)).toBe(copy);
    // The same context object with the copied reply gone from the last six: measured again, nothing copied.
    ctx.recentReplies = BETWEEN;
    expect(copyOf(OLD, ctx).share).toBe(0);
  });
});
