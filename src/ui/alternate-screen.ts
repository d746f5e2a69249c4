/**
 * The terminal's alternate screen, for a view as tall as the terminal (help, /tree, /memory): drawn
 * there, it leaves the story on the normal screen untouched, and closing it brings the story back
 * as it was, as less, man and vim do. Without it, a live area that tall scrolls the history into
 * the scrollback, and nothing brings it back when the live area shrinks again.
 *
 * Ink knows nothing of two screens; it erases and draws its frame where the cursor is. The
 * switches go through Ink's own stdout writer (`useStdout().write`), which erases the frame on
 * screen, writes the text and draws the last frame again, so its idea of what is on screen stays
 * true: entering erases the live area from the normal screen (the history stays), switches and
 * draws it on the alternate one; leaving erases it there, switches back (the terminal puts the
 * cursor where the live area began) and draws it on the normal screen again. The frame drawn again
 * is the last one Ink rendered, and Ink throttles its renders: so the screen is left only once
 * Ink has rendered a frame without the view (its `onRender` option, `drawn` here).
 * tests/ui/alternate-screen.test.tsx checks these Ink behaviours against the installed Ink.
 */

/** Save the cursor, switch to the alternate screen (cleared), and draw from its top. */
export const ENTER_ALTERNATE = '\u001b[?1049h\u001b[H';
/** Clears the alternate screen and draws from its top again. */
export const CLEAR_ALTERNATE = '\u001b[2J\u001b[H';
/** Back to the normal screen as it was, the cursor where it was saved. */
export const LEAVE_ALTERNATE = '\u001b[?1049l';

export interface AlternateScreen {
  /** The terminal shows the alternate screen (or was asked to leave it and Ink has not drawn since). */
  readonly on: boolean;
  /** Ink's `onRender` option (passed on its own): Ink rendered a frame. */
  readonly drawn: () => void;
  /** Switches to the alternate screen through Ink's writer. */
  enter(write: (data: string) => void): void;
  /**
   * Switches back through Ink's writer once Ink has rendered a frame after this call, then calls
   * `done`; returns how to cancel (the view opened again before that).
   */
  leave(write: (data: string) => void, done: () => void): () => void;
  /** Clears the normal screen for the history to be printed afresh: now, or on leaving. */
  redraw(): void;
  /** For the exit paths (Ink already gone): back to the normal screen if still on the alternate. */
  restore(): void;
}

export interface AlternateScreenOptions {
  /** The terminal, for `redraw` and `restore` (written directly, not through Ink). */
  out: { write(data: string): unknown };
  /** What clears the normal screen and its scrollback before the history is printed afresh. */
  clear: string;
  /** Runs `run` once Ink's render in progress has finished (default: setImmediate). */
  defer?: (run: () => void) => void;
}

/** The alternate screen of one terminal. */
export function createAlternateScreen({ out, clear, defer = setImmediate }: AlternateScreenOptions): AlternateScreen {
  let on = false;
  let clearPending = false;
  // One leave waits at a time; a later one (or a cancel) replaces it, so a leave deferred from a
  // frame Ink drew while it was unmounting never runs on a writer that writes nothing any more.
  let leaving: { write: (data: string) => void; done: () => void } | undefined;
  return {
    get on() {
      return on;
    },
    drawn() {
      const entry = leaving;
      if (!entry) return;
      // `drawn` is called while Ink renders, before it keeps the frame it is rendering.
      defer(() => {
        if (leaving !== entry) return;
        leaving = undefined;
        const data = LEAVE_ALTERNATE + (clearPending ? clear : '');
        on = false;
        clearPending = false;
        entry.write(data);
        entry.done();
      });
    },
    enter(write) {
      if (on) return;
      on = true;
      write(ENTER_ALTERNATE);
    },
    leave(write, done) {
      if (!on) {
        done();
        return () => undefined;
      }
      const entry = { write, done };
      leaving = entry;
      return () => {
        if (leaving === entry) leaving = undefined;
      };
    },
    redraw() {
      if (on) clearPending = true;
      else out.write(clear);
    },
    restore() {
      if (!on) return;
      on = false;
      leaving = undefined;
      out.write(LEAVE_ALTERNATE + (clearPending ? clear : ''));
      clearPending = false;
    },
  };
}
