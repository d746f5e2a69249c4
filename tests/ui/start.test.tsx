import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore } from '../../src/engine/session/records.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { listWorlds, resolveWorld } from '../../src/world/discover.js';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { KEYS, liveArea, render, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

const start = {
  listWorlds,
  openings: async (id: string) => (await resolveWorld(id)).pack.openings,
  createSession: async (worldId: string, openingId?: string, persona?: string) => {
    const { pack } = await resolveWorld(worldId);
    const session = await Session.create({
      pack,
      ...(openingId ? { openingId } : {}),
      ...(persona ? { persona: { ...pack.player, name: persona } } : {}),
      provider: createOfflineNarrator({ seed: 1 }),
      store: new MemorySessionStore(),
      clock: { now: () => Date.now() },
      seed: 1,
    });
    return { session, notes: ['No model is connected, so the offline narrator plays. Connect one with `skald profiles add NAME`.'] };
  },
};

describe('the start screen', () => {
  it('lists the bundled worlds with language and rating, filters as you type, then picks an opening', async () => {
    const app = render(<App start={start} services={fileServices} />);
    const list = await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world') && f.includes('The Glass Orchard'), 'the world list');
    expect(list).toContain('青山客栈');
    expect(list).toMatch(/The Glass Orchard\s+default · en · \w+/);
    // No filter typed yet: the count follows the title, with no empty "filter:" in between.
    expect(list).toMatch(/Pick a world \(\d+\)/);
    expect(list).not.toContain('filter:');
    app.stdin.write('glass');
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('filter: glass') && !f.includes('青山客栈') && f.includes('(1)'),
      'the filtered list',
    );
    app.stdin.write(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('Pick an opening of The Glass Orchard') && f.includes('Homecoming'),
      'the opening list',
    );
    app.stdin.write(KEYS.down);
    await tick();
    app.stdin.write(KEYS.enter);
    const play = await waitForFrame(app.lastFrame, (f) => / · turn 0 · offline narrator/.test(f), 'the play screen');
    expect(play).toContain('No model is connected, so the offline narrator plays');
    expect(play).not.toContain('Homecoming ·');
  });

  it('puts the default world first, so a first run is Enter, Enter away from its story', async () => {
    const app = render(<App start={start} services={fileServices} />);
    const list = await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world') && f.includes('青山客栈'), 'the world list');
    expect(list).toMatch(/▸ The Glass Orchard/);
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick an opening of The Glass Orchard'), 'the opening list');
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => /The Glass Orchard · Homecoming · turn 0/.test(f), 'the default story');
  });

  it('goes back from the openings with Esc to the world list as it was left: its filter and the world chosen', async () => {
    const app = render(<App start={start} services={fileServices} />);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world') && f.includes('青山客栈'), 'the world list');
    // A filter that leaves two worlds, and the second of them chosen.
    app.stdin.write('teen');
    await waitForFrame(app.lastFrame, (f) => f.includes('filter: teen (2)'), 'the filter');
    app.stdin.write(KEYS.down);
    await waitForFrame(app.lastFrame, (f) => f.includes('▸ 青山客栈'), 'the second world selected');
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick an opening'), 'the openings');
    app.stdin.write(KEYS.esc);
    const back = await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world'), 'the worlds again');
    expect(back).toContain('filter: teen (2)');
    expect(back).toContain('▸ 青山客栈');
  });
});

describe('keys that arrive together on the start screen', () => {
  // Held start-up keys are handed to the TUI in one chunk, and fast typing or a paste arrives
  // the same way: each key must act on what the one before it left.
  it('Down Down Enter in one chunk opens the third world', async () => {
    const app = render(<App start={start} services={fileServices} />);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world') && f.includes('青山客栈'), 'the world list');
    app.stdin.write(KEYS.down + KEYS.down + KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick an opening of Harbor Lights'), "Harbor Lights' openings");
  });

  it('a filter typed with its Enter in one chunk picks what the filter leaves', async () => {
    const app = render(<App start={start} services={fileServices} />);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world') && f.includes('青山客栈'), 'the world list');
    app.stdin.write('harbor' + KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick an opening of Harbor Lights'), "Harbor Lights' openings");
  });

  it('keys typed before the world list has loaded wait for it, then apply in order', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = { ...start, listWorlds: async () => (await gate, listWorlds()) };
    const app = render(<App start={slow} services={fileServices} />);
    await waitForFrame(app.lastFrame, (f) => f.includes('Looking for worlds'), 'the loading line');
    app.stdin.write(KEYS.down);
    await tick();
    app.stdin.write(KEYS.enter);
    await tick();
    release();
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick an opening of The Ember Crown'), "The Ember Crown's openings");
  });

  it('Enter pressed three times at once starts one story, from the first opening', async () => {
    let created = 0;
    const counting = {
      ...start,
      createSession: (worldId: string, openingId?: string, persona?: string) => {
        created++;
        return start.createSession(worldId, openingId, persona);
      },
    };
    const app = render(<App start={counting} services={fileServices} />);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world') && f.includes('青山客栈'), 'the world list');
    app.stdin.write(KEYS.enter + KEYS.enter + KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => /The Glass Orchard · Homecoming · turn 0/.test(f), 'the default story');
    await tick();
    expect(created).toBe(1);
  });
});

describe('typing ahead while the story is made', () => {
  it('keeps what the player types after choosing the opening and puts it in the composer', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = {
      ...start,
      createSession: async (worldId: string, openingId?: string, persona?: string) => {
        await gate;
        return start.createSession(worldId, openingId, persona);
      },
    };
    const app = render(<App start={slow} services={fileServices} />);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world') && f.includes('青山客栈'), 'the world list');
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick an opening of The Glass Orchard'), 'the opening list');
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Starting the story'), 'the story being made');
    app.stdin.write('I wave');
    await tick();
    app.stdin.write(' at Wren');
    await tick();
    release();
    const play = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I wave at Wren'), 'the typed line in the composer');
    expect(play).toMatch(/The Glass Orchard · Homecoming · turn 0/);
  });

  it('drops what was typed for a story that failed to start, says so, and leaves the picker as it was', async () => {
    let fail: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (fail = resolve));
    let created = 0;
    const failing = {
      ...start,
      createSession: async () => {
        created++;
        await gate;
        throw new Error('The pack could not be read.');
      },
    };
    const app = render(<App start={failing} services={fileServices} />);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world') && f.includes('青山客栈'), 'the world list');
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick an opening of The Glass Orchard'), 'the opening list');
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Starting the story'), 'the story being made');
    // A line and its Enter: given to the picker, they would filter it and start what the filter left.
    app.stdin.write('zz');
    await tick();
    app.stdin.write(KEYS.enter);
    await tick();
    fail();
    const back = await waitForFrame(app.lastFrame, (f) => f.includes('The pack could not be read.'), 'the failure');
    expect(back).toContain('What you typed meanwhile was for that story and was dropped.');
    expect(back).toContain('Pick an opening of The Glass Orchard');
    expect(back).not.toContain('zz');
    await tick(60);
    expect(created).toBe(1);
    // The picker reads keys again.
    app.stdin.write(KEYS.esc);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world'), 'back to the worlds');
  });
});

describe('starting another story from play', () => {
  it('/opening <id> swaps the opening before the first turn and starts the world again from it after; an unknown id says which exist', async () => {
    const { session } = await start.createSession('glass-orchard', 'homecoming');
    let redraws = 0;
    const app = render(<App started={{ session, notes: [] }} start={start} services={fileServices} onRedraw={() => redraws++} />);
    await waitForFrame(app.lastFrame, (f) => f.includes('Homecoming · turn 0'), 'the first story');
    app.stdin.write('/opening nowhere');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      (f) => f.replace(/\n/g, ' ').includes('This world has no opening "nowhere"; it has homecoming'),
      'the error',
    );
    app.stdin.write('/opening the-new-tree');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('The Glass Orchard · The New Tree · turn 0'), 'the other opening');
    // Nothing was played yet: the same story opens differently, as headless play's /opening does.
    expect(session.opening.id).toBe('the-new-tree');
    app.stdin.write('I climb the hill.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('The New Tree · turn 1') && /[◀◁] \d+\/\d+ [▶▷]/.test(liveArea(f)),
      'the first turn',
    );
    const before = redraws;
    app.stdin.write('/opening homecoming');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('The Glass Orchard · Homecoming · turn 0'), 'the new story');
    expect(redraws).toBeGreaterThan(before);
    expect(session.turns()).toHaveLength(1);
  });
});

describe('playing under another name from play', () => {
  it('/persona <name> starts this opening again under that name, and /opening then keeps it; the same name or a bad one says why', async () => {
    const { session } = await start.createSession('glass-orchard', 'homecoming');
    const app = render(<App started={{ session, notes: [] }} start={start} services={fileServices} />);
    // What a real terminal shows: everything since the last redraw.
    const screen = () => app.lastFrame().slice(app.lastFrame().lastIndexOf('The Glass Orchard  '));
    await waitForFrame(app.lastFrame, (f) => f.includes('Homecoming · turn 0'), 'the first story');
    expect(screen()).toContain('"Tam."');
    const send = async (text: string) => {
      app.stdin.write(text);
      await tick();
      app.stdin.write(KEYS.enter);
    };
    await send('/persona Tamsin');
    await waitForFrame(app.lastFrame, (f) => f.includes('You already play Tamsin.'), 'the same name');
    await send(`/persona ${'x'.repeat(41)}`);
    await waitForFrame(app.lastFrame, (f) => f.replace(/\n/g, ' ').includes('A name is 1 to 40 letters'), 'a name too long');
    await send('/persona Mara');
    await waitForFrame(
      app.lastFrame,
      () => screen().includes('You play Mara.') && screen().includes('Homecoming · turn 0'),
      'the story again as Mara',
    );
    // The pack's texts call the player by the new name, nickname included.
    expect(screen()).toContain('"Mara."');
    expect(screen()).not.toMatch(/\bTam(?:sin)?\b/);
    await send('/opening the-new-tree');
    await waitForFrame(app.lastFrame, () => screen().includes('The New Tree · turn 0'), 'the other opening');
    expect(screen()).toContain('You play Mara.');
    expect(screen()).not.toMatch(/\bTam(?:sin)?\b/);
  });
});

describe('quitting from the start screen', () => {
  for (const [name, keys] of [
    ['Esc', [KEYS.esc]],
    ['Ctrl+C', [KEYS.ctrlC]],
  ] as const) {
    it(`${name} leaves no picker on the screen`, async () => {
      const app = render(<App start={start} services={fileServices} />);
      await waitForFrame(app.lastFrame, (f) => f.includes('Pick a world') && f.includes('The Glass Orchard'), 'the world list');
      for (const key of keys) app.stdin.write(key);
      await waitForFrame(app.lastFrame, (f) => !f.includes('Pick a world') && !f.includes('Esc quit'), 'an empty last frame');
    });
  }
});
