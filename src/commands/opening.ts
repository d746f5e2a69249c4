import { neutralize } from '../text/sanitize.js';
import { newStoryFor } from './new-story.js';
import { openingText } from './texts.js';
import { refused, type Command } from './types.js';

/**
 * `/opening [id|n]`: the opening scene. With an id (or its number), before the first turn the
 * story swipes to that opening (a card's alternate greetings); after it, a new story starts there.
 */
export const opening: Command = {
  name: 'opening',
  args: '[id]',
  help: 'the opening scene; with an id, swap to that opening (after the first turn: start this world again from it)',
  frontEnds: ['tui', 'headless'],
  example: { line: '/opening the-new-tree', shows: 'The New Tree' },
  complete: ({ session }) => session.pack.openings.map((o) => o.id),
  async run({ session, args }) {
    const openings = session.pack.openings;
    if (!args) {
      const { id, title } = session.opening;
      return {
        kind: 'info',
        title: 'Opening',
        text: openingText(session),
        record: { type: 'opening', id, title, text: session.openingText },
      };
    }
    const n = Number(args);
    const chosen = /^\d+$/.test(args) && n >= 1 ? openings[n - 1] : openings.find((o) => o.id === args);
    if (session.tree().some((b) => b.turns > 0)) {
      const story = newStoryFor('opening', chosen?.id ?? args, session);
      return 'problem' in story ? refused(story.problem) : { kind: 'new-story', story };
    }
    if (!chosen)
      return refused(`This world has no opening "${neutralize(args)}"; it has ${openings.map((o, i) => `${o.id} (${i + 1})`).join(', ')}.`);
    await session.chooseOpening(chosen.id);
    return {
      kind: 'done',
      notice: `The story now opens with ${neutralize(chosen.title)}.`,
      record: { type: 'opening', id: chosen.id, title: chosen.title, text: session.openingText },
    };
  },
};
