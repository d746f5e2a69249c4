/**
 * `skald sessions list|show|export|repair|copy|rm`. Reads session files without ever writing to
 * them (repair and copy write a new session beside the original; rm deletes one on request).
 * Everything printed passes through `redactSecrets` and `neutralize`.
 */
import { unlink, writeFile } from 'node:fs/promises';
import { redactSecrets } from '../text/redact.js';
import { swipedOpening, type SessionStartRecord } from '../engine/session/records.js';
import type { Turn } from '../engine/types.js';
import { neutralize } from '../text/sanitize.js';
import { activeBranch } from '../store/branch.js';
import { listSessions, resolveSessionId } from '../store/list.js';
import { SessionLoadError } from '../store/load-error.js';
import type { LoadedSession } from '../store/load.js';
import { writeSessionCopy } from '../store/copy.js';
import { diagnosticsPath } from '../store/diagnostics.js';
import { draftPath } from '../store/draft-file.js';
import { holderAlive, lockPath, readLock } from '../store/lock.js';
import { pacingPath } from '../store/pacing-snapshot.js';
import { fileErrorReason, InputError, UsageError } from '../errors.js';
import { resolveWorldOrExit } from './world-resolve.js';
import { header, showSession, turnSummary, withPromptChanges } from './sessions-show.js';
import { alongPrompts, promptChangeLines, promptStates, type PromptState } from './story-prompt-view.js';
import { asideMarkdown, asideNode, GREETING_MARK, importedView } from './sessions-show-imported.js';

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const clean = (text: string) => neutralize(redactSecrets(text));

/** `sessions list`: newest first. */
export async function list(options: { json?: boolean }): Promise<void> {
  const sessions = listSessions(undefined, { activity: true });
  if (options.json) {
    out(
      clean(
        JSON.stringify(
          sessions.map((s) => ({
            id: s.id,
            world: s.start?.packId ?? null,
            worldTitle: s.start?.packTitle ?? null,
            opening: s.start?.openingId ?? null,
            persona: s.start?.persona ?? null,
            provider: s.start?.provider.label ?? null,
            offline: s.start?.provider.offline ?? null,
            createdAt: new Date(s.createdAt).toISOString(),
            updatedAt: new Date(s.updatedAt).toISOString(),
            bytes: s.bytes,
            readable: Boolean(s.start),
            // Turns on the active branch; null when the log's end does not tell (`sessions show` does).
            turns: s.activity?.turns ?? null,
          })),
          null,
          2,
        ),
      ),
    );
    return;
  }
  if (sessions.length === 0) {
    out('No saved sessions yet; start one with `skald play`.');
    return;
  }
  const rows = sessions.map((s) => [
    s.id,
    s.start?.packId ?? '(unreadable)',
    s.start?.openingId ?? '',
    s.start?.provider.label ?? '',
    s.activity?.turns === undefined ? '?' : String(s.activity.turns),
    when(s.updatedAt),
    size(s.bytes),
  ]);
  const header = ['ID', 'WORLD', 'OPENING', 'PROVIDER', 'TURNS', 'LAST PLAYED', 'SIZE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows])
    out(
      clean(
        row
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      ),
    );
}

/** `sessions show <id|last>`: the active branch. */
export async function show(id: string, options: { json?: boolean }): Promise<void> {
  // What show prints (the story, the beat, the pacing score, the prompt's size) is all in the log.
  await showSession(
    resolve(id),
    Boolean(options.json),
    () => load(id, 'none'),
    (text) => void process.stdout.write(text),
    (text) => void process.stderr.write(text),
  );
}

/** `sessions export <id> --format md|json|st [--out file]`. */
export async function exportSession(id: string, options: { format: string; out?: string }): Promise<void> {
  if (!['md', 'json', 'st'].includes(options.format))
    throw new UsageError(`The --format option takes md, json or st (a SillyTavern chat), not "${options.format}".`);
  const loaded = await load(id);
  const turns = activeBranch(loaded.records);
  for (const warning of loaded.warnings) process.stderr.write(`${clean(warning)}\n`);
  const text =
    options.format === 'st'
      ? await (await import('./sessions-st.js')).stChatText(loaded, turns)
      : await storyText(loaded, turns, options.format);
  const safe = redactSecrets(text);
  if (options.out) {
    try {
      await writeFile(options.out, safe.endsWith('\n') ? safe : `${safe}\n`);
    } catch (error) {
      throw new InputError(`Cannot write the export to ${options.out} (${fileErrorReason(error)}); choose another --out path.`);
    }
    out(`Exported session ${loaded.id} to ${options.out}.`);
  } else {
    out(neutralize(safe));
  }
}

async function storyText(loaded: LoadedSession, turns: Turn[], format: string): Promise<string> {
  const start = loaded.start;
  const opening = start.openingText ?? (await openingText(start));
  if (format !== 'json') return markdown(start, opening, turns, promptStates(loaded.records));
  const view = withPromptChanges(loaded, turns, turnExport);
  return JSON.stringify({ ...header(start), ...view.story, ...(opening ? { openingText: opening } : {}), turns: view.turns }, null, 2);
}

/**
 * The story's active branch as `sessions export --format md` writes it, secrets redacted: the
 * in-game /export writes the same text, so an imported chat's greeting and asides are in both.
 */
export async function sessionMarkdown(id: string): Promise<string> {
  const loaded = await load(id);
  return redactSecrets(await storyText(loaded, activeBranch(loaded.records), 'md'));
}

/** `sessions repair <id>`: a clean copy beside the original, one line per fix; the original is never touched. */
export async function repair(id: string): Promise<void> {
  const loaded = await load(id);
  const fixes = loaded.problems.map((p) => p.message);
  if (loaded.unsealed > 0)
    fixes.push(
      `${loaded.unsealed} line${loaded.unsealed === 1 ? ' has' : 's have'} no checksum (written by an older skald); the copy has one on every line.`,
    );
  if (fixes.length === 0) {
    out(`Session ${loaded.id} needs no repair: all ${loaded.lines} lines are intact; nothing was written.`);
    return;
  }
  const copy = await writeCopy(loaded, 'repaired');
  for (const fix of fixes) out(clean(`- ${fix}`));
  out(
    `Wrote the repaired copy as session ${copy.id} (${copy.records} records, ${copy.path}); session ${loaded.id} is left as it was. Play it with \`skald play --resume ${copy.id}\`.`,
  );
}

/** `sessions copy <id>`: the session under a new id, to play on while another skald holds the original. */
export async function copySession(id: string): Promise<void> {
  const loaded = await load(id);
  for (const warning of loaded.warnings) process.stderr.write(`${clean(warning)}\n`);
  const copy = await writeCopy(loaded, 'copy');
  out(`Copied session ${loaded.id} to session ${copy.id} (${copy.records} records); play it with \`skald play --resume ${copy.id}\`.`);
}

async function writeCopy(loaded: LoadedSession, suffix: 'copy' | 'repaired') {
  try {
    return await writeSessionCopy(loaded, suffix);
  } catch (error) {
    throw new InputError(`Cannot write a copy of session ${loaded.id} beside it (${fileErrorReason(error)}).`);
  }
}

/** `sessions rm <id>`. */
export async function remove(id: string): Promise<void> {
  if (id === 'last')
    throw new UsageError(
      'Removing a session needs its exact id, not `last`, so nothing is deleted by accident; see `skald sessions list`.',
    );
  const sessionId = resolve(id);
  if (sessionId !== id) throw new UsageError(`Removing a session needs its exact id; did you mean ${sessionId}?`);
  const info = listSessions().find((s) => s.id === sessionId);
  // Gone between resolving and listing: another skald removed it.
  if (!info) throw new InputError(`Session ${sessionId} is no longer there; see \`skald sessions list\`.`);
  const holder = readLock(info.path);
  if (holder && holder.pid !== process.pid && holderAlive(holder))
    throw new InputError(`Session ${sessionId} is open in another skald (pid ${holder.pid}); close it there before removing it.`);
  await unlink(info.path);
  await unlink(diagnosticsPath(info.path)).catch(() => undefined);
  await unlink(lockPath(info.path)).catch(() => undefined);
  await unlink(pacingPath(info.path)).catch(() => undefined);
  await unlink(draftPath(info.path)).catch(() => undefined);
  out(`Removed session ${sessionId}.`);
}

function resolve(id: string): string {
  try {
    return resolveSessionId(id);
  } catch (error) {
    if (error instanceof SessionLoadError) throw new InputError(error.message);
    throw error;
  }
}

async function load(id: string, diagnostics: 'all' | 'none' = 'all'): Promise<LoadedSession> {
  try {
    // The careful reader (and the schema it checks with) is loaded only when it is needed.
    const { loadSession } = await import('../store/load.js');
    const loaded = await loadSession(resolve(id), undefined, { diagnostics });
    // An opening swiped to before the first turn is the story's opening.
    const openingId = swipedOpening(loaded.records);
    return openingId === undefined ? loaded : { ...loaded, start: { ...loaded.start, openingId } };
  } catch (error) {
    if (error instanceof SessionLoadError) throw new InputError(error.message);
    throw error;
  }
}

/** A turn as `sessions export --format json` writes it. */
export function turnExport(turn: Turn) {
  return { ...turnSummary(turn), plan: turn.plan, lore: turn.prompt.lore };
}

/**
 * The story as `sessions export --format md` writes it; `prompts` adds where the note and system
 * prompt changed. A chat imported from SillyTavern opens on its greeting, and the messages its
 * import kept aside stand where they stood, each marked as `sessions show` marks them.
 */
export function markdown(
  start: SessionStartRecord,
  opening: string | undefined,
  turns: Turn[],
  prompts?: { byNode: Map<string, PromptState>; end: PromptState },
): string {
  const lines = [
    `# ${start.packTitle}`,
    '',
    `*Opening: ${start.openingId} · played as ${start.persona} · ${start.provider.label} · ${new Date(start.at).toISOString().slice(0, 10)}*`,
    '',
  ];
  const imported = importedView(start);
  const asides = (where: (after: string) => boolean) => {
    for (const aside of imported?.asides ?? []) if (where(aside.after)) lines.push(asideMarkdown(aside), '');
  };
  asides((after) => after === 'start');
  // The greeting is the imported chat's opening, as the player read it in SillyTavern.
  if (imported?.greeting !== undefined) lines.push(`*${GREETING_MARK}*`, '', imported.greeting, '');
  else if (opening) lines.push(opening, '');
  asides((after) => after === 'opening');
  const changes = (before: PromptState, now: PromptState) => {
    for (const change of promptChangeLines(before, now)) lines.push(`*${change}*`, '');
  };
  // Without `prompts` no turn has a state, so none changes.
  const { steps, last } = alongPrompts(turns, (turn) => prompts?.byNode.get(turn.id));
  for (const { turn, before, now } of steps) {
    changes(before, now);
    lines.push(`> **${start.persona}:** ${turn.input.text.replace(/\n/g, '\n> ')}`, '');
    asides((after) => after === `${turn.id}:input`);
    lines.push(turn.candidates[turn.chosen]?.text ?? '', '');
    asides((after) => asideNode(after) === turn.id && after !== `${turn.id}:input`);
  }
  if (prompts) changes(last, prompts.end);
  return lines.join('\n');
}

async function openingText(start: SessionStartRecord): Promise<string | undefined> {
  try {
    const loaded = await resolveWorldOrExit(start.packId);
    return loaded.pack.openings.find((o) => o.id === start.openingId)?.text;
  } catch {
    return undefined;
  }
}

function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
