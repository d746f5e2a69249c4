import { describe, expect, it } from 'vitest';
import { createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { collect, newSession } from './helpers.js';

describe('the Session as a store', () => {
  it('keeps one snapshot until the committed state changes, and tells its listeners after each commit', async () => {
    const { session } = await newSession({ candidates: 2 });
    let heard = 0;
    const stop = session.subscribe(() => heard++);
    const first = session.getSnapshot();
    expect(session.getSnapshot()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.turns).toEqual([]);

    await collect(session.play({ text: 'I take the lamp.' }));
    expect(heard).toBe(1);
    const played = session.getSnapshot();
    expect(played).not.toBe(first);
    expect(played.turns.map((t) => t.input.text)).toEqual(['I take the lamp.']);
    // The snapshot the listener was told about is the state it describes: the committed turn.
    expect(played.turns).toEqual(session.turns());
    expect(session.getSnapshot()).toBe(played);

    await session.remember('Wren owes Ilsa the mill.');
    expect(heard).toBe(2);
    expect(session.getSnapshot().memory.facts.map((f) => f.text)).toContain('Wren owes Ilsa the mill.');

    await session.choose(1, 1);
    expect(session.getSnapshot().turns[0].chosen).toBe(1);
    expect(heard).toBe(3);

    stop();
    await session.undo();
    expect(heard).toBe(3);
    expect(session.getSnapshot().turns).toEqual([]);
  });

  it('changes with the narrator and a swiped opening, which commit no turn', async () => {
    const { session } = await newSession();
    let heard = 0;
    session.subscribe(() => heard++);
    session.useProvider(createOfflineNarrator({ seed: 2 }));
    expect(heard).toBe(1);
    await session.chooseOpening('the-ledger');
    expect(heard).toBeGreaterThanOrEqual(2);
    expect(session.getSnapshot().opening.id).toBe('the-ledger');
    expect(session.getSnapshot().providerId).toBe('offline');
  });

  it('says nothing for a refused call', async () => {
    const { session } = await newSession();
    let heard = 0;
    session.subscribe(() => heard++);
    const before = session.getSnapshot();
    expect(await session.forget('no-such-fact')).toBe(false);
    await collect(session.regenerate());
    expect(heard).toBe(0);
    expect(session.getSnapshot()).toBe(before);
  });
});
