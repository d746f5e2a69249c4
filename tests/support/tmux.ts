/**
 * A real terminal for the end-to-end tests: a tmux pane, keys sent to it, its screen read. The
 * built `skald` runs in it with CI unset, because Ink treats a set CI variable as non-interactive.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../../', import.meta.url).pathname;
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;
export const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });

export interface Pane {
  /** The tmux session's name, unique to this process. */
  name: string;
  /** The visible screen. */
  screen: () => string;
  /** Polls the screen until `check` passes; the deadline only bounds a hang, and a failure prints the screen. */
  waitForScreen: (check: (text: string) => boolean, what: string, timeoutMs?: number) => Promise<string>;
  /** The screen once two reads 250 ms apart agree: a frame still coming (a status, a hint) has come. */
  stableScreen: (timeoutMs?: number) => Promise<string>;
}

export function pane(prefix: string): Pane {
  const name = `${prefix}-${process.pid}-${Date.now().toString(36)}`;
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  return {
    name,
    screen,
    waitForScreen: async (check, what, timeoutMs = 60_000) => {
      const started = Date.now();
      for (;;) {
        const text = screen();
        if (check(text)) return text;
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; the screen:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stableScreen: async (timeoutMs = 60_000) => {
      const started = Date.now();
      let last = screen();
      for (;;) {
        await new Promise((r) => setTimeout(r, 250));
        const text = screen();
        if (text === last) return text;
        if (Date.now() - started > timeoutMs) throw new Error(`the screen kept changing; the last:\n${text}`);
        last = text;
      }
    },
  };
}

/**
 * Starts `skald play glass-orchard --offline --seed 1` (dist/ is built once for the run by
 * tests/global-setup.ts) in a new pane of `columns` x `rows`, with its own data folder; the pane
 * stays a minute after skald exits and shows SKALD-EXITED-<status>.
 */
export function startPlay(p: Pane, columns: number, rows: number, homePrefix: string): void {
  const home = mkdtempSync(join(tmpdir(), homePrefix));
  const command = `cd '${root}' && env -u CI SKALD_HOME='${home}' '${process.execPath}' bin/skald.js play glass-orchard --offline --seed 1; echo SKALD-EXITED-$?; sleep 60`;
  tmux('new-session', '-d', '-s', p.name, '-x', String(columns), '-y', String(rows), command);
}

/** Ends the pane's tmux session, if tmux is there. */
export function endPane(p: Pane): void {
  if (hasTmux) spawnSync('tmux', ['kill-session', '-t', p.name]);
}
