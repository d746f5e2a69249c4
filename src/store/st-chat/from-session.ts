/**
 * A session's active branch as a SillyTavern chat file: the header line, the greeting (with the
 * world's other openings as its swipes, as SillyTavern shows a card's alternate greetings), then
 * the player's message and the reply of each turn, the reply's candidates as its swipes and
 * `swipe_id` the one kept. What an import kept of the original file (the header, `extra`,
 * `swipe_info`, dates, system and hidden messages) is written back as it was.
 */
import type { SessionStartRecord } from '../../engine/session/records.js';
import type { ForeignMessage } from '../../engine/types.js';
import type { Candidate, Turn } from '../../engine/types.js';
import { jsonText } from '../../text/sanitize.js';
import type { AuthorsNote } from '../../engine/prompt/authors-note.js';
import { formatCreateDate, formatSendDate } from './dates.js';
import { withNote } from './note.js';
import { greetingText, mergedTurn } from './to-session.js';

export interface ChatExportInput {
  start: SessionStartRecord;
  /** The active branch, oldest first. */
  turns: readonly Turn[];
  /** The opening as the player read it; none when the world could not be loaded. */
  opening?: { text: string; swipes: string[]; chosen: number };
  /** Who speaks the replies: the opening's first character. */
  characterName: string;
  /**
   * The story's variables at the end of the branch, written where SillyTavern keeps a chat's
   * (`chat_metadata.variables`, public/scripts/variables.js), so they play on there.
   */
  variables?: Record<string, string>;
  /** The story's author's note as it stands (null: removed), written where SillyTavern keeps a chat's; undefined: never set. */
  note?: AuthorsNote | null;
}

const normal = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The chat file's text: one JSON object a line, a newline after each. */
export function sessionToStChat(input: ChatExportInput): string {
  const { start, turns, characterName } = input;
  const imported = start.imported;
  const header = imported?.header ?? {};
  const lines: ForeignMessage[] = [
    !imported?.header && importedGroup(input)
      ? { ...GROUP_HEADER, chat_metadata: withNote(withVariables({}, input.variables), input.note, undefined) }
      : {
          ...header,
          user_name: start.persona,
          character_name: typeof header.character_name === 'string' ? header.character_name : characterName,
          create_date: header.create_date ?? formatCreateDate(start.at),
          chat_metadata: withNote(withVariables(header.chat_metadata, input.variables), input.note, imported?.header),
        },
  ];
  if (input.opening) lines.push(...greeting(input.opening, input));
  const asidesAfter = (node: string): ForeignMessage[] => (imported?.asides ?? []).filter((a) => a.after === node).map((a) => a.message);
  // What stood before the greeting goes before it.
  lines.splice(1, 0, ...asidesAfter('start'));
  lines.push(...asidesAfter('opening'));
  for (const turn of turns) {
    const source = turn.imported;
    const replyAt = turn.createdAt;
    const inputAt = replyAt - Math.max(0, ...turn.candidates.map((c) => c.timing.totalMs));
    if (source?.merged && asImported(turn, source.merged)) {
      // Several messages made one turn (a group chat's replies, say) and it is unchanged: each goes back as it was.
      const player = (m: ForeignMessage) => m.is_user === true;
      lines.push(...source.merged.filter(player).map((m) => ({ ...m, name: start.persona })));
      lines.push(...asidesAfter(`${turn.id}:input`));
      source.merged.filter((m) => !player(m)).forEach((m, i) => lines.push(m, ...asidesAfter(`${turn.id}:reply${i + 1}`)));
      lines.push(...asidesAfter(turn.id));
      continue;
    }
    lines.push({
      ...(source?.input ?? {}),
      name: start.persona,
      is_user: true,
      is_system: false,
      send_date: source?.input.send_date ?? formatSendDate(inputAt),
      mes: turn.input.text,
      extra: source?.input.extra ?? {},
    });
    lines.push(...asidesAfter(`${turn.id}:input`));
    lines.push({
      ...(source?.reply ?? {}),
      name: typeof source?.reply.name === 'string' && source.reply.name ? source.reply.name : characterName,
      is_user: false,
      is_system: false,
      send_date: source?.reply.send_date ?? formatSendDate(replyAt),
      mes: turn.candidates[turn.chosen]?.text ?? '',
      extra: source?.reply.extra ?? {},
      swipe_id: turn.chosen,
      swipes: turn.candidates.map((c) => c.text),
      swipe_info: turn.candidates.map((c) => swipeInfo(c, replyAt)),
    });
    // What stood among the replies merged into this one goes after it.
    const among = (imported?.asides ?? []).filter((a) => a.after === turn.id || a.after.startsWith(`${turn.id}:reply`));
    lines.push(...among.map((a) => a.message));
  }
  // Escaped so the file is safe to print: the same data, no raw control or bidi character.
  return lines.map((line) => `${jsonText(line)}\n`).join('');
}

/** The header's `chat_metadata` with the story's variables in it (those an import read from it included). */
function withVariables(metadata: unknown, variables: Record<string, string> | undefined): Record<string, unknown> {
  const kept = typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : {};
  if (!variables || Object.keys(variables).length === 0) return kept;
  const before = kept.variables;
  const old = (typeof before === 'object' && before !== null && !Array.isArray(before) ? before : {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...old };
  // A value the story left as the import read it goes back as it was (a number stays a number).
  for (const [name, value] of Object.entries(variables)) {
    const was = old[name];
    if (was === undefined || (typeof was === 'string' ? was : JSON.stringify(was)) !== value) merged[name] = value;
  }
  return { ...kept, variables: merged };
}

/**
 * The header SillyTavern writes on a group chat (saveGroupChat, public/scripts/group-chats.js): the
 * chat's metadata, and names it does not use, as a group's members live in the group's own file.
 * getGroupChat drops a first line that has `chat_metadata` and plays the rest, so a group chat
 * imported without a header (SillyTavern before 1.12 wrote none) goes back with the one a current
 * SillyTavern would have saved.
 */
const GROUP_HEADER: ForeignMessage = { chat_metadata: {}, user_name: 'unused', character_name: 'unused' };

/** A chat imported from a group chat file: SillyTavern marks its messages `is_group`. */
function importedGroup(input: ChatExportInput): boolean {
  const imported = input.start.imported;
  const raws = [
    ...(imported?.opening ? [imported.opening] : []),
    ...(imported?.merged ?? []),
    ...(imported?.asides ?? []).map((a) => a.message),
    ...input.turns.flatMap((t) => (t.imported ? [t.imported.input, t.imported.reply, ...(t.imported.merged ?? [])] : [])),
  ];
  return raws.some((m) => m.is_group === true);
}

/** Whether the turn is still what the import made of `merged`: same text, same swipes, same one kept. */
function asImported(turn: Turn, merged: readonly ForeignMessage[]): boolean {
  const made = mergedTurn(merged);
  return (
    made.input === turn.input.text &&
    made.chosen === turn.chosen &&
    made.replies.length === turn.candidates.length &&
    made.replies.every((text, i) => turn.candidates[i].text === text)
  );
}

/** The greeting: as the import found it when the story still opens with it, else the world's openings as swipes. */
function greeting(opening: NonNullable<ChatExportInput['opening']>, input: ChatExportInput): ForeignMessage[] {
  const imported = input.start.imported;
  const kept = opening.swipes[opening.chosen] ?? opening.text;
  if (imported?.opening && normal(chosenText(imported.opening)) === normal(kept)) return [imported.opening];
  // Several greetings (a group chat's) were made one opening, each led by its speaker; sessions
  // imported before that joined the texts alone.
  const merged = imported?.merged;
  if (merged && [greetingText(merged), merged.map(chosenText).join('\n\n')].some((t) => normal(t) === normal(kept))) return merged;
  const at = formatSendDate(input.start.at);
  return [
    {
      name: input.characterName,
      is_user: false,
      is_system: false,
      send_date: at,
      mes: kept,
      extra: {},
      swipe_id: opening.chosen,
      swipes: opening.swipes,
      swipe_info: opening.swipes.map(() => ({ send_date: at, extra: {} })),
    },
  ];
}

/** The text a SillyTavern message shows: its chosen swipe, else its `mes`. */
function chosenText(message: ForeignMessage): string {
  const { mes, swipes, swipe_id: id } = message;
  if (typeof mes === 'string' && mes.trim()) return mes;
  return Array.isArray(swipes) && typeof id === 'number' && typeof swipes[id] === 'string'
    ? swipes[id]
    : typeof mes === 'string'
      ? mes
      : '';
}

function swipeInfo(candidate: Candidate, at: number): unknown {
  if (candidate.imported?.info !== undefined) return candidate.imported.info;
  return {
    send_date: formatSendDate(at),
    gen_started: new Date(at - candidate.timing.totalMs).toISOString(),
    gen_finished: new Date(at).toISOString(),
    extra: {},
  };
}
