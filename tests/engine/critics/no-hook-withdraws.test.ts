import { describe, expect, it } from 'vitest';
import { noHook } from '../../../src/engine/critics/no-hook.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const run = (text: string) => settle(noHook(text, contextFor('en')));

describe('no-hook on play-script endings', () => {
  it('reads an act just begun in a stage direction ("(starts sweeping)") as open, as "starts to sweep" is', () => {
    const base = '(takes the broom from the hook) Very well, Aunt. The porch first, then.';
    expect(run(`${base} (starts sweeping)`).flagged).toBe(false);
    expect(run(`${base} (starts to sweep)`).flagged).toBe(false);
    // Done, the sweeping leaves nothing to meet.
    expect(run(`${base} (sweeps the porch clean and hangs the broom up)`).flagged).toBe(true);
  });

  it('reads a proposal after an opening stage direction ("(nods to the boy) Let\'s go.") as a request', () => {
    const base = 'The bridge is down and the ferry left at dusk. (checks the lantern)';
    expect(run(`${base} (nods to the boy) Let's go.`).flagged).toBe(false);
    expect(run(`${base} (nods to the boy) Come on.`).flagged).toBe(false);
    // A parenthesis inside a sentence does not make its verb an imperative.
    expect(run('The bridge is down. The guards (three of them) hold the far bank now.').flagged).toBe(true);
  });

  it("reads the speaker's leaving told in a stage direction as a closing", () => {
    const said = '(folds the map) You have my answer, Captain. The wagons roll at first light.';
    // "turns to" turns to someone, "you" speaks to the player: not in a leave-taking.
    const r = run(`${said} (turns to leave, the map under one arm)`);
    expect(r.flagged, JSON.stringify(r)).toBe(true);
    expect(run(`${said} (takes her leave without another word)`).flagged).toBe(true);
    // A prompt's label left on the direction ("(Your action: ...)") is template debris, not the player spoken to.
    expect(run(`${said} (Your action: turns to leave, the map under one arm)`).flagged).toBe(true);
    // Something still asked after the leave-taking keeps it open.
    expect(run(`${said} (rises to go, then stops) Will you ride with us?`).flagged).toBe(false);
  });

  it('reads the speaker going back to their own business again as a closing, and settling back only as a hint', () => {
    const said = '(chuckles) A fine joke, my boy. The miller will not hear the end of it.';
    expect(run(`${said} (turns back to his ledger, dipping the pen once more)`).flagged).toBe(true);
    // Without "again", "turns back to" may turn to someone; settling back may be settling in to listen: hints.
    for (const end of ['(turns back to the ledger)', '(settles back in the chair, smiling to himself)']) {
      const r = run(`${said} ${end}`);
      expect(r.flagged, end).toBe(false);
      expect(r.hint, end).toBe(true);
    }
    // After a request, going back to the ledger may be waiting on the answer: a hint.
    const asked = run('(chuckles) Bring the lamp up from the cellar, boy. (turns back to his ledger, dipping the pen once more)');
    expect(asked.flagged).toBe(false);
    expect(asked.hint).toBe(true);
  });
});
