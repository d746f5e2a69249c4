import { newStoryFor } from './new-story.js';
import { worldText } from './texts.js';
import { refused, type Command } from './types.js';

/** `/world [id]`: about this world; with an id, a new story in that world. */
export const world: Command = {
  name: 'world',
  args: '[id]',
  help: 'about this world; with an id, start a new story there',
  frontEnds: ['tui', 'headless'],
  complete: ({ worlds }) => worlds ?? [],
  example: { line: '/world', shows: ' · en · ' },
  run({ session, services, args }) {
    if (!args) {
      const { id, title, version, language, summary } = session.pack;
      const text = worldText(session, services.language?.());
      return {
        kind: 'info',
        title: 'World',
        text,
        record: { type: 'world', id, title, version, language, summary, text },
      };
    }
    const story = newStoryFor('world', args, session);
    return 'problem' in story ? refused(story.problem) : { kind: 'new-story', story };
  },
};
