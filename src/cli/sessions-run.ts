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
import { activeBranch, branchStats } from '../store/branch.js';
import { listSessions, resolveSessionId } from '../store/list.js';
import { SessionLoadError, loadSession, type LoadedSession } from '../store/load.js';
import { writeSessionCopy } from '../store/copy.js';
import { diagnosticsPath } from '../store/diagnostics.js';
import { holderAlive, lockPath, readLock } from '../store/lock.js';
import { fileErrorReason, InputError, UsageError } from '../errors.js';
import { resolveWorldOrExit } from './world-resolve.js';

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const clean = (text: string) => neutralize(redactSecrets(text));

/** `sessions list`: newest first. */
export async function list(options: { json?: boolean }): Promise<void> {
  const sessions = listSessions();
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
    when(s.updatedAt),
    size(s.bytes),
  ]);
  const header = ['ID', 'WORLD', 'OPENING', 'PROVIDER', 'LAST PLAYED', 'SIZE'];
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
  const loaded = await load(id, 'none');
  const turns = activeBranch(loaded.records);
  for (const warning of loaded.warnings) process.stderr.write(`${clean(warning)}\n`);
  if (options.json) {
    out(clean(JSON.stringify({ ...header(loaded.start), turns: turns.map(turnSummary) }, null, 2)));
    return;
  }
  const stats = branchStats(loaded.records);
  out(clean(`${loaded.start.packTitle} (${loaded.start.packId}) · opening ${loaded.start.openingId} · ${loaded.start.provider.label}`));
  out(
    `${stats.turns} turn${stats.turns === 1 ? '' : 's'} on the active branch, ${stats.branches} branch${stats.branches === 1 ? '' : 'es'} · session ${loaded.id}\n`,
  );
  for (const turn of turns) {
    out(clean(`[${turn.number}] > ${turn.input.text}`));
    out(clean(`${turn.candidates[turn.chosen]?.text ?? ''}\n`));
  }
}

/** `sessions export <id> --format md|json|st [--out file]`. */
export async function exportSession(id: string, options: { format: string; out?: string }): Promise<void> {
  if (!['md', 'json', 'st'].includes(options.format))
    throw new UsageError(`--format takes md, json or st (a SillyTavern chat), not "${options.format}".`);
  const loaded = await load(id);
  const turns = activeBranch(loaded.records);
  for (const warning of loaded.warnings) process.stderr.write(`${clean(warning)}\n`);
  const text =
    options.format === 'st'
      ? await (await import('./sessions-st.js')).stChatText(loaded, turns)
      : await storyText(loaded.start, turns, options.format);
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

async function storyText(start: SessionStartRecord, turns: Turn[], format: string): Promise<string> {
  const opening = start.openingText ?? (await openingText(start));
  return format === 'json'
    ? JSON.stringify({ ...header(start), ...(opening ? { openingText: opening } : {}), turns: turns.map(turnExport) }, null, 2)
    : markdown(start, opening, turns);
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
    throw new UsageError('rm needs the exact session id, not `last`, so nothing is deleted by accident; see `skald sessions list`.');
  const sessionId = resolve(id);
  if (sessionId !== id) throw new UsageError(`rm needs the exact session id; did you mean ${sessionId}?`);
  const info = listSessions().find((s) => s.id === sessionId);
  // Gone between resolving and listing: another skald removed it.
  if (!info) throw new InputError(`Session ${sessionId} is no longer there; see \`skald sessions list\`.`);
  const holder = readLock(info.path);
  if (holder && holder.pid !== process.pid && holderAlive(holder))
    throw new InputError(`Session ${sessionId} is open in another skald (pid ${holder.pid}); close it there before removing it.`);
  await unlink(info.path);
  await unlink(diagnosticsPath(info.path)).catch(() => undefined);
  await unlink(lockPath(info.path)).catch(() => undefined);
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
    const loaded = await loadSession(resolve(id), undefined, { diagnostics });
    // An opening swiped to before the first turn is the story's opening.
    const openingId = swipedOpening(loaded.records);
    return openingId === undefined ? loaded : { ...loaded, start: { ...loaded.start, openingId } };
  } catch (error) {
    if (error instanceof SessionLoadError) throw new InputError(error.message);
    throw error;
  }
}

function header(start: SessionStartRecord) {
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

/** A turn as `sessions export --format json` writes it. */
export function turnExport(turn: Turn) {
  return { ...turnSummary(turn), plan: turn.plan, lore: turn.prompt.lore };
}

/** The story as `sessions export --format md` writes it. */
export function markdown(start: SessionStartRecord, opening: string | undefined, turns: Turn[]): string {
  const lines = [
    `# ${start.packTitle}`,
    '',
    `*Opening: ${start.openingId} · played as ${start.persona} · ${start.provider.label} · ${new Date(start.at).toISOString().slice(0, 10)}*`,
    '',
  ];
  if (opening) lines.push(opening, '');
  for (const turn of turns) {
    lines.push(`> **${start.persona}:** ${turn.input.text.replace(/\n/g, '\n> ')}`, '', turn.candidates[turn.chosen]?.text ?? '', '');
  }
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
