/**
 * A swipe of the carousel: another candidate of the selected turn (on an earlier turn, a new
 * branch from it), or before the first turn another of the world's openings. It reads the story
 * as the session has it now, not as the last render drew it, so that swipes queued one after
 * another (→ → in one chunk) each start where the one before left the story.
 */
import type { SessionHandle } from '../../engine/session/index.js';
import type { SessionRunner } from './useSessionRunner.js';

export interface SwipeEffects {
  setNotice(text: string | undefined): void;
  setReplyScroll(at: number): void;
  /** Back to the latest turn (after a swipe of an earlier one made a branch ending there). */
  selectLatest(): void;
}

/** Swipes by `delta` on the turn numbered `at` (undefined: the latest). */
export async function swipeStory(
  session: SessionHandle,
  runner: Pick<SessionRunner, 'act'>,
  at: number | undefined,
  delta: number,
  effects: SwipeEffects,
): Promise<void> {
  const turns = session.turns();
  const latest = turns[turns.length - 1];
  const selected = at !== undefined ? turns.find((t) => t.number === at) : latest;
  const earlier = at !== undefined && latest !== undefined && at < latest.number;
  if (!selected) {
    // Before the first turn: the world's openings, as a card's greetings are swiped.
    const openings = session.pack.openings;
    const next = openings.findIndex((o) => o.id === session.opening.id) + delta;
    if (turns.length > 0 || openings.length < 2 || next < 0 || next >= openings.length) return;
    await runner.act(() => session.chooseOpening(openings[next].id));
    return;
  }
  const next = selected.chosen + delta;
  if (next < 0 || next >= selected.candidates.length) {
    if (delta > 0 && !earlier) effects.setNotice('That was the last candidate: Ctrl+R writes another.');
    return;
  }
  effects.setNotice(
    earlier ? `Turn ${selected.number}: a new branch from candidate ${next + 1} (the old branch stays in /tree).` : undefined,
  );
  effects.setReplyScroll(0);
  await runner.act(() => session.choose(selected.number, next));
  if (earlier) effects.selectLatest();
}
