/**
 * What the TUI needs from outside the session: saved sessions for /sessions, a file for /export.
 * Kept apart so components never touch the file system themselves.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataPaths } from '../config/paths.js';
import { listSessions } from '../store/list.js';

export interface TuiServices {
  /** A text listing of saved sessions. */
  sessionsText(currentId: string): string;
  /** Writes Markdown and returns where. */
  exportMarkdown(id: string, markdown: string): Promise<string>;
}

export const fileServices: TuiServices = {
  sessionsText(currentId) {
    const sessions = listSessions().slice(0, 40);
    if (sessions.length === 0) return 'No saved sessions yet.';
    const rows = sessions.map((s) => {
      const when = new Date(s.updatedAt).toISOString().slice(0, 16).replace('T', ' ');
      const title = s.start ? `${s.start.packTitle} · ${s.start.openingId} · ${s.start.persona}` : '(unreadable start)';
      return `${s.id === currentId ? '● ' : '  '}${s.id}  ${when}  ${title}`;
    });
    return [...rows, '', 'Resume one with `skald play --resume <id>` (or `--resume last`).'].join('\n');
  },
  async exportMarkdown(id, markdown) {
    const dir = join(dataPaths().root, 'exports');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${id}.md`);
    await writeFile(path, markdown, 'utf8');
    return path;
  },
};
