/**
 * The play screen's one-line notice ("Switched branch.", "Pinned: …"). A confirmation is read
 * once, so it goes away by itself after a few seconds, or as soon as the player does something
 * else. A notice that describes a state still in force (a message being edited, a story being
 * started) is sticky: it stays until it is replaced or cleared. Errors are not notices: they
 * live in the session runner and stay until acted on.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a short confirmation stays on screen. */
export const NOTICE_MS = 4000;
/** Longer notices (a path, a reason and what to do) stay longer: about the time it takes to read them. */
const CHARS_PER_TIMEOUT = 60;

/** How long `text` stays: `timeoutMs` for up to 60 characters, proportionally longer after. */
export function noticeDuration(text: string, timeoutMs: number): number {
  return Math.round(timeoutMs * Math.max(1, text.length / CHARS_PER_TIMEOUT));
}

/**
 * Runs `run` after `ms` and returns how to cancel it: how a notice, or the double-Ctrl+C window,
 * expires. A timer by default; tests pass their own and fire it themselves, so an expiry never
 * races a loaded machine.
 */
export type ScheduleNotice = (run: () => void, ms: number) => () => void;

/** The real clock's `ScheduleNotice`. */
export const afterMs: ScheduleNotice = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

interface Notice {
  text: string;
  sticky: boolean;
}

export interface NoticeOptions {
  /** Kept until replaced or cleared: neither time nor keys dismiss it. */
  sticky?: boolean;
}

/** The notice, a setter that (re)starts its timer, and a dismiss for keys that do something else. */
export function useNotice(timeoutMs = NOTICE_MS, schedule: ScheduleNotice = afterMs) {
  const [notice, setState] = useState<Notice | undefined>();
  const cancel = useRef<(() => void) | undefined>(undefined);
  useEffect(() => () => cancel.current?.(), []);

  const setNotice = useCallback(
    (text: string | undefined, options: NoticeOptions = {}) => {
      cancel.current?.();
      cancel.current = undefined;
      const sticky = Boolean(options.sticky);
      setState(text === undefined ? undefined : { text, sticky });
      if (text !== undefined && !sticky)
        cancel.current = schedule(() => setState((n) => (n?.sticky ? n : undefined)), noticeDuration(text, timeoutMs));
    },
    [timeoutMs, schedule],
  );

  const dismissNotice = useCallback(() => setState((n) => (n?.sticky ? n : undefined)), []);

  return { notice: notice?.text, setNotice, dismissNotice };
}
