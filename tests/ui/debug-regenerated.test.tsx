// The debug pane over a regenerated candidate: the plan is the turn's, made before its first
// candidates, and the new one is written to another beat or cadence. The pane said "beat escalate"
// over a reply written as "deepen, bold"; it now says which is the plan and which the reply on show.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { debugLines } from '../../src/ui/debug/sections.js';
import { debugSubject } from '../../src/ui/debug/subject.js';
import { KEYS, liveArea, makeSession, playTurn, renderApp, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

/** The pane's rows as text, its border and the story beside it cut off. */
const paneText = (frame: string) =>
  liveArea(frame)
    .split('\n')
    .map((l) => /│ (.*?) *│/.exec(l)?.[1] ?? '')
    .join('\n');

describe('the debug pane after a regenerate', () => {
  it('names the turn plan as planned and the regenerated candidate on show by its own beat and cadence', async () => {
    const session = await makeSession({ candidates: 1 });
    const app = renderApp(session, { debug: true });
    await playTurn(app, 'I set down my bag and look at him.');
    const plan = session.turns()[0].plan;
    // Regenerate until a candidate departs from the plan's beat (the carousel varies them).
    for (let n = 2; n <= 4; n++) {
      app.type(KEYS.ctrlR);
      await waitUntil(() => session.turns()[0].candidates.length === n, `candidate ${n}`);
      const shown = session.turns()[0].candidates[session.turns()[0].chosen];
      if (shown.variant.beat !== plan.beat) break;
    }
    const turn = session.turns()[0];
    const shown = turn.candidates[turn.chosen];
    expect(shown.variant.beat).not.toBe(plan.beat);
    const frame = await waitForFrame(
      app.lastFrame,
      (f) => paneText(f).includes('(planned') && !paneText(f).includes('running'),
      'the pane on the new candidate',
    );
    expect(paneText(frame)).toMatch(new RegExp(`turn 1 of 1 · beat ${shown.variant.beat} \\(planned ${plan.beat}\\)`));
    // The plan section, as the pane draws it (below the rows a short pane shows).
    const all = debugLines(debugSubject(session.turns(), turn, undefined, session.getSnapshot()), 60)
      .map((l) => l.map((s) => s.text).join(''))
      .join('\n');
    expect(all).toContain(`plan for turn 1`);
    expect(all).toContain(`planned ${plan.beat} · ${plan.cadence}`);
    expect(all).toContain(`shown candidate ${turn.chosen + 1} · ${shown.variant.beat}, ${shown.variant.cadence}`);
    expect(all).toContain(`▶ candidate ${turn.chosen + 1} · ${shown.variant.beat}, ${shown.variant.cadence} · score`);
  });
});
