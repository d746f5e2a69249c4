/**
 * The player's words that no turn holds yet: the message a reply was being written for, or what the
 * composer held when the TUI closed. The session log keeps committed turns only, so without this a
 * crash, a closed terminal or a quit in the middle of a reply lost what the player had written. It
 * sits beside the session file (`<id>.jsonl.draft`, owner-only), is replaced whole (a temporary
 * file renamed over it, so a kill leaves the old text or the new, never half), and a resume takes
 * it back into the composer.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isSessionId, sessionPath } from './session-file.js';

/** Longer than any message a player types by hand; a bigger file is not read back. */
const MAX_DRAFT_BYTES = 256 * 1024;

/** Where the draft of the session logged at `sessionFile` is kept. */
export function draftPath(sessionFile: string): string {
  return `${sessionFile}.draft`;
}

/** Keeps `text` as the session's draft, or removes the draft when `text` is empty or undefined. Never throws. */
export function keepDraft(sessionFile: string, text: string | undefined): void {
  const path = draftPath(sessionFile);
  try {
    if (text === undefined || text.trim() === '') {
      rmSync(path, { force: true });
      return;
    }
    const temporary = `${path}.tmp`;
    writeFileSync(temporary, text, { encoding: 'utf8', mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // A draft is a courtesy: a full disk or a read-only folder must not stop the story.
  }
}

/** Reads the session's draft and removes it (the composer holds it now), or undefined when there is none. */
export function takeDraft(sessionFile: string): string | undefined {
  const path = draftPath(sessionFile);
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_DRAFT_BYTES) return undefined;
    text = bytes.toString('utf8');
  } catch {
    return undefined;
  }
  rmSync(path, { force: true });
  return text.trim() === '' ? undefined : text;
}

/** `takeDraft` for the saved session `id`; undefined for a story that is not saved under such an id. */
export function takeSessionDraft(id: string): string | undefined {
  return isSessionId(id) ? takeDraft(sessionPath(id)) : undefined;
}
