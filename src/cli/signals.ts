/**
 * Ending on a signal: TERM, INT and HUP are answered at once in every state. The first one runs
 * the command's cleanup (stop the turn in progress, let the append in progress finish, close the
 * session file, leave the terminal clean) within a bounded time, then exits with 128 + the signal's
 * number; a second one exits at once.
 */
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type EndSignal = keyof typeof SIGNALS;

/** How long the cleanup may take before the process ends anyway. */
export const CLEANUP_GRACE_MS = 3000;

/**
 * Installs the handlers; `cleanup` gets the signal. Returns a function that removes them (for a
 * command that ends on its own). `exit` is injectable for tests.
 */
export function endOnSignals(
  cleanup: (signal: EndSignal) => Promise<void> | void,
  options: { graceMs?: number; exit?: (code: number) => void; signals?: EndSignal[] } = {},
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const names = options.signals ?? (Object.keys(SIGNALS) as EndSignal[]);
  let ending = false;
  const handler = (signal: EndSignal) => {
    const code = 128 + SIGNALS[signal];
    if (ending) {
      exit(code);
      return;
    }
    ending = true;
    const timer = setTimeout(() => exit(code), options.graceMs ?? CLEANUP_GRACE_MS);
    timer.unref?.();
    void Promise.resolve()
      .then(() => cleanup(signal))
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        exit(code);
      });
  };
  for (const name of names) process.on(name, handler);
  return () => {
    for (const name of names) process.off(name, handler);
  };
}

/** True for the errors a terminal or pipe that went away gives: EIO (pty closed), EPIPE, ECONNRESET. */
export function isGoneError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EIO' || code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_DESTROYED';
}
