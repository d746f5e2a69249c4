import { describe, expect, it } from 'vitest';
import { noHook } from '../../../src/engine/critics/no-hook.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const run = (text: string) => settle(noHook(text, contextFor('en'))).flagged;
const base = 'The ferry scrapes against the jetty and the lamps along the rail sway. Fog has come in off the marsh.';

describe('no-hook: something closing in, made ready, arriving or ringing out at the end', () => {
  it('reads something moving on someone as a hook, and the same verbs done or at rest as none', () => {
    expect(run(`${base} The hound clears the last barrel and lunges forward with its jaws wide.`)).toBe(false);
    expect(run(`${base} Three of the smugglers see the lantern go out and make a desperate dash for the gangplank.`)).toBe(false);
    expect(run(`${base} The pale shape glides towards Maren, trailing cold water across the boards.`)).toBe(false);
    expect(run(`${base} The eel-thing drops from the rigging and scrambles towards the wheelhouse.`)).toBe(false);
    // Past, a noun, and movement that goes nowhere: description.
    expect(run(`${base} Years ago the harbour guard charged at this same jetty and lost.`)).toBe(true);
    expect(run(`${base} The morning rush for the ferry has long since thinned to nothing.`)).toBe(true);
    expect(run(`${base} The gulls glide in slow circles over the water.`)).toBe(true);
  });

  it('reads an act made ready as a hook', () => {
    expect(run(`${base} Behind Maren, the boatman draws his hook back, preparing to strike.`)).toBe(false);
    expect(run(`${base} The cat on the crates is poised to spring at the rope.`)).toBe(false);
  });

  it('reads something arriving as a hook, and light or someone leaving as none', () => {
    expect(run(`${base} Two more figures emerge, oars raised like clubs.`)).toBe(false);
    expect(run(`${base} With a wet gasp, a man stumbles out of the reeds and falls to his knees.`)).toBe(false);
    expect(run(`${base} Warm light spills from the window of the ticket office.`)).toBe(true);
    expect(run(`${base} The clerk steps out of the office and locks it for the night.`)).toBe(true);
  });

  it('reads a sound ringing out as a hook, and one already fading as none', () => {
    expect(run(`${base} Then, from the far end of the jetty, a sharp *CRACK* rings out across the water.`)).toBe(false);
    expect(run(`${base} The bell's last note fades into the fog.`)).toBe(true);
  });
});
