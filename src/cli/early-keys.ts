/**
 * Keys typed while the TUI starts (a resume's log read, the world loaded, Ink not yet mounted).
 * Left to the terminal's line discipline they are echoed over the screen and cooked: Enter arrives
 * as a line feed, which the composer reads as Shift+Enter (a newline), so a line typed early was
 * never sent. The terminal is put in raw mode at once instead and what arrives is held, unread by
 * anything else, then handed back to stdin for Ink's key reader to read first. Keys typed before
 * that (while node itself starts) were cooked already, so a line feed among the held keys is read
 * as the Enter it almost always was (in raw mode Enter is a carriage return, a line feed Ctrl+J).
 */

/** The part of stdin used here (a `tty.ReadStream`; a test passes its own). */
export interface KeyInput {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
  /** A chunk, or null when nothing is buffered (a string once an encoding is set). */
  read(): Buffer | string | null;
  unshift(chunk: Buffer): void;
  on(event: 'readable', listener: () => void): unknown;
  off(event: 'readable', listener: () => void): unknown;
  pause(): unknown;
  unref?(): unknown;
}

export interface EarlyKeys {
  /** Gives the held keys back to stdin (to be read before anything typed later) and stops holding. Once. */
  handOver(): void;
  /** Stops holding and gives the terminal back its cooked mode (the TUI never came up). Once. */
  release(): void;
}

const CTRL_C = 0x03;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Held keys as Ink should read them: a cooked Enter (a line feed, or CR LF) is a carriage return. */
export function asTyped(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== LINE_FEED) out.push(b);
    else if (bytes[i - 1] !== CARRIAGE_RETURN) out.push(CARRIAGE_RETURN);
  }
  return Buffer.from(out);
}

/**
 * Holds the keys typed from now until `handOver`; undefined when stdin is not a terminal. Ctrl+C
 * still interrupts the start as it did in cooked mode (`interrupt`, by default SIGINT to this
 * process, whose handlers or default action end it).
 */
export function holdEarlyKeys(stdin: KeyInput, interrupt: () => void = () => process.kill(process.pid, 'SIGINT')): EarlyKeys | undefined {
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return undefined;
  stdin.setRawMode(true);
  const held: Buffer[] = [];
  let done = false;
  const onReadable = () => {
    for (let chunk = stdin.read(); chunk !== null; chunk = stdin.read()) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (bytes.includes(CTRL_C)) {
        release();
        interrupt();
        return;
      }
      held.push(bytes);
    }
  };
  const stop = () => {
    if (done) return false;
    done = true;
    stdin.off('readable', onReadable);
    return true;
  };
  function release() {
    if (!stop()) return;
    stdin.setRawMode?.(false);
    // Not reading any more, so stdin no longer keeps the process alive (as Ink leaves it).
    stdin.pause();
    stdin.unref?.();
  }
  stdin.on('readable', onReadable);
  return {
    handOver() {
      if (!stop()) return;
      if (held.length > 0) stdin.unshift(asTyped(Buffer.concat(held)));
    },
    release,
  };
}
