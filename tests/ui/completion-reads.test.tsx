// The composer's argument completions read what they offer only when the player types a command's
// argument: a persona list and a profile list each read config.json, a branch list walks the
// story's tree. Before, every change of the story (and the first frames of a resume, preview and
// whole) read them all. Counted through the services the TUI is given.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { fileServices } from '../../src/cli/file-services.js';
import type { CommandServices } from '../../src/commands/services.js';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

/** The file services with a persona library in memory, each read of personas and profiles counted. */
function countingServices() {
  const library = [{ name: 'Mara', description: 'A cartographer.', active: true }];
  const reads = { personas: 0, narrators: 0 };
  const services: CommandServices = {
    ...fileServices,
    personas: () => {
      reads.personas++;
      return library.map((p) => ({ ...p }));
    },
    narrators: () => {
      reads.narrators++;
      return fileServices.narrators();
    },
  };
  return { services, reads, library };
}

describe('argument completions', () => {
  it('read the personas only once `/persona ` is typed, once per story state, and show one saved since', async () => {
    const { services, reads, library } = countingServices();
    const app = renderApp(await makeSession(), { services });
    await waitForFrame(app.lastFrame, (f) => / · turn 0 · /.test(liveArea(f)), 'the first frame');
    await playTurn(app, 'I knock at the mill door.');
    // Two story states drawn (the opening, the first turn), no argument typed: nothing read.
    expect(reads).toEqual({ personas: 0, narrators: 0 });

    app.type('/persona ');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Mara'), 'the persona offered');
    app.type('M');
    await tick();
    app.type(KEYS.tab);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› /persona Mara'), 'the completed name');
    // Every keystroke drew a frame; the list was read once for them all, and no profile list at all.
    expect(reads).toEqual({ personas: 1, narrators: 0 });

    // A persona saved meanwhile (`skald personas add` in another terminal) shows once the story moves on.
    library.push({ name: 'Ilse', description: '', active: false });
    for (let i = 0; i < '/persona Mara'.length; i++) app.type(KEYS.backspace);
    await waitForFrame(app.lastFrame, (f) => /› *$/m.test(liveArea(f)) && !liveArea(f).includes('/persona'), 'an empty composer');
    await playTurn(app, 'I wait.');
    app.type('/persona I');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Ilse'), 'the new persona offered');
    expect(reads).toEqual({ personas: 2, narrators: 0 });
  });
});
