/**
 * What `sessions show` prints from the lean reader (store/lean-story.ts), in both forms, and the
 * pieces the careful path shares with it. Light on purpose: the quick path that answers `skald
 * sessions show` before the CLI is read (sessions-show-launch.ts) loads this and the reader, not
 * the careful loader, the tree, commander or the importer (an imported story's greeting and
 * asides are read by the caller, `importedView`, and passed in).
 */
import { redactSecrets } from '../text/redact.js';
import type { SessionStartRecord } from '../engine/session/records.js';
import { neutralize } from '../text/sanitize.js';
import { unfinishedReason } from '../commands/texts.js';
import type { LeanStory } from '../store/lean-story.js';
import { cleaningMayChange, jsonCleaningMayChange } from '../text/clean-check.js';
import { asideLine, asideNode, GREETING_MARK, importedJson, type ImportedView } from './sessions-show-asides.js';
import { alongPrompts, promptChange, promptChangeLines, promptFields, type PromptState } from './story-prompt-view.js';

export const clean = (text: string) => neutralize(redactSecrets(text));
/** A line as `out` writes it: with a newline unless it ends with one. */
export const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** The turn number of a node on the shown branch. */
export const numberOf = (turns: ReadonlyArray<{ id: string; number: number }>) => {
  const byId = new Map(turns.map((t) => [t.id, t.number]));
  return (node: string) => byId.get(node);
};

/** The story's header as `show --json` and `export --format json` print it. */
export function header(start: SessionStartRecord) {
  return {
    id: start.id,
    world: start.packId,
    worldTitle: start.packTitle,
    opening: start.openingId,
    persona: start.persona,
    provider: start.provider.label,
    offline: start.provider.offline,
    seed: start.seed,
    createdAt: new Date(start.at).toISOString(),
  };
}

/**
 * The line under a reply that did not finish, worded as the play screen words it: stopped by the
 * player (Esc), cut off by a failure or a stream that broke off or stalled, or left unfinished.
 * `--json` says the same with each candidate's `incomplete`.
 */
export function unfinishedMark(reply: { incomplete: boolean; finishReason?: string; error?: string } | undefined): string | undefined {
  if (!reply) return undefined;
  if (reply.finishReason === 'aborted') return '(stopped by you before the end)';
  if (reply.error !== undefined) return `(cut off: ${reply.error})`;
  if (!reply.incomplete) return undefined;
  const why = unfinishedReason(reply.finishReason);
  return reply.finishReason === 'interrupted' || reply.finishReason === 'timeout' ? `(cut off: ${why})` : `(unfinished: ${why})`;
}

/**
 * Logs the quick path read and could not vouch for in this process: the CLI it hands over to goes
 * straight to the careful loader instead of reading them a second time (a damaged 10,000-turn log
 * would otherwise be read and parsed twice before its warnings were printed). The quick path is a
 * bundle of its own (dist/show.js) with its own copy of this module, so the set is kept where both
 * copies find it.
 */
const REFUSED = Symbol.for('skald.sessions-show.lean-refused');
const refused = ((globalThis as { [REFUSED]?: Set<string> })[REFUSED] ??= new Set<string>());
export const refuseLean = (path: string): void => void refused.add(path);
export const leanRefused = (path: string): boolean => refused.has(path);

/**
 * What show prints for a story the lean reader vouched for (`--json` as its UTF-8 bytes unless
 * cleaning changed it); `imported` is `importedView(story.start)`.
 */
export function showLeanStory(story: LeanStory, id: string, json: boolean, imported: ImportedView | undefined): string | Buffer {
  return json ? leanJson(story, imported) : leanText(story, id, imported);
}

export interface TextTurn {
  /** Its node id, where an imported chat's asides are placed. */
  id: string;
  number: number;
  input: string;
  reply: string;
  prompt: PromptState | undefined;
  /** Set when the reply did not finish (unfinishedMark). */
  mark: string | undefined;
}

export function textOutput(
  start: SessionStartRecord,
  id: string,
  stats: { turns: number; branches: number },
  turns: TextTurn[],
  end: PromptState,
  imported: ImportedView | undefined,
): string {
  // Each piece is cleaned on its own, as ever; a piece can hold something cleaning would change
  // only if the whole output does, so the whole is tested once and the pieces only then.
  const pieces: string[] = [`${start.packTitle} (${start.packId}) · opening ${start.openingId} · ${start.provider.label}`];
  const counts = `${stats.turns} turn${stats.turns === 1 ? '' : 's'} on the active branch, ${stats.branches} branch${stats.branches === 1 ? '' : 'es'} · session ${id}\n`;
  const changes = (before: PromptState, now: PromptState) => {
    for (const change of promptChangeLines(before, now)) pieces.push(change);
  };
  const { steps, last } = alongPrompts(turns, (turn) => turn.prompt);
  const asides = (where: (after: string) => boolean) => {
    for (const aside of imported?.asides ?? []) if (where(aside.after)) pieces.push(asideLine(aside));
  };
  asides((after) => after === 'start');
  if (imported?.greeting !== undefined) pieces.push(GREETING_MARK, `${imported.greeting}\n`);
  asides((after) => after === 'opening');
  for (const { turn, before, now } of steps) {
    changes(before, now);
    pieces.push(`[${turn.number}] > ${turn.input}`);
    asides((after) => after === `${turn.id}:input`);
    pieces.push(turn.mark === undefined ? `${turn.reply}\n` : `${turn.reply}\n${turn.mark}\n`);
    asides((after) => asideNode(after) === turn.id && after !== `${turn.id}:input`);
  }
  changes(last, end);
  const plain = pieces.map(line);
  const shown = (text: string[]) => [text[0], line(counts), ...text.slice(1)].join('');
  const whole = shown(plain);
  return cleaningMayChange(whole) ? shown(pieces.map((piece) => line(clean(piece)))) : whole;
}

function leanText(story: LeanStory, id: string, imported: ImportedView | undefined): string {
  const turns = story.turns.map((t) => ({
    id: t.id,
    number: t.number,
    input: t.input,
    reply: t.candidates[t.chosen]?.text ?? '',
    prompt: t.prompt,
    mark: unfinishedMark(t.candidates[t.chosen]),
  }));
  return textOutput(leanStart(story), id, { turns: story.turns.length, branches: story.branches }, turns, story.prompt, imported);
}

function leanStart(story: LeanStory): SessionStartRecord {
  return story.openingId === undefined ? story.start : { ...story.start, openingId: story.openingId };
}

/** `show --json` from the lean reader: the same object as the careful path, so the same text. */
function leanJson(story: LeanStory, view: ImportedView | undefined): string | Buffer {
  const turns = alongPrompts(story.turns, (t) => t.prompt).steps.map(({ turn: t, before, now }) => ({
    turn: t.number,
    input: t.input,
    reply: t.candidates[t.chosen]?.text ?? '',
    chosen: t.chosen,
    // The fields show has always printed for a reply: `incomplete` already says it did not finish.
    candidates: t.candidates.map(({ text, score, variant, incomplete }) => ({ text, score, variant, incomplete })),
    beat: t.beat,
    pacing: t.pacing,
    promptTokens: t.promptTokens,
    createdAt: new Date(t.at).toISOString(),
    ...(t.imported !== undefined ? { imported: t.imported } : {}),
    ...promptChange(before, now),
  }));
  const imported = importedJson(view, numberOf(story.turns));
  const json = JSON.stringify({ ...header(leanStart(story)), ...promptFields(story.prompt), turns, ...imported }, null, 2);
  // Encoded once, newline included, for the write (the text and a newline joined would be copied
  // whole first); the bytes also answer most of "would cleaning change it" without a regex pass.
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(json) + 1);
  bytes[bytes.write(json)] = 0x0a;
  return jsonCleaningMayChange(json, bytes) ? line(clean(json)) : bytes;
}
