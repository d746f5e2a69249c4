import { neutralize } from '../text/sanitize.js';
import { describeChange } from '../engine/session/samplers.js';
import { SAMPLER_KEYS } from '../world/samplers.js';
import { samplersText } from './samplers-text.js';
import { refused, type Command } from './types.js';

/** `/set [name value]`: the samplers in force and where each comes from; with a name and value, one for this story. */
export const set: Command = {
  name: 'set',
  args: '[name value]',
  help: 'samplers: alone, each value and where it comes from; /set temperature 0.9 for this story',
  frontEnds: ['tui', 'headless'],
  example: { line: '/set temperature 0.9', shows: 'temperature 0.9 for this story' },
  complete: () => [...SAMPLER_KEYS, 'extra.'],
  async run({ session, args }) {
    if (!args) {
      const report = session.samplers();
      return { kind: 'info', title: 'Samplers', text: neutralize(samplersText(report)), record: { type: 'samplers', ...report } };
    }
    const name = args.split(/\s+/)[0];
    try {
      const record = await session.setSampler(name, args.slice(name.length));
      // Values, preset and profile names came from the player or from files: no control character reaches the screen.
      const message = neutralize(describeChange(record, session.samplers()));
      return {
        kind: 'done',
        notice: message,
        record: { type: 'set', key: record.key, value: record.value === undefined ? 'default' : record.value, message },
      };
    } catch (error) {
      // A bad name or value is the player's to retype: one line, nothing recorded.
      // By name: importing the Session here would load the whole engine with every command line.
      if (error instanceof Error && error.name === 'SessionError') return refused(neutralize(error.message));
      throw error;
    }
  },
};
