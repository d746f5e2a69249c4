import { keepsOriginal } from '../engine/prompt/original.js';
import { quoted } from './note.js';
import type { Command } from './types.js';

/**
 * `/system [TEXT]`, `/system reset`: the story's own system prompt over skald's narrator rules
 * (`{{original}}` keeps what it replaces). Alone, it shows whose prompt is in force.
 */
export const system: Command = {
  name: 'system',
  args: '[text|reset]',
  help: "this story's own system prompt over skald's rules ({{original}} keeps them)",
  frontEnds: ['tui', 'headless'],
  example: { line: '/system {{original}} Keep it short.', shows: 'Keep it short.' },
  complete: () => ['reset'],
  async run({ session, args }) {
    if (!args) {
      const { profile, story } = session.systemPrompts;
      const world = session.pack.style.systemPrompt?.trim() || undefined;
      const record = { type: 'system', action: 'show', story: story ?? null, profile: profile ?? null, world: world ?? null };
      const all: Array<[string, string | undefined]> = [
        ["This story's", story],
        ["The world's", world],
        ["The profile's", profile],
      ];
      const layers = all.filter((l): l is [string, string] => Boolean(l[1]));
      if (layers.length === 0)
        return {
          kind: 'done',
          notice: "skald's own narrator rules stand; /system TEXT replaces them for this story ({{original}} keeps them).",
          record,
        };
      const text = layers
        .map(
          ([who, value]) =>
            `${who} system prompt (${keepsOriginal(value) ? 'keeps what it replaces at {{original}}' : 'replaces what is below it'}):\n${value}`,
        )
        .join('\n\n');
      return {
        kind: 'info',
        title: 'System prompt',
        record,
        text: `${text}\n\nThe story's goes over the world's, the world's over the profile's, each over skald's rules; {{original}} in one keeps the one below. /system reset drops the story's.`,
      };
    }
    if (/^(reset|off|clear)$/i.test(args)) {
      const had = session.systemPrompts.story !== undefined;
      if (had) await session.setSystemPrompt(undefined);
      return {
        kind: 'done',
        notice: had ? "This story's system prompt is reset." : 'This story had no system prompt of its own.',
        record: { type: 'system', action: 'reset', story: null },
      };
    }
    await session.setSystemPrompt(args);
    const keeps = keepsOriginal(args);
    return {
      kind: 'done',
      notice: `System prompt set for this story, ${keeps ? 'keeping what it replaces where it says {{original}}' : "in place of skald's narrator rules (and any world's or profile's)"}: ${quoted(args)}`,
      record: { type: 'system', action: 'set', story: args, keepsOriginal: keeps },
    };
  },
};
