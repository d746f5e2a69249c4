/**
 * `skald sessions show <id|last> [--json]`: the active branch of a saved story. A story the lean
 * reader can vouch for (store/lean-story.ts) is printed from it, and cleaned (keys redacted,
 * control characters removed) only when a quick check finds something cleaning would change.
 * Anything else (damage, an older log, a record only the schema can judge) goes through the
 * careful loader, whose output and warnings are the contract; tests hold the two to the same
 * bytes. The output goes out in one write.
 */
import { readFile } from 'node:fs/promises';
import { redactSecrets } from '../text/redact.js';
import type { SessionStartRecord } from '../engine/session/records.js';
import type { Turn } from '../engine/types.js';
import { neutralize } from '../text/sanitize.js';
import { unfinishedReason } from '../commands/texts.js';
import { activeBranch, branchStats } from '../store/branch.js';
import { readLeanStory, type LeanStory } from '../store/lean-story.js';
import { cleaningMayChange, jsonCleaningMayChange } from '../text/clean-check.js';
import type { LoadedSession } from '../store/load.js';
import { sessionPath } from '../store/session-file.js';
import { asideLine, asideNode, GREETING_MARK, importedJson, importedView } from './sessions-show-imported.js';
import { alongPrompts, promptChange, promptChangeLines, promptFields, promptStates, type PromptState } from './story-prompt-view.js';

const clean = (text: string) => neutralize(redactSecrets(text));
/** A line as `out` writes it: with a newline unless it ends with one. */
const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** The turn number of a node on the shown branch. */
const numberOf = (turns: ReadonlyArray<{ id: string; number: number }>) => {
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

/** A turn as `sessions show --json` prints it. */
export function turnSummary(turn: Turn) {
  const reply = turn.candidates[turn.chosen];
  return {
    turn: turn.number,
    input: turn.input.text,
    reply: reply?.text ?? '',
    chosen: turn.chosen,
    // An imported reply was never scored here: null, not a made-up 0.
    candidates: turn.candidates.map((c) => ({
      text: c.text,
      score: c.imported ? null : c.score,
      variant: c.variant.label,
      incomplete: c.incomplete,
    })),
    beat: turn.plan.beat,
    pacing: turn.pacing.score,
    promptTokens: turn.prompt.tokens,
    createdAt: new Date(turn.createdAt).toISOString(),
    ...(turn.imported ? { imported: turn.imported.from } : {}),
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
 * The turns of the active branch as `view` shows them, each with the note and system prompt
 * changes it was played under, and the story-level fields (what is in force at the end).
 */
export function withPromptChanges<T extends object>(loaded: LoadedSession, turns: Turn[], view: (turn: Turn) => T) {
  const { byNode, end } = promptStates(loaded.records);
  const shown = alongPrompts(turns, (turn) => byNode.get(turn.id)).steps.map(({ turn, before, now }) => ({
    ...view(turn),
    ...promptChange(before, now),
  }));
  return { turns: shown, story: promptFields(end) };
}

/**
 * Prints the story: from the lean reader when it vouches for the file, else from `careful()`.
 * `write` takes the whole output (stdout), `warn` each warning line (stderr).
 */
export async function showSession(
  id: string,
  json: boolean,
  careful: () => Promise<LoadedSession>,
  write: (text: string | Buffer) => void,
  warn: (text: string) => void,
): Promise<void> {
  const bytes = await readFile(sessionPath(id)).catch(() => undefined);
  const lean = bytes ? showLean(bytes, id, json) : undefined;
  if (lean !== undefined) {
    write(lean);
    return;
  }
  const shown = showLoaded(await careful(), json);
  for (const warning of shown.warnings) warn(warning);
  write(shown.text);
}

/**
 * What show prints for the log `bytes` of session `id`, when the lean reader vouches for them
 * (`--json` as its UTF-8 bytes unless cleaning changed it).
 */
export function showLean(bytes: Buffer, id: string, json: boolean): string | Buffer | undefined {
  const lean = readLeanStory(bytes);
  return lean ? (json ? leanJson(lean) : leanText(lean, id)) : undefined;
}

/** What show prints for a loaded session, and its warnings (each a line). */
export function showLoaded(loaded: LoadedSession, json: boolean): { text: string; warnings: string[] } {
  const turns = activeBranch(loaded.records);
  // Show prints no rolling summary and no reply as first sent, so one not rebuilt is not its to warn of (resume and repair do).
  const warnings = loaded.problems.filter((p) => p.kind !== 'summary' && p.kind !== 'raw').map((p) => `${clean(p.message)}\n`);
  if (json) {
    const view = withPromptChanges(loaded, turns, turnSummary);
    const imported = importedJson(importedView(loaded.start), numberOf(turns));
    return {
      text: line(clean(JSON.stringify({ ...header(loaded.start), ...view.story, turns: view.turns, ...imported }, null, 2))),
      warnings,
    };
  }
  const stats = branchStats(loaded.records);
  const { byNode, end } = promptStates(loaded.records);
  const shown = turns.map((turn) => {
    const reply = turn.candidates[turn.chosen];
    return {
      id: turn.id,
      input: turn.input.text,
      reply: reply?.text ?? '',
      number: turn.number,
      prompt: byNode.get(turn.id),
      mark: unfinishedMark(reply && { incomplete: reply.incomplete, finishReason: reply.finishReason, error: reply.error?.message }),
    };
  });
  return { text: textOutput(loaded.start, loaded.id, stats, shown, end), warnings };
}

interface TextTurn {
  /** Its node id, where an imported chat's asides are placed. */
  id: string;
  number: number;
  input: string;
  reply: string;
  prompt: PromptState | undefined;
  /** Set when the reply did not finish (unfinishedMark). */
  mark: string | undefined;
}

function textOutput(
  start: SessionStartRecord,
  id: string,
  stats: { turns: number; branches: number },
  turns: TextTurn[],
  end: PromptState,
): string {
  // Each piece is cleaned on its own, as ever; a piece can hold something cleaning would change
  // only if the whole output does, so the whole is tested once and the pieces only then.
  const pieces: string[] = [`${start.packTitle} (${start.packId}) · opening ${start.openingId} · ${start.provider.label}`];
  const counts = `${stats.turns} turn${stats.turns === 1 ? '' : 's'} on the active branch, ${stats.branches} branch${stats.branches === 1 ? '' : 'es'} · session ${id}\n`;
  const changes = (before: PromptState, now: PromptState) => {
    for (const change of promptChangeLines(before, now)) pieces.push(change);
  };
  const { steps, last } = alongPrompts(turns, (turn) => turn.prompt);
  const imported = importedView(start);
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

function leanText(story: LeanStory, id: string): string {
  const turns = story.turns.map((t) => ({
    id: t.id,
    number: t.number,
    input: t.input,
    reply: t.candidates[t.chosen]?.text ?? '',
    prompt: t.prompt,
    mark: unfinishedMark(t.candidates[t.chosen]),
  }));
  return textOutput(leanStart(story), id, { turns: story.turns.length, branches: story.branches }, turns, story.prompt);
}

function leanStart(story: LeanStory): SessionStartRecord {
  return story.openingId === undefined ? story.start : { ...story.start, openingId: story.openingId };
}

/** `show --json` from the lean reader: the same object as the careful path, so the same text. */
function leanJson(story: LeanStory): string | Buffer {
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
  const imported = importedJson(importedView(story.start), numberOf(story.turns));
  const json = JSON.stringify({ ...header(leanStart(story)), ...promptFields(story.prompt), turns, ...imported }, null, 2);
  // Encoded once, newline included, for the write (the text and a newline joined would be copied
  // whole first); the bytes also answer most of "would cleaning change it" without a regex pass.
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(json) + 1);
  bytes[bytes.write(json)] = 0x0a;
  return jsonCleaningMayChange(json, bytes) ? line(clean(json)) : bytes;
}
