/**
 * Keeps the terminal on the alternate screen while a full-height view is wanted (src/ui/alternate-screen.ts).
 */
import { useInsertionEffect, useLayoutEffect, useRef, useState } from 'react';
import { useStdout } from 'ink';
import { CLEAR_ALTERNATE, type AlternateScreen } from '../alternate-screen.js';

export interface AlternateScreenState {
  /** The view may be drawn: the terminal is on the alternate screen (or there is none to switch to). */
  shown: boolean;
  /** The terminal is on the alternate screen: what is printed into the story's flow waits. */
  away: boolean;
}

/**
 * `wanted`: a view as tall as the terminal is open. It is drawn from the frame after the switch,
 * so it never lands on the normal screen; when it closes, the frame without it is drawn there
 * first, then the terminal switches back. Without a `screen` (a dumb terminal, tests), the view
 * is drawn at once in the normal flow.
 */
export function useAlternateScreen(screen: AlternateScreen | undefined, wanted: boolean, columns = 0): AlternateScreenState {
  const { write } = useStdout();
  const [on, setOn] = useState(false);
  // A terminal made narrower cuts the alternate screen's rows instead of rewrapping them, so Ink's
  // erase of its last frame misses a row and a stale line stays above the view: it holds nothing
  // else, so it is cleared whole and Ink draws its frame again from the top.
  const width = useRef(columns);
  useLayoutEffect(() => {
    if (width.current === columns) return;
    width.current = columns;
    if (screen?.on) write(CLEAR_ALTERNATE);
  }, [screen, columns, write]);
  // After the commit that drew the frame without the view: the switch redraws that frame on the normal screen.
  useLayoutEffect(() => {
    if (!screen || !wanted || on) return;
    screen.enter(write);
    setOn(true);
  }, [screen, wanted, on, write]);
  // The leave is asked for before Ink renders the commit that took the view away (insertion effects
  // run before the commit's changes, Ink renders after them), so the frame it waits for is that one
  // or a later one, never the view's. No state is set here: `done` runs after that frame.
  useInsertionEffect(() => {
    if (!screen || wanted || !on) return;
    return screen.leave(write, () => setOn(false));
  }, [screen, wanted, on, write]);
  // Unmounted on the alternate screen (an error replaced the play screen): the same, after the
  // frame of what took its place. If Ink itself is gone, no frame comes and the exit path restores.
  useInsertionEffect(
    () => () => {
      if (screen?.on) screen.leave(write, () => undefined);
    },
    [screen, write],
  );
  if (!screen) return { shown: wanted, away: false };
  return { shown: wanted && on, away: on };
}
