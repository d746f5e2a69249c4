/**
 * Critics per candidate (repairs, all thirteen critics on the raw text, the score of the
 * repaired one: exactly what a turn runs) at turn 10 and at turn 100 of a real story, against a
 * single regex test over the same reply.
 */
import { critiqueCandidate } from '../src/engine/critics/index.js';
import { criticContext } from '../src/engine/session/context.js';
import type { StoryMessage, Turn } from '../src/engine/types.js';
import { keep, timePerCall, type BenchRow } from './lib.js';
import { bundledWorld, newSession, playTurns } from './story.js';

export async function run(): Promise<BenchRow[]> {
  const pack = await bundledWorld();
  const session = await newSession(pack, { candidates: 3 });
  await playTurns(session, 100);
  const turns = session.turns();
  const opening: StoryMessage = { role: 'narrator', text: session.opening.text, turn: 0 };
  // Replies to critique: the candidates of the ten turns before, rotated so no memo can answer
  // for a reply it has already seen.
  const replies = turns.slice(-30).flatMap((t) => t.candidates.map((c) => c.text));

  const rows: BenchRow[] = [];
  const regex = /\b(?:suddenly|little did|as an ai|shivers? down)\b/i;
  const baseline = timePerCall(() => regex.test(replies[0]), { batch: 1000, rounds: 30 });
  for (const at of [10, 100]) {
    const turn: Turn = turns[at - 1];
    const history: StoryMessage[] = [opening];
    for (const t of turns.slice(0, at - 1)) {
      history.push({ role: 'player', text: t.input.text, turn: t.number });
      history.push({ role: 'narrator', text: t.candidates[t.chosen].text, turn: t.number });
    }
    history.push({ role: 'player', text: turn.input.text, turn: at });
    const ctx = criticContext({
      pack,
      persona: session.persona,
      plan: turn.plan,
      playerInput: turn.input.text,
      history,
      facts: session.memory().facts,
      turn: at,
    });
    let i = 0;
    const perCandidate = timePerCall(() => critiqueCandidate(replies[i++ % replies.length], ctx), { batch: 10, rounds: 40, warmup: 5 });
    keep(i);
    rows.push({
      suite: 'critics',
      metric: `per candidate at turn ${at}`,
      value: perCandidate,
      unit: 'ms',
      baseline: { label: 'one regex test', value: baseline, unit: 'ms' },
      ratio: perCandidate / baseline,
      target: '< 1 ms',
      met: perCandidate < 1,
      note:
        at === 100
          ? `${replies.length} different replies of ~${Math.round(replies.reduce((s, r) => s + r.split(/\s+/).length, 0) / replies.length)} words, rotated`
          : undefined,
    });
  }
  const [t10, t100] = rows;
  rows.push({
    suite: 'critics',
    metric: 'turn 100 against turn 10',
    value: t100.value! / t10.value!,
    unit: 'x',
    target: 'flat (< 1.5x)',
    met: t100.value! / t10.value! < 1.5,
  });
  return rows;
}
