import { newStoryFor } from './new-story.js';
import { personaText } from './texts.js';
import { refused, type Command } from './types.js';

/** `/persona [name]`: who the player is; with a name, this opening again under that name. */
export const persona: Command = {
  name: 'persona',
  args: '[name]',
  help: 'who you play; with a name, start this opening again under that name',
  frontEnds: ['tui', 'headless'],
  example: { line: '/persona', shows: 'Tamsin' },
  complete: ({ services }) => services.personas().map((p) => p.name),
  run({ session, args, services }) {
    if (!args) {
      const library = services.personas();
      return {
        kind: 'info',
        title: 'Persona',
        text: personaText(session, library),
        record: { type: 'persona', name: session.persona.name, persona: session.persona.persona, library },
      };
    }
    const story = newStoryFor('persona', args, session);
    return 'problem' in story ? refused(story.problem) : { kind: 'new-story', story };
  },
};
