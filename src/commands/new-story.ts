/**
 * `/world ID`, `/opening ID` and `/persona NAME`: each starts a new story (the current one stays
 * saved). This says which one, or why not, and the command line that would start the same.
 */
import type { SessionHandle } from '../engine/session/index.js';
import { personaNameProblem } from '../engine/persona-name.js';
import { neutralize } from '../text/sanitize.js';

export interface NewStory {
  worldId: string;
  openingId?: string;
  persona?: string;
  /** The `skald play` arguments that start the same story. */
  cli: string;
  /** How the notice names it: '' or ' as Mara'. */
  label: string;
}

/** The story `/world`, `/opening` or `/persona` asks for with `args` (not empty), or why it cannot start. */
export function newStoryFor(
  command: 'world' | 'opening' | 'persona',
  args: string,
  session: SessionHandle,
): NewStory | { problem: string } {
  const { pack, opening, persona } = session;
  switch (command) {
    // Another world has its own persona.
    case 'world':
      return { worldId: args, cli: args, label: '' };
    // Another opening of the same world keeps the name played under.
    case 'opening':
      if (!pack.openings.some((o) => o.id === args))
        return { problem: `This world has no opening "${neutralize(args)}"; it has ${pack.openings.map((o) => o.id).join(', ')}.` };
      return { worldId: pack.id, openingId: args, persona: persona.name, cli: `${pack.id} --opening ${args}`, label: '' };
    case 'persona': {
      const name = args.replace(/\s+/g, ' ');
      const problem = personaNameProblem(name);
      if (problem) return { problem };
      if (name === persona.name) return { problem: `You already play ${neutralize(name)}.` };
      return {
        worldId: pack.id,
        openingId: opening.id,
        persona: name,
        cli: `${pack.id} --opening ${opening.id} --persona "${neutralize(name)}"`,
        label: ` as ${neutralize(name)}`,
      };
    }
  }
}
