/**
 * Editing a reply can be the first thing a resumed story does, before any reply was written in the
 * process or the warm-up ran: the critics that judge the edited reply need the language detector
 * all the same. This file loads no detector itself, as a new process has none.
 */
import { describe, expect, it, vi } from 'vitest';
import { MemorySessionStore } from '../../../src/engine/session/records.js';
import { collect, newSession } from '../session/helpers.js';

describe('an edited reply as the first move of a resumed story', () => {
  it('is judged by the critics and kept, with no reply written in this process before it', async () => {
    const { session, store, deps } = await newSession({ candidates: 1 });
    await collect(session.play({ text: 'I ask Wren about the mill.' }));
    // A fresh copy of the engine, as a new process has: nothing in it has loaded the detector.
    vi.resetModules();
    const { Session } = await import('../../../src/engine/session/index.js');
    const resumed = await Session.restore(store.records, { ...deps, store: new MemorySessionStore() });
    const events = await collect(resumed.editReply('Wren nods at the stopped wheel and says nothing.'));
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const turn = resumed.turns()[0];
    const edited = turn.candidates[turn.chosen];
    expect(edited.text).toBe('Wren nods at the stopped wheel and says nothing.');
    expect(edited.critics.map((c) => c.id)).toContain('mixed-language');
  });
});
