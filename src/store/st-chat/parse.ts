/**
 * Reading a SillyTavern chat file: JSON Lines, a header line first (`user_name`,
 * `character_name`, `create_date`, `chat_metadata`), then one line per message (`name`,
 * `is_user`, `is_system`, `send_date`, `mes`, optional `swipes`, `swipe_id`, `swipe_info`,
 * `extra`). Every line is checked before anything is made of the file: a line that is not JSON,
 * or a message whose fields have the wrong types, is refused with its line number. Two damages
 * SillyTavern itself lives with are read, not refused, and said: a last line cut off mid-way (a
 * save interrupted; SillyTavern skips it too) is left out, and a line that is an object but no
 * message (no `mes`, as tools that edit chat files add) is kept aside, not played.
 */
import type { ForeignMessage } from '../../engine/types.js';
import { neutralize } from '../../text/sanitize.js';

/** One message of the chat, with the line it came from. */
export interface StMessage {
  line: number;
  /** The message as it was in the file. */
  raw: ForeignMessage;
  name: string;
  isUser: boolean;
  isSystem: boolean;
  text: string;
  swipes?: string[];
  swipeId?: number;
  swipeInfo?: unknown[];
  /** A line that holds no message (`mes` missing): kept for export, never played. */
  notMessage?: boolean;
}

export interface StChat {
  /** The header line, when the file has one. */
  header?: ForeignMessage;
  messages: StMessage[];
  /** The last line, cut off mid-way (not JSON), that was left out: its number and first characters. */
  cut?: { line: number; start: string };
}

/** A chat file that cannot be read; the message names the line. */
export class StChatError extends Error {
  override readonly name = 'StChatError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a chat file's text; throws StChatError naming the first bad line. */
export function parseStChat(text: string, what: string): StChat {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const messages: StMessage[] = [];
  let header: ForeignMessage | undefined;
  let seen = 0;
  let cut: StChat['cut'];
  const last = lines.findLastIndex((l) => l.trim().length > 0);
  for (let i = 0; i < lines.length; i++) {
    const source = lines[i];
    if (!source.trim()) continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      // Only the last line, cut mid-way as an interrupted save leaves it: what came before is whole.
      if (i === last && i > 0 && source.trimStart().startsWith('{')) {
        cut = { line, start: neutralize(source.trim().slice(0, 40)) };
        break;
      }
      throw new StChatError(`${what} line ${line} is not JSON (${(error as Error).message.split('\n')[0]}); nothing was imported.`);
    }
    if (!isObject(value))
      throw new StChatError(
        `${what} line ${line} holds ${Array.isArray(value) ? 'a list' : JSON.stringify(value)?.slice(0, 20)}, not a message object; nothing was imported.`,
      );
    seen += 1;
    // The header is the first line, and is the one line without a message text.
    if (seen === 1 && !('mes' in value)) {
      header = value;
      continue;
    }
    messages.push(message(value, line, what));
  }
  if (seen === 0) throw new StChatError(`${what} is empty: a SillyTavern chat has a header line and one line per message.`);
  if (messages.length === 0) throw new StChatError(`${what} has a header but no messages, so there is no story to import.`);
  if (messages.every((m) => m.notMessage))
    throw new StChatError(`${what} has no line with a message text ("mes"), so there is no story to import.`);
  return { ...(header ? { header } : {}), messages, ...(cut ? { cut } : {}) };
}

/** One message line already read as JSON, checked as `parseStChat` checks it. */
export function message(raw: Record<string, unknown>, line: number, what: string): StMessage {
  const fail = (problem: string) => new StChatError(`${what} line ${line}: ${problem}; nothing was imported.`);
  if (!('mes' in raw)) return { line, raw, name: '', isUser: false, isSystem: false, text: '', notMessage: true };
  if (typeof raw.mes !== 'string')
    throw fail(`"mes" (the message text) is ${raw.mes === undefined ? 'missing' : `a ${typeof raw.mes}`}, not a string`);
  if (raw.name !== undefined && typeof raw.name !== 'string') throw fail('"name" is not a string');
  for (const flag of ['is_user', 'is_system'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean')
      throw fail(`"${flag}" is ${JSON.stringify(raw[flag])}, not true or false`);
  }
  // What is played is cleaned as model output is: no escape sequence or control character reaches a screen or a prompt.
  const out: StMessage = {
    line,
    raw,
    name: typeof raw.name === 'string' ? raw.name : '',
    isUser: raw.is_user === true,
    isSystem: raw.is_system === true,
    text: neutralize(raw.mes),
  };
  if (raw.swipes !== undefined) {
    if (!Array.isArray(raw.swipes) || raw.swipes.some((s) => typeof s !== 'string')) throw fail('"swipes" is not a list of texts');
    out.swipes = (raw.swipes as string[]).map(neutralize);
    if (raw.swipe_id !== undefined && !(Number.isInteger(raw.swipe_id) && (raw.swipe_id as number) >= 0))
      throw fail(`"swipe_id" is ${JSON.stringify(raw.swipe_id)}, not a swipe number`);
    if (typeof raw.swipe_id === 'number') out.swipeId = raw.swipe_id;
    if (Array.isArray(raw.swipe_info)) out.swipeInfo = raw.swipe_info;
  }
  return out;
}
