import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import type { StoryMessage } from '../../../src/engine/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { contextFor, planFor, requestFor } from './support.js';
import { zhPack } from './zh-pack.js';

/** A terse player's story of `turns` turns, each reply fed back as the story so far; the replies' last lines. */
function endings(pack = miniPack(), turns = 40, input = 'ok'): string[] {
  const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
  const out: string[] = [];
  for (let turn = 1; turn <= turns; turn++) {
    history.push({ role: 'player', text: input, turn });
    const plan = planFor(turn % 3 === 0 ? 'resolve' : 'complicate', 'steady', { actors: [pack.characters[0].id] });
    const reply = composeReply(contextFor(pack, { playerInput: input, seed: 7, turn, history: [...history] }), requestFor(plan), 0);
    history.push({ role: 'narrator', text: reply.text, turn });
    out.push(reply.text.split(/\n\s*\n/).pop() ?? '');
  }
  return out;
}

describe('the offline narrator does not end on a line it ended on before', () => {
  it('a terse player is given a different last line nearly every turn for forty turns, in either language', () => {
    for (const [pack, input] of [
      [miniPack(), 'ok'],
      [zhPack(), '嗯'],
    ] as const) {
      const ends = endings(pack, 40, input);
      const seen = new Set<string>();
      const again = ends.filter((e) => seen.has(e) || (seen.add(e), false));
      // Eleven of forty came back before; one may, when the only line left waits on its frame.
      expect(again.length, again.join('\n')).toBeLessThanOrEqual(1);
    }
  });
});
