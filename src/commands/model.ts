import { modelCommand, narratorNames } from './model-switch.js';
import type { Command } from './types.js';

/** `/model [name]`: who narrates; with a profile's name, narrate with it from the next reply on. */
export const model: Command = {
  name: 'model',
  args: '[name]',
  help: 'who narrates and the profiles; with a name, narrate with that profile from now on',
  frontEnds: ['tui', 'headless'],
  example: { line: '/model', shows: 'offline narrator' },
  complete: ({ services }) => narratorNames(services),
  async run({ session, services, args, streaming }) {
    const outcome = await modelCommand(session, services, args, streaming);
    if ('overlay' in outcome) {
      return {
        kind: 'info',
        title: 'Model',
        text: outcome.overlay,
        record: { type: 'model', provider: session.providerId, label: session.providerLabel, text: outcome.overlay },
      };
    }
    if (!outcome.switched) return { kind: 'refused', message: outcome.notice };
    return { kind: 'done', notice: outcome.notice, record: { type: 'model', provider: session.providerId, label: session.providerLabel } };
  },
};
