/**
 * `skald sessions show <id|last> [--json]`: the active branch of a saved story. A story the lean
 * reader can vouch for (store/lean-story.ts) is printed from it, and cleaned (keys redacted,
 * control characters removed) only when a quick check finds something cleaning would change.
 * Anything else (damage, an older log, a record only the schema can judge) goes through the
 * careful loader, whose output and warnings are the contract; tests hold the two to the same
 * bytes. The output goes out in one write. What the lean path prints is in sessions-show-lean.ts,
 * which the launcher's quick `show` (sessions-show-launch.ts) loads without this module.
 */
import { readFile } from 'node:fs/promises';
import type { Turn } from '../engine/types.js';
import { activeBranch, branchStats } from '../store/branch.js';
import { readLeanStory } from '../store/lean-story.js';
import type { LoadedSession } from '../store/load.js';
import { sessionPath } from '../store/session-paths.js';
import { importedJson, importedView } from './sessions-show-imported.js';
import { clean, header, leanRefused, line, numberOf, showLeanStory, textOutput, unfinishedMark } from './sessions-show-lean.js';
import { alongPrompts, promptChange, promptFields, promptStates } from './story-prompt-view.js';

export { header, unfinishedMark };

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
  const path = sessionPath(id);
  const bytes = leanRefused(path) ? undefined : await readFile(path).catch(() => undefined);
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
  return lean ? showLeanStory(lean, id, json, importedView(lean.start)) : undefined;
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
  return { text: textOutput(loaded.start, loaded.id, stats, shown, end, importedView(loaded.start)), warnings };
}
