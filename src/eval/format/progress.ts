/**
 * Progress while a run plays: a bar with ETA redrawn on one line when the stream is a TTY, a
 * plain line per finished episode otherwise (logs and CI stay readable).
 */
import type { Progress } from '../run.js';
import type { Episode } from '../types.js';
import { worldName } from './table.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Seconds as "1m05s" / "42s". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** The bar line: `[█████·····] 12/60 turns · 2/4 episodes · ETA 1m20s`. */
export function progressLine(done: number, total: number, episodesDone: number, episodes: number, elapsedMs: number, width = 24): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  const eta = done > 0 && done < total ? ` · ETA ${duration((elapsedMs / done) * (total - done))}` : '';
  return `[${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${done}/${total} turns · ${episodesDone}/${episodes} episodes${eta}`;
}

/** A progress reporter for `runEval`'s `onProgress`; call `end()` when the run stops. */
export function progressReporter(stream: ProgressStream, episodes: readonly Episode[], startedAt: number, now: () => number = Date.now) {
  const startDone = episodes.reduce((n, e) => n + e.turns.length, 0);
  let finished = episodes.filter((e) => e.status === 'done').length;
  let drawn = false;
  let lastDraw = -Infinity;
  return {
    report(progress: Progress): void {
      if (progress.type === 'episode') {
        if (progress.status === 'done') finished += 1;
        if (!stream.isTTY) {
          const e = episodes[progress.episode];
          stream.write(
            `episode ${worldName(e.world)}/${e.player}: ${progress.status}, ${progress.turns} turns, ${progress.failures} failed attempt${progress.failures === 1 ? '' : 's'} (${duration(progress.ms)})\n`,
          );
        }
        return;
      }
      if (!stream.isTTY) return;
      // A redraw per turn would flood a slow terminal; ten a second is smooth enough.
      if (now() - lastDraw < 100 && progress.turnsDone < progress.turnsTotal) return;
      lastDraw = now();
      // The ETA uses only this run's pace: turns restored from a resumed file took no time now.
      const elapsed = now() - startedAt;
      const fresh = progress.turnsDone - startDone;
      const line = progressLine(
        progress.turnsDone,
        progress.turnsTotal,
        finished,
        episodes.length,
        fresh > 0 ? (elapsed / fresh) * progress.turnsDone : 0,
      );
      const width = stream.columns && stream.columns > 0 ? stream.columns : 80;
      stream.write(`\r${line.slice(0, Math.max(20, width - 1))}\u001b[K`);
      drawn = true;
    },
    end(): void {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
