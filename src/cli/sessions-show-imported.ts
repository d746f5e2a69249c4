/**
 * What `sessions show` adds for a chat imported from SillyTavern: its greeting (the character's
 * messages before the player's first, as the import read them) and the messages the import kept
 * aside without playing them (system, hidden and narrator messages, empty ones, lines holding no
 * message, a last message with no reply), each marked, where it stood in the chat.
 */
import type { SessionStartRecord } from '../engine/session/records.js';
import type { ForeignMessage } from '../engine/types.js';
import { greetingText } from '../store/st-chat/to-session.js';
import type { ImportedView, ShownAside } from './sessions-show-asides.js';

export {
  asideLine,
  asideMarkdown,
  asideNode,
  GREETING_MARK,
  importedJson,
  type ImportedView,
  type ShownAside,
} from './sessions-show-asides.js';

/** The greeting and the asides of an imported session; undefined for one played in skald. */
export function importedView(start: SessionStartRecord): ImportedView | undefined {
  const imported = start.imported;
  if (!imported) return undefined;
  const raws = imported.merged ?? (imported.opening ? [imported.opening] : []);
  const greeting = raws.length > 0 ? greetingText(raws) : '';
  return {
    ...(greeting ? { greeting } : {}),
    asides: (imported.asides ?? []).map(({ after, message }) => ({ after, ...shown(message) })),
  };
}

function shown(raw: ForeignMessage): Omit<ShownAside, 'after'> {
  const name = typeof raw.name === 'string' ? raw.name : '';
  const text = typeof raw.mes === 'string' ? raw.mes : '';
  const extra = raw.extra as { type?: unknown } | undefined;
  const why = !('mes' in raw)
    ? 'a line holding no message'
    : extra?.type === 'narrator'
      ? 'a narrator message'
      : raw.is_system === true
        ? 'a system or hidden message'
        : text.trim() === ''
          ? 'an empty message'
          : raw.is_user === true
            ? 'a last message with no reply'
            : 'not played';
  return { why, name, text };
}
