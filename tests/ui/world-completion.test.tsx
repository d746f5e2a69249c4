// `/world` takes a world id: Tab completes it from the worlds a new story can start in (bundled and
// installed, read from disk once a command is typed), as it completes /opening's and /model's.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { listWorlds, resolveWorld } from '../../src/world/discover.js';
import { KEYS, liveArea, makeSession, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

const start = {
  listWorlds,
  openings: async (id: string) => (await resolveWorld(id)).pack.openings,
  createSession: async () => {
    throw new Error('not reached in this test');
  },
};

describe('/world and Tab', () => {
  it('lists the world ids as the argument is typed and completes the only match', async () => {
    const app = renderApp(await makeSession(), { start });
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('›'), 'the composer');
    app.type('/world ');
    const listed = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('harbor-lights'), 'the world ids');
    expect(liveArea(listed)).toContain('ember-crown');
    expect(liveArea(listed)).toContain('qingshan-inn');
    app.type('h');
    await tick();
    app.type(KEYS.tab);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› /world harbor-lights'), 'the id completed');
  });
});
