import { describe, expect, it } from 'vitest';
import { noHook } from '../../../src/engine/critics/no-hook.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const run = (text: string) => settle(noHook(text, contextFor('en'))).flagged;
const base = 'Wren drives the pole into the gears and the wheel groans to a halt. Water spills over the race.';

describe('no-hook: a danger left live or a new sound at the end', () => {
  it('reads a danger said to persist as a hook', () => {
    expect(run(`${base} The threat is still active in the reeds: the lantern is out and the bank is close.`)).toBe(false);
    expect(run(`${base} Whoever cut the sluice rope remains at large.`)).toBe(false);
    expect(run(`*Ilsa bolts the shutters.* "They are still out there," she says under her breath.`)).toBe(false);
    // A state that only describes is no danger: still burning, still warm.
    expect(run(`${base} The lamp in the window is still burning, and the bread is still warm.`)).toBe(true);
    expect(run(`${base} Wren says the long walk to the weir is a great way to stay active and clear his head.`)).toBe(true);
  });

  it('reads a new sound coming from somewhere as a hook, in novel and asterisk style', () => {
    expect(run(`${base} Another sound—soft, deliberate—comes from the row of sacks behind the hopper.`)).toBe(false);
    expect(run(`${base} A cry rises from the direction of the weir.`)).toBe(false);
    expect(run(`*Wren sets down the lamp.* "Done, then." *A low whistle answers from the dark yard.*`)).toBe(false);
    // The sounds already there are description.
    expect(run(`${base} The only sound is the rain on the roof, steady and soft.`)).toBe(true);
    expect(run(`${base} Her voice is calm now, and the room is warm.`)).toBe(true);
    expect(run(`${base} In a moment her voice comes back to its usual calm, and she pours the tea.`)).toBe(true);
  });

  it('reads someone unknown close by as a hook, not someone unknown in the past', () => {
    expect(run(`${base} Inside the hopper: one dull thud, then stillness, as if whoever's in there is holding their breath.`)).toBe(false);
    expect(run(`*Ilsa lowers the lamp.* "Whoever it is, they know the mill," she whispers.`)).toBe(false);
    expect(run(`${base} Whoever built this wheel knew the river well, and it has turned for a hundred years.`)).toBe(true);
  });
});
