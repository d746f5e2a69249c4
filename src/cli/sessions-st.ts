/**
 * SillyTavern chats in and out: `skald sessions import CHAT.jsonl --world ID` makes a session of
 * a chat file, and `skald sessions export ID --format st` writes a session as one. The import is
 * read and checked whole before anything is written, and the session file appears whole or not
 * at all (sealed lines, as the store writes them), so it resumes with `skald play --resume`.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { personaNameProblem, namePlayer } from '../engine/persona-name.js';
import { hashSeed, seededRandom } from '../engine/random.js';
import { formatSessionId, openingMessage } from '../engine/session/context.js';
import { swipedOpening } from '../engine/session/records.js';
import { branchVariables } from '../engine/session/story-variables.js';
import type { Turn } from '../engine/types.js';
import { readSettings } from '../config/settings.js';
import { writeWholeSession } from '../store/copy.js';
import { loadSession, type LoadedSession } from '../store/load.js';
import { loadProfile } from '../store/profile.js';
import { shapeProblem } from '../store/schema.js';
import { sessionPath, sessionsDir } from '../store/session-file.js';
import { sessionToStChat } from '../store/st-chat/from-session.js';
import { parseStChat, StChatError, type StChat } from '../store/st-chat/parse.js';
import { chatToRecords, type ChatImportSummary } from '../store/st-chat/to-session.js';
import { resolveWorld } from '../world/discover.js';
import { MAX_IMPORT_BYTES } from '../world/import/errors.js';
import { choosePlayer } from './persona-choice.js';
import { displayLine, safeJson } from './output.js';
import { fileErrorReason, InputError, UsageError } from '../errors.js';
import { resolveWorldOrExit } from './world-resolve.js';

const print = (line: string) => process.stdout.write(`${line}\n`);
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export interface ImportChatOptions {
  world?: string;
  persona?: string;
  json?: boolean;
}

/** `skald sessions import <chat.jsonl> --world ID [--persona NAME] [--json]`: prints one line saying what was made. */
export async function importChat(file: string, options: ImportChatOptions, now: () => number = Date.now): Promise<void> {
  if (!options.world)
    throw new UsageError(
      'Say which world the chat is played in: `skald sessions import chat.jsonl --world <id>` (`skald worlds list` shows them; a card imported with `skald worlds import` is one).',
    );
  const what = basename(file);
  const chat = parse(await readChat(file), what);
  const world = await resolveWorldOrExit(options.world);

  const fromChat = chatUserName(chat);
  const requested = options.persona?.trim();
  if (requested !== undefined && personaNameProblem(requested))
    throw new UsageError(`The --persona name cannot be used. ${personaNameProblem(requested)}`);
  // SillyTavern's default "You" (or a name skald cannot use) is not a persona: the usual player plays instead.
  const usable = (name: string | undefined) => (name && name !== 'You' && !personaNameProblem(name) ? name : undefined);
  const choice = choosePlayer(world.pack, requested ?? usable(fromChat));
  const { pack, persona } = namePlayer(choice.pack, choice.persona ?? choice.pack.player);

  const settings = readSettings();
  const profile = await loadProfile();
  const dir = sessionsDir();
  const started = now();
  const random = seededRandom(hashSeed(started, process.pid, what));
  let id = formatSessionId(started, random);
  while (existsSync(sessionPath(id, dir))) id = formatSessionId(started, random);
  const { records, summary } = chatToRecords({
    chat,
    pack,
    persona,
    id,
    seed: hashSeed(what, chat.messages.length, started),
    now: started,
    candidates: settings.candidates,
    budget: settings.contextBudget,
    ...(profile ? { pacingProfile: { ...profile, sessions: profile.sessions + 1 } } : {}),
  });
  // What was made must read back as the store reads it; a record that would not is a bug, refused here.
  for (const record of records) {
    const problem = shapeProblem(JSON.parse(JSON.stringify(record)));
    if (problem) throw new InputError(`${what} could not be made into a session (${problem}); nothing was written.`);
  }
  try {
    await mkdir(dir, { recursive: true });
    await writeWholeSession(dir, id, records);
  } catch (error) {
    throw new InputError(`Cannot write the imported session to ${dir} (${fileErrorReason(error)}); nothing was written.`);
  }
  const check = await loadSession(id);
  if (check.warnings.length > 0) process.stderr.write(`${displayLine(check.warnings.join(' '))}\n`);

  if (options.json) {
    print(safeJson({ id, world: pack.id, persona: persona.name, ...summary }, 2));
    return;
  }
  // A pack played from a path is not found by its id on resume: the hint names the path.
  const resumeWorld = world.origin === 'path' ? `${JSON.stringify(options.world)} ` : '';
  const name = fromChat && fromChat !== persona.name ? ` (the chat's "${fromChat}" is played as ${persona.name})` : '';
  print(
    displayLine(
      `Imported ${what} into world ${pack.id} as session ${id}${name}: ${report(summary)} Play on with \`skald play ${resumeWorld}--resume ${id}\`.`,
    ),
  );
}

/**
 * The name the player had in the chat: the header's `user_name`, unless it is the placeholder
 * SillyTavern has written there since 1.12 ("unused"), then the name on the player's first message.
 */
export function chatUserName(chat: StChat): string | undefined {
  const named = chat.header?.user_name;
  if (typeof named === 'string' && named.trim() && named.trim() !== 'unused') return named.trim();
  return chat.messages.find((m) => m.isUser && !m.notMessage && m.name.trim())?.name.trim();
}

/** The summary's clauses, in one sentence: what became what, what was merged, kept aside or left out. */
export function report(s: ChatImportSummary): string {
  const parts = [`${plural(s.turns, 'turn')}, ${plural(s.swipes, 'swipe')} (no critics ran on them)`];
  if (s.openingMatched) parts.push(`the greeting is the world's opening "${s.openingMatched}"`);
  else if (s.openingKept) parts.push("the greeting is kept as written (it matches none of the world's openings)");
  else parts.push("the chat has no greeting, so the story opens with the world's first opening");
  if (s.merged > 0) parts.push(`${plural(s.merged, 'message')} merged into the one before (same side in a row)`);
  const aside = [
    s.system > 0 ? `${s.system} system or hidden` : '',
    s.narrator > 0 ? `${s.narrator} narrator` : '',
    s.empty > 0 ? `${s.empty} empty` : '',
    s.unanswered > 0 ? `${s.unanswered} unanswered (your last, with no reply)` : '',
  ].filter(Boolean);
  const asides = s.system + s.narrator + s.empty + s.unanswered;
  if (aside.length > 0) parts.push(`not played but kept for export: ${aside.join(', ')} message${asides === 1 ? '' : 's'}`);
  if (s.notMessages > 0) parts.push(`${plural(s.notMessages, 'line')} holding no message (no "mes") kept for export, not played`);
  if (s.greetingSwipes > 0)
    parts.push(`the greeting's ${plural(s.greetingSwipes, 'other swipe')} (alternate greetings) kept for export, not played`);
  if (s.editedReplies > 0) parts.push(`${plural(s.editedReplies, 'reply', 'replies')} edited after swiping kept as an extra swipe`);
  if (s.emptySwipes > 0) parts.push(`${plural(s.emptySwipes, 'empty swipe')} left out`);
  if (s.displayText > 0)
    parts.push(
      `${plural(s.displayText, 'message')} SillyTavern showed as its display text (a translation, say): skald plays the message's own text, and keeps the display text for export`,
    );
  if (s.otherPlayerNames.length > 0)
    parts.push(`your messages sent as ${s.otherPlayerNames.map((n) => `"${n}"`).join(', ')} are played, and exported, under your one name`);
  if (s.undated > 0) parts.push(`${plural(s.undated, 'turn')} without a readable date (given the one before)`);
  if (s.cutLine !== undefined) parts.push(`line ${s.cutLine} was cut off mid-way (a damaged save) and is left out`);
  if (s.note)
    parts.push(
      `the chat's Author's Note (${s.note.chars} chars) ${s.note.depth !== undefined ? `is the story's note, ${s.note.depth} messages from the end ${s.note.every === 1 ? 'every turn' : `every ${s.note.every} turns`} (\`/note\` shows it)` : 'is kept for export'}${s.note.unkept.length ? `: ${s.note.unkept.join('; ')}` : ''}`,
    );
  return `${parts.join('; ')}.`;
}

async function readChat(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (info.size > MAX_IMPORT_BYTES)
      throw new InputError(`${basename(file)} is ${(info.size / 1024 / 1024).toFixed(1)} MB; chat files are limited to 50 MB.`);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : fileErrorReason(error)}).`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${basename(file)} is not UTF-8 text; a SillyTavern chat is JSON Lines.`);
  }
}

function parse(text: string, what: string) {
  try {
    return parseStChat(text, what);
  } catch (error) {
    if (error instanceof StChatError) throw new InputError(error.message);
    throw error;
  }
}

/**
 * The active branch of `loaded` as a SillyTavern chat file. The world is loaded for the opening
 * as the player read it and the character's name; without it the opening is left out (said on stderr).
 */
export async function stChatText(loaded: LoadedSession, turns: readonly Turn[]): Promise<string> {
  const { start } = loaded;
  // Since 1.12 SillyTavern writes "unused" in the header for the names: it names nobody.
  const named = start.imported?.header?.character_name;
  const header = typeof named === 'string' && named !== 'unused' ? named : undefined;
  let characterName = header || start.packTitle;
  let opening: { text: string; swipes: string[]; chosen: number } | undefined;
  // The opening's own variables count only where the world is there to read it.
  const names = { user: start.persona, char: characterName };
  const initial = start.imported?.header;
  let variables = branchVariables('', turns, names, initial);
  const world = await resolveWorld(start.packId).catch(() => undefined);
  if (world) {
    const { pack, persona } = namePlayer(world.pack, { ...world.pack.player, name: start.persona });
    const current = pack.openings.find((o) => o.id === start.openingId) ?? pack.openings[0];
    const speaker = pack.characters.find((c) => current.characters.includes(c.id)) ?? pack.characters[0];
    if (speaker && !header) characterName = speaker.name;
    variables = branchVariables(current.text, turns, { ...names, char: speaker?.nickname ?? speaker?.name ?? '' }, initial);
    const swiped = swipedOpening(loaded.records, (id) => pack.openings.some((o) => o.id === id));
    if (start.openingText !== undefined && swiped === undefined) {
      opening = { text: start.openingText, swipes: [start.openingText], chosen: 0 };
    } else {
      const swipes = pack.openings.map((o) => openingMessage(pack, o, persona, start.seed, start.at).text);
      const chosen = pack.openings.indexOf(current);
      opening = { text: swipes[chosen], swipes, chosen };
    }
  } else if (start.openingText !== undefined) {
    opening = { text: start.openingText, swipes: [start.openingText], chosen: 0 };
  } else {
    process.stderr.write(
      `${displayLine(`World "${start.packId}" is neither bundled nor installed, so the chat starts without its greeting.`)}\n`,
    );
  }
  // The story's note is its last note record, whichever branch: the note is the story's.
  const noteRecord = loaded.records.findLast((r) => r.type === 'note');
  const note = noteRecord?.type === 'note' ? noteRecord.note : undefined;
  return sessionToStChat({
    start,
    turns,
    characterName,
    ...(opening ? { opening } : {}),
    variables,
    ...(note !== undefined ? { note } : {}),
  });
}
