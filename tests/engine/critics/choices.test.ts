/**
 * critics-ninth: FlowGPT games that end every turn on "Option 1: ..." to "Option 5: ..." and players who answer "2".
 * speaks-for-user read the narration carrying out a picked option ("You take out your knife" for "Use your knife") as
 * acts decided for the player, and stagnation counted the menu offered again as the story standing still. Also from
 * that set: "you decide to cage it" after "I cage one of them", and "you realize that" handing over a fact.
 */
import { describe, expect, it } from 'vitest';
import { pickedOption, withoutMenu } from '../../../src/engine/critics/choices.js';
import { settle } from '../../../src/engine/critics/index.js';
import { speaksForUser } from '../../../src/engine/critics/speaks-for-user.js';
import { stagnation } from '../../../src/engine/critics/stagnation.js';
import { contextFor } from './contexts.js';

const menu = (first: string, second: string, third: string): string =>
  `Here is what you can do:\n\nOption 1: ${first}\nOption 2: ${second}\nOption 3: ${third}\n\nPick an option by its number.`;

const lastReply =
  'The mill yard is dark; the wheel stands still and something scrapes inside the shed.\n\n' +
  menu('🔦 Light the lantern.', '🔪 Use the crowbar on the shed door.', '🏃 Run back to the house.');

describe('a menu of numbered options', () => {
  it('reads a bare number as the option it picks, and nothing else as a pick', () => {
    expect(pickedOption('2', lastReply)).toBe('🔪 Use the crowbar on the shed door.');
    expect(pickedOption('Option 3', lastReply)).toBe('🏃 Run back to the house.');
    expect(pickedOption('2 then run', lastReply)).toBeUndefined();
    expect(pickedOption('7', lastReply)).toBeUndefined();
    expect(pickedOption('2', 'The wheel stands still.')).toBeUndefined();
    // A numbered list serves as a menu when no option is named.
    expect(pickedOption('1', 'Choose:\n1. Knock\n2. Wait')).toBe('Knock');
  });

  it('blanks only a menu of two or more named options', () => {
    expect(withoutMenu(lastReply)).not.toContain('crowbar');
    expect(withoutMenu(lastReply).length).toBe(lastReply.length);
    const one = 'Option 1: the only way is down.';
    expect(withoutMenu(one)).toBe(one);
  });
});

describe('speaks-for-user after a picked option', () => {
  const carried =
    'You take out the crowbar and wedge it into the gap of the shed door. You lean on it until the hasp gives. Inside, ' +
    'something stirs in the straw.\n\n' +
    menu('🔦 Light the lantern.', '🚪 Step inside the shed.', '🏃 Run back to the house.');

  it('keeps the acts that carry the option out a hint', () => {
    const r = settle(speaksForUser(carried, contextFor('en', { input: '2', recent: [lastReply] })));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
    expect(r.hint).toBe(true);
  });

  it('still flags the same acts when the player wrote something else', () => {
    expect(settle(speaksForUser(carried, contextFor('en', { input: 'I listen at the door.', recent: [lastReply] }))).flagged).toBe(true);
    // A number with no menu before it picks nothing.
    expect(settle(speaksForUser(carried, contextFor('en', { input: '2', recent: ['The wheel stands still.'] }))).flagged).toBe(true);
  });

  it('takes "you decide to" with the player\'s own move as said back, and another move as decided', () => {
    const decided = 'You decide to cage the smaller one for study. The bars clang shut and it hisses at you.';
    expect(settle(speaksForUser(decided, contextFor('en', { input: 'I fight them off and cage one.' }))).flagged).toBe(false);
    expect(settle(speaksForUser(decided, contextFor('en', { input: 'I fight them off.' }))).flagged).toBe(true);
  });

  it('keeps "you realize that" a hint: it may hand over a fact', () => {
    const fact = 'You wake in a strange house, and you quickly realize that the town outside has been overrun. Wren is gone.';
    const r = settle(speaksForUser(fact, contextFor('en', { input: 'Yes' })));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
    expect(r.hint).toBe(true);
  });
});

describe('stagnation with a menu', () => {
  const options = (last: string) =>
    '\n\nHere are your options:\n\nOption 1: 🔦 Light the lantern and search the yard for useful tools.\n' +
    'Option 2: 🧰 Search your pack for anything that could help you here.\nOption 3: 🍞 Eat the bread you carried from the house.\n' +
    `Option 4: 💤 Take a nap in the cart to regain some energy.\nOption 5: ${last}\n\nPick an option by typing its number.`;
  const recent = [
    'You reach the mill at dusk. The wheel is still and the shed door is barred.' + options('🔪 Force the shed door.'),
    'You search the yard and find a crowbar under the cart.' + options('🪓 Break the shed door with the crowbar.'),
  ];

  it('reads the story before the menu, not the options offered again', () => {
    const reply = 'The hasp snaps. Inside: flour sacks, a soaked ledger, a lamp still warm.' + options('📖 Read the soaked ledger.');
    const r = settle(stagnation(reply, contextFor('en', { recent })));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
  });

  it('still finds the story standing still under a fresh menu', () => {
    const again = 'You search the yard again and find the crowbar under the cart.' + options('🚪 Walk to the river.');
    expect(settle(stagnation(again, contextFor('en', { recent }))).flagged).toBe(true);
  });

  it('reads the lines that frame the menu (the pick said back, the offer, how to pick) as the menu, not as story', () => {
    const said = (n: number, option: string, story: string, next: string): string =>
      `Great! You have chosen Option ${n}: ${option}\n\n${story}${options(next)}`;
    const before = [
      said(
        1,
        '🔦 Light the lantern and search the yard for useful tools.',
        'You search the yard by the lantern and find a crowbar under the cart. Your energy drops by 5% from the search.',
        '🪓 Break the shed door with the crowbar.',
      ),
      said(
        5,
        '🪓 Break the shed door with the crowbar.',
        'You break the shed door with the crowbar. Inside you find a lamp. Your energy drops by 5% from the effort.',
        '🔦 Search the shed.',
      ),
    ];
    const picked = said(
      2,
      '🧰 Search your pack for anything that could help you here.',
      'You search your pack by the light of the lantern and find a tinderbox, some rope and a knife. Your energy drops by 5% from the search.',
      '🔥 Light a fire in the shed.',
    );
    expect(withoutMenu(picked)).not.toMatch(/chosen|options|typing/u);
    const r = settle(stagnation(picked, contextFor('en', { input: '2', recent: before })));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
  });

  it('does not take a short turn for an earlier reply said again because the menu under it is offered again', () => {
    const short = `You find a tinderbox in your pack.${options('🔥 Light a fire in the shed.')}`;
    const r = settle(stagnation(short, contextFor('en', { input: '2', recent })));
    expect(r.flagged, JSON.stringify(r.evidence)).toBe(false);
    // The whole turn served again, menu and all, still stands still.
    expect(settle(stagnation(recent[1], contextFor('en', { input: '2', recent }))).flagged).toBe(true);
  });
});
