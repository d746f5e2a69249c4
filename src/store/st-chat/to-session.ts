/**
 * A SillyTavern chat as a skald session's records. The character's messages before the player's
 * first one are the opening (one of the world's when it matches one, else kept as written); each
 * player message and the reply after it are a turn, the reply's swipes its candidates and
 * `swipe_id` the one kept. Several messages of one side in a row are merged into one; system and
 * hidden messages, narrator messages (skald has no narrator voice beside the characters), lines
 * that hold no message, empty ones and a last message with no reply are not played but kept, so an
 * export writes them back. No critic runs on an imported reply: the turn is marked as imported
 * and carries no plan, prompt or critic verdicts of its own.
 */
import type { ImportedStart, NoteRecord, SessionRecord, SessionStartRecord, TurnRecord } from '../../engine/session/records.js';
import type { ForeignMessage } from '../../engine/types.js';
import type { Candidate, PacingProfile, Plan, PromptDiagnostics } from '../../engine/types.js';
import type { PlayerPersona, WorldPack } from '../../world/types.js';
import { PacingModel } from '../../engine/pacing/index.js';
import { characterNames, extractFacts } from '../../engine/memory/index.js';
import { neutralPlan } from '../../engine/planner/index.js';
import { openingMessage } from '../../engine/session/context.js';
import { parseStDate } from './dates.js';
import { noteFromHeader } from './note.js';
import { message, type StChat, type StMessage } from './parse.js';

export interface ChatImportInput {
  chat: StChat;
  /** The world as played: its player renamed to `persona` (see `namePlayer`). */
  pack: WorldPack;
  persona: PlayerPersona;
  /** The new session's id. */
  id: string;
  seed: number;
  /** When the import runs: the fallback for a chat whose dates cannot be read. */
  now: number;
  candidates: number;
  budget: number;
  pacingProfile?: PacingProfile;
}

/** What the import made of the chat, for its one-line report. */
export interface ChatImportSummary {
  turns: number;
  swipes: number;
  /** The world's opening the greeting matched, or undefined when it was kept as written (or missing). */
  openingMatched?: string;
  openingKept: boolean;
  /** Messages merged into a neighbour of the same side. */
  merged: number;
  system: number;
  /** Narrator messages (`extra.type` "narrator", SillyTavern's /sys): nobody's reply, kept aside. */
  narrator: number;
  /** Lines that are objects but hold no message (no `mes`), kept aside. */
  notMessages: number;
  /** The number of a last line cut off mid-way and left out. */
  cutLine?: number;
  /** The greeting's other swipes (a card's alternate greetings): kept for export, not played. */
  greetingSwipes: number;
  /** Played messages SillyTavern showed as their `extra.display_text` (a translation, say): skald plays `mes`. */
  displayText: number;
  /** Names on the player's played messages other than the persona's (a persona switched mid-chat): all are played as the persona. */
  otherPlayerNames: string[];
  empty: number;
  unanswered: number;
  /** Empty swipes left out of a reply's candidates. */
  emptySwipes: number;
  /** Replies whose text was none of their swipes: the text was added as a swipe and kept. */
  editedReplies: number;
  /** Messages whose date could not be read (their turn took the previous one's time). */
  undated: number;
  /** The chat's Author's Note: its length, where it goes now (absent when it was off there), and what of it skald does not keep. */
  note?: { chars: number; depth?: number; every?: number; unkept: string[] };
}

const PLAYED_FIELDS = ['mes', 'swipes', 'swipe_id', 'swipe_info'];
const without = (raw: ForeignMessage, fields: readonly string[]): ForeignMessage =>
  Object.fromEntries(Object.entries(raw).filter(([key]) => !fields.includes(key)));
const normal = (text: string) => text.replace(/\s+/g, ' ').trim();
const join = (texts: readonly string[]) => texts.join('\n\n');

interface Reply {
  texts: string[];
  chosen: number;
  info: unknown[];
}

const blankSummary = (): ChatImportSummary => ({
  turns: 0,
  swipes: 0,
  openingKept: false,
  merged: 0,
  system: 0,
  narrator: 0,
  notMessages: 0,
  greetingSwipes: 0,
  displayText: 0,
  otherPlayerNames: [],
  empty: 0,
  unanswered: 0,
  emptySwipes: 0,
  editedReplies: 0,
  undated: 0,
});

/**
 * What the import makes of a turn gathered from several messages (`imported.merged`): the
 * player's text, the reply's swipes and the one kept. An export that finds the turn still so
 * writes the messages back as they were, each with its own speaker.
 */
export function mergedTurn(raws: readonly ForeignMessage[]): { input: string; replies: string[]; chosen: number } {
  const messages = raws.map((raw, i) => message(raw, i + 1, 'chat'));
  const reply = mergedReply(
    messages.filter((m) => !m.isUser),
    blankSummary(),
  );
  return { input: join(messages.filter((m) => m.isUser).map((m) => m.text)), replies: reply.texts, chosen: reply.chosen };
}

/** The records of a new session holding `input.chat`, and what was made of it. */
export function chatToRecords(input: ChatImportInput): { records: SessionRecord[]; summary: ChatImportSummary } {
  const { chat, pack, persona } = input;
  const summary = blankSummary();
  const firstDate = chat.messages.map((m) => parseStDate(m.raw.send_date)).find((d) => d !== undefined);
  const startAt = parseStDate(chat.header?.create_date) ?? firstDate ?? input.now;

  const asides: NonNullable<ImportedStart['asides']> = [];
  const greeting: StMessage[] = [];
  const turns: TurnRecord[] = [];
  const pacing = new PacingModel(input.pacingProfile);
  let user: StMessage[] = [];
  let character: StMessage[] = [];
  let after = 'opening';
  const lines = new Map<ForeignMessage, number>();
  let lastAt = startAt;

  const flush = () => {
    const number = turns.length + 1;
    const nodeId = `n${number}`;
    const text = join(user.map((m) => m.text));
    const reply = mergedReply(character, summary);
    const at = dateOf(character[character.length - 1]) ?? dateOf(user[user.length - 1]);
    if (at === undefined) summary.undated += 1;
    lastAt = at ?? lastAt;
    // The reply the player answers, as play and a resume give it (engine/session/replay.ts): some messages need it ("I do.", "15.").
    const previous = turns[turns.length - 1];
    const heard = previous?.candidates[previous.chosen]?.text;
    pacing.observe({ kind: 'message', text, turn: number, ...(heard ? { heard } : {}) });
    const plan: Plan = { ...neutralPlan(pack, number), reason: 'Imported from SillyTavern: no plan was made for this turn.' };
    const candidates: Candidate[] = reply.texts.map((t, i) => ({
      id: `${nodeId}-c${i}`,
      text: t,
      variant: { beat: plan.beat, cadence: plan.cadence, label: 'SillyTavern' },
      critics: [],
      score: 0,
      repairs: [],
      incomplete: false,
      timing: { ttftMs: null, totalMs: 0, tokensPerSecond: null },
      retries: 0,
      imported: { from: 'sillytavern', ...(reply.info[i] !== undefined ? { info: reply.info[i] } : {}) },
    }));
    const runs = [...user, ...character];
    turns.push({
      type: 'turn',
      at: lastAt,
      nodeId,
      parentId: turns.length > 0 ? turns[turns.length - 1].nodeId : null,
      number,
      cause: 'play',
      input: { text },
      candidates,
      chosen: reply.chosen,
      plan,
      pacing: pacing.estimate(),
      prompt: emptyPrompt(input.budget),
      facts: extractFacts(text, number, persona.name, pack.language, {
        characters: characterNames(pack.characters),
      }),
      memory: { summary: '', summaryThrough: 0 },
      imported: {
        from: 'sillytavern',
        input: without(user[0].raw, PLAYED_FIELDS),
        reply: without(character[character.length - 1].raw, PLAYED_FIELDS),
        ...(user.length > 1 || character.length > 1 ? { merged: runs.map((m) => m.raw) } : {}),
      },
    });
    summary.merged += user.length - 1 + character.length - 1;
    summary.swipes += candidates.length;
    after = nodeId;
    user = [];
    character = [];
  };

  if (chat.cut) summary.cutLine = chat.cut.line;
  for (const m of chat.messages) {
    const narrator = !m.isUser && isNarrator(m.raw);
    if (m.notMessage || m.isSystem || narrator || isEmpty(m)) {
      // Not played (SillyTavern keeps hidden and system messages out of the prompt too), but kept.
      if (m.notMessage) summary.notMessages += 1;
      else if (m.isSystem) summary.system += 1;
      else if (narrator) summary.narrator += 1;
      else summary.empty += 1;
      // Where it stood: before the greeting, between a turn's message and its reply, or after a turn.
      const next = `n${turns.length + 1}`;
      const place =
        character.length > 0
          ? `${next}:reply${character.length}`
          : user.length > 0
            ? `${next}:input`
            : turns.length + greeting.length === 0
              ? 'start'
              : after;
      asides.push({ after: place, message: m.raw });
      lines.set(m.raw, m.line);
      continue;
    }
    if (shownOtherwise(m)) summary.displayText += 1;
    const name = m.name.trim();
    if (m.isUser && name && name !== persona.name && name !== 'You' && !summary.otherPlayerNames.includes(name))
      summary.otherPlayerNames.push(name);
    if (m.isUser) {
      if (character.length > 0) flush();
      user.push(m);
    } else if (user.length > 0) {
      character.push(m);
    } else {
      greeting.push(m);
    }
  }
  if (user.length > 0 && character.length > 0) flush();
  if (user.length > 0) {
    // The unanswered last message and what was set aside among it stay in the file's order, after the last turn.
    const pending = `n${turns.length + 1}:input`;
    const tail = asides.filter((a) => a.after === pending).map((a) => a.message);
    asides.splice(asides.length - tail.length, tail.length);
    for (const m of user) lines.set(m.raw, m.line);
    summary.unanswered += user.length;
    const ordered = [...tail, ...user.map((m) => m.raw)].sort((a, b) => (lines.get(a) ?? 0) - (lines.get(b) ?? 0));
    for (const message of ordered) asides.push({ after, message });
  }
  summary.turns = turns.length;

  const opening = openingOf(greeting, input, startAt, summary);
  const imported: ImportedStart = {
    from: 'sillytavern',
    ...(chat.header ? { header: chat.header } : {}),
    ...(greeting.length === 1 ? { opening: greeting[0].raw } : {}),
    ...(greeting.length > 1 ? { merged: greeting.map((m) => m.raw) } : {}),
    ...(asides.length > 0 ? { asides } : {}),
  };
  summary.merged += Math.max(0, greeting.length - 1);
  const start: SessionStartRecord = {
    type: 'session-start',
    v: 1,
    id: input.id,
    at: startAt,
    packId: pack.id,
    packTitle: pack.title,
    openingId: opening.id,
    persona: persona.name,
    seed: input.seed,
    provider: { id: 'sillytavern', label: 'imported from SillyTavern', offline: false },
    candidates: input.candidates,
    budget: input.budget,
    planner: true,
    ...(input.pacingProfile ? { pacingProfile: input.pacingProfile } : {}),
    ...(opening.text !== undefined ? { openingText: opening.text } : {}),
    imported,
  };
  // The chat's Author's Note is the story's note, as `/note` sets one.
  const chatNote = noteFromHeader(chat.header);
  const noteRecords: NoteRecord[] = chatNote?.note
    ? [{ type: 'note', at: Math.max(startAt, ...turns.map((t) => t.at)), note: chatNote.note }]
    : [];
  if (chatNote)
    summary.note = {
      chars: chatNote.chars,
      ...(chatNote.note ? { depth: chatNote.note.depth, every: chatNote.note.every } : {}),
      unkept: chatNote.unkept,
    };
  // After the imported turns, as a `/note` set now would be: it holds for the turns played from here.
  return { records: [start, ...turns, ...noteRecords], summary };

  function dateOf(m: StMessage): number | undefined {
    return parseStDate(m.raw.send_date);
  }
}

function shownOtherwise(m: StMessage): boolean {
  const extra = m.raw.extra;
  if (typeof extra !== 'object' || extra === null) return false;
  const shown = (extra as Record<string, unknown>).display_text;
  return typeof shown === 'string' && shown.trim().length > 0 && normal(shown) !== normal(m.text);
}

function isNarrator(raw: ForeignMessage): boolean {
  const extra = raw.extra;
  return typeof extra === 'object' && extra !== null && (extra as Record<string, unknown>).type === 'narrator';
}

function isEmpty(m: StMessage): boolean {
  return !m.text.trim() && !(m.swipes ?? []).some((s) => s.trim());
}

/** A message's swipes (its text alone when it has none), the kept one, and their SillyTavern data. */
function replyOf(m: StMessage, summary: ChatImportSummary): Reply {
  // An empty text with swipes shows its chosen swipe (or, when that is empty too, the first that is not).
  const picked = m.swipes?.[m.swipeId ?? 0];
  const text = m.text.trim() ? m.text : picked?.trim() ? picked : (m.swipes?.find((s) => s.trim()) ?? '');
  if (!m.swipes || m.swipes.length === 0) return { texts: [text], chosen: 0, info: [] };
  let texts = [...m.swipes];
  let info = texts.map((_, i) => m.swipeInfo?.[i]);
  let chosen = m.swipeId !== undefined && texts[m.swipeId] === text ? m.swipeId : texts.indexOf(text);
  if (chosen < 0) {
    // Edited after it was swiped: the text on screen is what the player kept.
    summary.editedReplies += 1;
    texts.push(text);
    info.push(undefined);
    chosen = texts.length - 1;
  }
  const keep = texts.map((t, i) => i === chosen || t.trim().length > 0);
  summary.emptySwipes += keep.filter((k) => !k).length;
  chosen = keep.slice(0, chosen).filter(Boolean).length;
  texts = texts.filter((_, i) => keep[i]);
  info = info.filter((_, i) => keep[i]);
  return { texts, chosen, info };
}

/**
 * Several replies in a row as one: the earlier ones' kept texts, then each swipe of the last. In a
 * group chat, where they come from several characters, each part is led by its speaker's name.
 */
function mergedReply(messages: readonly StMessage[], summary: ChatImportSummary): Reply {
  const lastMessage = messages[messages.length - 1];
  const last = replyOf(lastMessage, summary);
  if (messages.length === 1) return last;
  const speakers = new Set(messages.map((m) => m.name.trim()));
  const said = (m: StMessage, text: string) => (speakers.size > 1 && m.name.trim() ? `${m.name.trim()}: ${text}` : text);
  const before = messages.slice(0, -1).map((m) => {
    const r = replyOf(m, summary);
    return said(m, r.texts[r.chosen]);
  });
  return { ...last, texts: last.texts.map((t) => join([...before, said(lastMessage, t)])) };
}

/**
 * The greeting's messages as one text: each one's kept swipe, led by its speaker's name when
 * several characters greet (a group chat), as replies of several characters are.
 */
function greetingOf(greeting: readonly StMessage[], summary: ChatImportSummary): string {
  const speakers = new Set(greeting.map((m) => m.name.trim()));
  return join(
    greeting.map((m) => {
      const r = replyOf(m, { ...summary });
      summary.greetingSwipes += r.texts.length - 1;
      const text = r.texts[r.chosen];
      return speakers.size > 1 && m.name.trim() ? `${m.name.trim()}: ${text}` : text;
    }),
  );
}

/** The opening text the import makes of greeting messages, as they are in the file. */
export function greetingText(raws: readonly ForeignMessage[]): string {
  return greetingOf(
    raws.map((raw, i) => message(raw, i + 1, 'chat')),
    blankSummary(),
  );
}

/** The world's opening the greeting is, or the text to keep when it is none of them. */
function openingOf(
  greeting: readonly StMessage[],
  input: ChatImportInput,
  at: number,
  summary: ChatImportSummary,
): { id: string; text?: string } {
  const { pack, persona, seed } = input;
  const fallback = pack.openings[0].id;
  if (greeting.length === 0) return { id: fallback };
  const text = greetingOf(greeting, summary);
  const match = pack.openings.find((o) => normal(openingMessage(pack, o, persona, seed, at).text) === normal(text));
  if (match) {
    summary.openingMatched = match.id;
    return { id: match.id };
  }
  summary.openingKept = true;
  return { id: fallback, text };
}

function emptyPrompt(budget: number): PromptDiagnostics {
  return {
    tokens: 0,
    budget,
    breakdown: { system: 0, laws: 0, characters: 0, persona: 0, lore: 0, memory: 0, history: 0, directive: 0 },
    lore: [],
    loreFired: [],
    loreCut: [],
    memoryTokens: 0,
    historyMessages: 0,
    stop: [],
  };
}
