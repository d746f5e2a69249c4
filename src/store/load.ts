/**
 * Reads a session's log without ever writing to it (parse-log.ts checks every line and mends what
 * it can), then attaches the diagnostics from the side file. zod is imported only when some record
 * of the log is doubtful, so a resume of a well-shaped story never loads it.
 */
import { open, readFile } from 'node:fs/promises';
import type { SessionRecord, SessionStartRecord } from '../engine/session/records.js';
import { checkSeal, parseUnsealed } from './checksum.js';
import { attachDiagnostics, diagnosticsPath, isDiagnosticsRecord, type DiagnosticsRecord } from './diagnostics.js';
import { finishLog, isBlank, readLog, type LoadProblem } from './parse-log.js';
import { sessionPath } from './session-file.js';
import { SessionLoadError } from './load-error.js';

export interface LoadedSession {
  id: string;
  path: string;
  start: SessionStartRecord;
  records: SessionRecord[];
  /** One sentence per problem found (torn, damaged or wrong-shaped lines, re-attached turns). */
  warnings: string[];
  problems: LoadProblem[];
  /** Lines read, blank ones aside. */
  lines: number;
  /** Lines read that carry no checksum (written before checksums). */
  unsealed: number;
  /**
   * Attaches the diagnostics a resume left for later (all but the latest turns'), in place;
   * resolves at once when every record has its own. Call it once the screen is up.
   */
  attachRemaining: () => Promise<void>;
}

export interface LoadOptions {
  /**
   * `all` (the default): every record's diagnostics are attached before the load resolves.
   * `latest`: only the latest turns' (the end of the side file); `attachRemaining` does the rest.
   * `none`: the side file is not read (what the log alone holds: the story, the beat, the pacing
   * score and the prompt's size; `sessions show`).
   */
  diagnostics?: 'all' | 'latest' | 'none';
  /** The log's bytes when the caller has read them already (a resume's tail reader); read afresh otherwise. */
  bytes?: Buffer;
}

/** How much of the side file's end a resume reads at once: the last ~60 turns' diagnostics. */
const LATEST_BYTES = 256 * 1024;

/**
 * Side records in bytes [from, end) of a side file; a line cut by `from`, a torn last line and
 * lines that fail their checksum are skipped (they hold diagnostics only).
 */
export function parseDiagnostics(bytes: Buffer, from = 0): { records: DiagnosticsRecord[]; unreadable: number } {
  const records: DiagnosticsRecord[] = [];
  let unreadable = 0;
  let start = from;
  if (from > 0) {
    const newline = bytes.indexOf(0x0a, from - 1);
    start = newline < 0 ? bytes.length : newline + 1;
  }
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    if (!isBlank(bytes, start, end)) {
      let value: unknown;
      if (checkSeal(bytes, start, end) === 'sealed') {
        try {
          value = parseUnsealed(bytes, start, end);
        } catch {
          value = undefined;
        }
      }
      if (isDiagnosticsRecord(value)) records.push(value);
      else unreadable++;
    }
    start = end + 1;
  }
  return { records, unreadable };
}

/** Loads session `id` from the data folder, with its diagnostics from the side file. */
export async function loadSession(id: string, dir?: string, options: LoadOptions = {}): Promise<LoadedSession> {
  const path = sessionPath(id, dir);
  let bytes: Buffer;
  try {
    bytes = options.bytes ?? (await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SessionLoadError(
      code === 'ENOENT'
        ? `There is no session "${id}"; see \`skald sessions list\`.`
        : `Session "${id}" could not be read (${code ?? String(error)}).`,
    );
  }
  const read = readLog(bytes);
  // zod (~0.75 MB, and its schemas built) is loaded only to judge a record the quick check doubted.
  const judge = read.doubtful ? (await import('./schema.js')).schemaProblem : undefined;
  const { records, warnings, problems, lines, unsealed, lacking = [] } = finishLog(read, bytes, `session ${id}`, id, judge, true);
  const start = records[0];
  if (!start || start.type !== 'session-start') {
    throw new SessionLoadError(
      `Session "${id}" cannot be loaded: its first record is missing or unreadable. The file was left untouched at ${path}.`,
    );
  }
  let attachRemaining = async () => undefined as void;
  if (lacking.length > 0 && options.diagnostics !== 'none') {
    const side = diagnosticsPath(path);
    if (options.diagnostics === 'latest') {
      const tail = await readTail(side, LATEST_BYTES);
      if (tail) attachDiagnostics(lacking, parseDiagnostics(tail.bytes, tail.cut ? 1 : 0).records);
      if (!tail || tail.cut) {
        let done: Promise<void> | undefined;
        attachRemaining = () =>
          (done ??= readFile(side).then(
            (all) => void attachDiagnostics(lacking, parseDiagnostics(all).records),
            () => undefined,
          ));
      }
    } else {
      const all = await readFile(side).catch(() => undefined);
      const parsed = all ? parseDiagnostics(all) : { records: [], unreadable: 0 };
      const missing = lacking.length - attachDiagnostics(lacking, parsed.records);
      if (missing > 0) {
        const message = `${missing} record${missing === 1 ? '' : 's'} of session ${id} ${missing === 1 ? 'has' : 'have'} no diagnostics (${!all ? 'its side file is missing' : parsed.unreadable > 0 ? `${parsed.unreadable} line${parsed.unreadable === 1 ? '' : 's'} of its side file ${parsed.unreadable === 1 ? 'is' : 'are'} unreadable` : `its side file has no line${missing === 1 ? ' for it' : 's for them'}`}); the story is intact, the debug pane shows nothing for ${missing === 1 ? 'it' : 'them'}.`;
        problems.push({ line: 0, kind: 'damaged', message });
        warnings.push(message);
      }
    }
  }
  return { id, path, start, records, warnings, problems, lines, unsealed, attachRemaining };
}

/**
 * The last `size` bytes of a file, with the byte before them when the file is longer (`cut`: the
 * first line may be partial, and that byte says whether it is); undefined when it cannot be read.
 */
async function readTail(path: string, size: number): Promise<{ bytes: Buffer; cut: boolean } | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const total = (await handle.stat()).size;
    const from = Math.max(0, total - size - 1);
    const bytes = Buffer.alloc(total - from);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, from);
    return { bytes: bytes.subarray(0, bytesRead), cut: from > 0 };
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
