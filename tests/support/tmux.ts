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

/**
 * Ends a tmux session and, when it was the server's last, waits until that server has gone: tmux
 * exits once it has no session, and a session started while it is still going down fails with
 * "server exited unexpectedly" (a test file's next test did, under load). Bounded by attempts.
 */
export function endSession(name: string): void {
  if (!hasTmux) return;
  spawnSync('tmux', ['kill-session', '-t', name]);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; attempt < 200; attempt++) {
    const listed = spawnSync('tmux', ['list-sessions'], { encoding: 'utf8' });
    // Sessions left: the server stays up. No server (its socket gone or refusing): a new one will start.
    if (listed.status === 0 || /no server running|error connecting/i.test(listed.stderr)) return;
    Atomics.wait(pause, 0, 0, 10);
  }
}

/** Ends the pane's tmux session, if tmux is there. */
export function endPane(p: Pane): void {
  endSession(p.name);
}
