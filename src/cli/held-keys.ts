/**
 * Keys held while the TUI starts, read as the running TUI would read them, so that handing them to
 * Ink later does what typing them into the TUI does. Keys typed while node itself started were
 * cooked by the terminal, so a line feed among them is read as the Enter it almost always was (in
 * raw mode Enter is a carriage return, a line feed Ctrl+J). Ctrl+Z does nothing in the TUI (raw
 * mode: no job control) and is dropped. A bracketed paste (the terminal's paste markers around the
 * pasted text) is kept whole and as pasted, markers and all, so Ink's reader gets one paste whose
 * newlines do not send half a message. An Esc pressed on its own (a read of the escape byte alone)
 * followed by another key is handed over as the unambiguous `ESC [ 27 u`: held together, ESC then
 * `h` would read as Alt+H, and ESC then an arrow as Alt+arrow.
 */

const CTRL_C = 0x03;
const CTRL_Z = 0x1a;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const PASTE_START = Buffer.from('\u001b[200~');
const PASTE_END = Buffer.from('\u001b[201~');
const ESC = 0x1b;
/** Esc as the kitty keyboard protocol writes it (src/ui/input/keypress.ts reads it as Esc). */
const ESCAPE_KEY = Buffer.from('\u001b[27u');

/** What the terminal sent so far, read as keys typed into the TUI. */
export interface HeldKeys {
  /** Reads a chunk; true when it held a Ctrl+C typed (not pasted): the start is to be interrupted, and the rest is not read. */
  push(chunk: Buffer): boolean;
  /** Everything read so far as the TUI's key reader should get it (a marker cut short at the end is left for the next chunk). */
  bytes(): Buffer;
}

/** A reader of held keys (see the module comment). */
export function heldKeys(): HeldKeys {
  const out: Buffer[] = [];
  // Bytes of an outside-paste run not yet copied to `out`, and a possible marker cut at a chunk's end.
  let run: number[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let inPaste = false;
  let afterReturn = false;
  // A read of the escape byte alone: Esc, unless the next read carries on a sequence it began.
  let loneEscape = false;

  const flushRun = () => {
    if (run.length > 0) out.push(Buffer.from(run));
    run = [];
  };

  const push = (next: Buffer): boolean => {
    let chunk = next;
    if (loneEscape) {
      loneEscape = false;
      afterReturn = false;
      if (chunk[0] === 0x5b || chunk[0] === 0x4f) chunk = Buffer.concat([Buffer.from([ESC]), chunk]);
      else {
        flushRun();
        out.push(ESCAPE_KEY);
      }
    }
    if (!inPaste && pending.length === 0 && chunk.length === 1 && chunk[0] === ESC) {
      loneEscape = true;
      return false;
    }
    const data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    pending = Buffer.alloc(0);
    let i = 0;
    while (i < data.length) {
      if (inPaste) {
        const end = data.indexOf(PASTE_END, i);
        if (end >= 0) {
          out.push(data.subarray(i, end + PASTE_END.length));
          i = end + PASTE_END.length;
          inPaste = false;
          afterReturn = false;
          continue;
        }
        const cut = markerPrefixAtEnd(data, i, PASTE_END);
        out.push(data.subarray(i, data.length - cut));
        pending = Buffer.from(data.subarray(data.length - cut));
        return false;
      }
      const b = data[i];
      if (b === PASTE_START[0]) {
        const rest = data.subarray(i, i + PASTE_START.length);
        if (rest.equals(PASTE_START)) {
          flushRun();
          out.push(PASTE_START);
          i += PASTE_START.length;
          inPaste = true;
          afterReturn = false;
          continue;
        }
        if (rest.length < PASTE_START.length && PASTE_START.subarray(0, rest.length).equals(rest)) {
          flushRun();
          pending = Buffer.from(rest);
          return false;
        }
      }
      if (b === CTRL_C) {
        flushRun();
        return true;
      }
      if (b === LINE_FEED) {
        if (!afterReturn) run.push(CARRIAGE_RETURN);
      } else if (b !== CTRL_Z) run.push(b);
      afterReturn = b === CARRIAGE_RETURN;
      i++;
    }
    flushRun();
    return false;
  };

  return {
    push,
    // A lone Esc last is handed over as read: Ink's reader takes a lone escape byte for Esc.
    bytes: () => Buffer.concat([...out, pending, loneEscape ? Buffer.from([ESC]) : Buffer.alloc(0)]),
  };
}

/** How many bytes at the end of `data` (from `from` on) could be the start of `marker`, cut by the chunk's end. */
function markerPrefixAtEnd(data: Buffer, from: number, marker: Buffer): number {
  for (let n = Math.min(marker.length - 1, data.length - from); n > 0; n--) {
    if (data.subarray(data.length - n).equals(marker.subarray(0, n))) return n;
  }
  return 0;
}
