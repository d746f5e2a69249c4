import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/session/index.js';
import type { PacingState } from '../../../src/engine/pacing/index.js';
import { collect, newSession } from './helpers.js';

function state(session: Session): PacingState {
  return (session as unknown as { pacing_: { state(): PacingState } }).pacing_.state();
}

// The pacing model reads a message against the reply the player answers (heard.ts): live, and again
// when a session is restored from its records.
describe('the reply the player answers reaches the pacing model', () => {
  it('live and on a replay: a bare echo of the reply’s last word waits', async () => {
    const { session, store, deps } = await newSession();
    await collect(session.play({ text: 'I set my bag down and look at the silent wheel.' }));
    const turn = session.turns()[0];
    const reply = turn.candidates[turn.chosen].text;
    const lastLine =
      reply
        .split('\n')
        .filter((l) => l.trim())
        .at(-1) ?? '';
    const word = (lastLine.match(/\p{L}{5,}/gu) ?? []).at(-1);
    expect(word, lastLine).toBeDefined();
    await collect(session.play({ text: `${word}?` }));
    const live = state(session).messages.at(-1)!;
    expect(live.cues.waiting).toBe(true);
    const restored = await Session.restore(store.records, deps);
    restored.pacing();
    expect(state(restored).messages.at(-1)!.cues.waiting).toBe(true);
  });
});
