// `/world` with an id no world has: the reason is shown once, with the known ids, and goes at the
// next key, as a refused command's does; the story on screen goes on as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { listWorlds, resolveWorld } from '../../src/world/discover.js';
import { KEYS, liveArea, makeSession, manualExpiry, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

const start = {
  listWorlds,
  openings: async (id: string) => (await resolveWorld(id)).pack.openings,
  createSession: async (worldId: string) => {
    // The real lookup: an unknown id throws as `skald play` would.
    await resolveWorld(worldId);
    throw new Error('not reached in this test');
  },
};

const flat = (frame: string) => liveArea(frame).replace(/\s+/g, ' ');

describe('/world with an unknown id', () => {
  it('says so with the known worlds, and the next key clears it', async () => {
    const app = renderApp(await makeSession(), { start, scheduleNotice: manualExpiry().schedule });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/world nowhere');
    await tick();
    app.type(KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (f) => flat(f).includes('no world with id "nowhere"'), 'the reason');
    expect(flat(frame)).toContain('glass-orchard');
    app.type('x');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› x') && !flat(f).includes('nowhere'), 'the reason gone');
    expect(app.session.pack.id).toBe('glass-orchard');
  });
});
