/**
 * What `sessions show` adds for a chat imported from SillyTavern: its greeting (the character's
 * messages before the player's first, as the import read them) and the messages the import kept
 * aside without playing them (system, hidden and narrator messages, empty ones, lines holding no
 * message, a last message with no reply), each marked, where it stood in the chat.
 */
import type { SessionStartRecord } from '../engine/session/records.js';
import type { ForeignMessage } from '../engine/types.js';
import { greetingText } from '../store/st-chat/to-session.js';

/** A message kept aside on import, as show prints it. */
export interface ShownAside {
  /** Where it stood (ImportedStart's `after`: `start`, `opening`, a node id, `<id>:input`, `<id>:reply<n>`). */
  after: string;
  /** Why it was not played. */
  why: string;
  name: string;
  text: string;
}

export interface ImportedView {
  greeting?: string;
  asides: ShownAside[];
}

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

/** The node an aside's `after` names, or undefined for `start` and `opening`. */
export function asideNode(after: string): string | undefined {
  return after === 'start' || after === 'opening' ? undefined : after.split(':')[0];
}

/** An aside as a line of show's text: marked, so it is not read as part of the story. */
export function asideLine(aside: ShownAside): string {
  return `${asideMark(aside)} ${asideSaid(aside)}`.trimEnd();
}

/** An aside as a paragraph of the Markdown export: show's mark in italics, then who said what. */
export function asideMarkdown(aside: ShownAside): string {
  return `*${asideMark(aside)}* ${asideSaid(aside)}`.trimEnd();
}

const asideMark = (aside: ShownAside): string => `(kept aside on import, not played: ${aside.why})`;
const asideSaid = (aside: ShownAside): string => `${aside.name.trim() ? `${aside.name.trim()}: ` : ''}${aside.text}`;

/** The heading show and the Markdown export put over an imported greeting. */
export const GREETING_MARK = '(the greeting, imported from SillyTavern)';

/** The fields `show --json` adds for an imported session: `greeting`, and `asides` with the turn each follows (null when not on the active branch). */
export function importedJson(view: ImportedView | undefined, turnOf: (node: string) => number | undefined) {
  if (!view) return {};
  return {
    ...(view.greeting !== undefined ? { greeting: view.greeting } : {}),
    ...(view.asides.length > 0
      ? {
          asides: view.asides.map((a) => {
            const node = asideNode(a.after);
            return { after: a.after, turn: node === undefined ? 0 : (turnOf(node) ?? null), why: a.why, name: a.name, text: a.text };
          }),
        }
      : {}),
  };
}
