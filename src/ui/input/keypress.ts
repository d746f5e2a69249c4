/**
 * Turns one raw terminal input event (as Ink's input parser splits them) into a named key. Ink's
 * `useInput` does not name F-keys, keeps no paste state and folds Alt+Enter into Enter, so the TUI
 * reads the raw sequences itself and decides in `keys.ts` what each one does.
 */

export interface KeyEvent {
  /** `char`, `text` (several characters at once: a paste or fast typing), `return`, `escape`, `up`, `f2`, ... */
  name: string;
  /** The characters to insert for `char` and `text`. */
  text: string;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  sequence: string;
  /** `text` that came as a bracketed paste: its newlines are the text's, never Enter. */
  pasted?: boolean;
}

const CSI_NAMES: Record<string, string> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  Z: 'tab',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};
const TILDE_NAMES: Record<string, string> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '15': 'f5',
  '200': 'paste-start',
  '201': 'paste-end',
};

function key(name: string, sequence: string, mods: Partial<Pick<KeyEvent, 'ctrl' | 'meta' | 'shift' | 'text'>> = {}): KeyEvent {
  return { name, text: mods.text ?? '', ctrl: mods.ctrl ?? false, meta: mods.meta ?? false, shift: mods.shift ?? false, sequence };
}

/** xterm modifier parameter: 1 + (shift 1, alt 2, ctrl 4, meta 8). */
function modifiers(param: string | undefined): { shift: boolean; meta: boolean; ctrl: boolean } {
  const value = Math.max(0, Number(param ?? '1') - 1);
  return { shift: (value & 1) !== 0, meta: (value & 2) !== 0 || (value & 8) !== 0, ctrl: (value & 4) !== 0 };
}

/** Parses one input event into a key. */
export function parseKeypress(sequence: string): KeyEvent {
  let s = sequence;
  let meta = false;
  // ESC ESC [ C: some terminals send Alt+arrow as an escaped escape sequence.
  if (s.startsWith('\u001b\u001b') && s.length > 2) {
    meta = true;
    s = s.slice(1);
  }
  if (s === '\r') return key('return', sequence, { meta });
  if (s === '\n') return key('return', sequence, { shift: true });
  if (s === '\u001b\r' || s === '\u001b\n') return key('return', sequence, { meta: true });
  if (s === '\t') return key('tab', sequence);
  if (s === '\u007f' || s === '\b') return key('backspace', sequence, { meta });
  if (s === '\u001b\u007f' || s === '\u001b\b') return key('backspace', sequence, { meta: true });
  if (s === '\u001b') return key('escape', sequence);
  if (s === '\u001b[[A' || s === '\u001b[[B') return key(s.endsWith('A') ? 'f1' : 'f2', sequence);

  // SS3: ESC O P..S (F1-F4), ESC O A..D (arrows in application mode).
  const ss3 = /^\u001bO([A-Z])$/.exec(s);
  if (ss3) return key(CSI_NAMES[ss3[1]] ?? 'unknown', sequence, { meta });

  const csi = /^\u001b\[([0-9;]*)([A-Za-z~])$/.exec(s);
  if (csi) {
    const params = csi[1].split(';');
    const final = csi[2];
    if (final === '~') {
      const mods = modifiers(params[1]);
      // xterm modifyOtherKeys: ESC [ 27 ; mod ; code ~
      if (params[0] === '27' && params[2]) return fromCodepoint(Number(params[2]), modifiers(params[1]), sequence);
      return key(TILDE_NAMES[params[0]] ?? 'unknown', sequence, { ...mods, meta: mods.meta || meta });
    }
    if (final === 'u') return fromCodepoint(Number(params[0]), modifiers(params[1]), sequence);
    const mods = modifiers(params[1]);
    const name = CSI_NAMES[final];
    if (final === 'Z') return key('tab', sequence, { shift: true });
    return key(name ?? 'unknown', sequence, { ...mods, meta: mods.meta || meta });
  }
  if (s.startsWith('\u001b[') || s.startsWith('\u001bO')) return key('unknown', sequence);

  // ESC + character: Alt+character.
  if (s.length >= 2 && s.startsWith('\u001b')) {
    const rest = s.slice(1);
    const inner = parseKeypress(rest);
    return { ...inner, meta: true, sequence };
  }
  if (s.length === 1) {
    const code = s.charCodeAt(0);
    if (code === 0) return key('space', sequence, { ctrl: true });
    if (code < 27) return key(String.fromCharCode(code + 96), sequence, { ctrl: true });
    if (code < 32) return key('unknown', sequence, { ctrl: true });
    return key('char', sequence, { text: s, meta, shift: s !== s.toLowerCase() });
  }
  if (Array.from(s).length === 1) return key('char', sequence, { text: s, meta });
  return key('text', sequence, { text: s, meta });
}

function fromCodepoint(code: number, mods: { shift: boolean; meta: boolean; ctrl: boolean }, sequence: string): KeyEvent {
  if (code === 13) return key('return', sequence, mods);
  if (code === 9) return key('tab', sequence, mods);
  if (code === 27) return key('escape', sequence, mods);
  if (code === 127) return key('backspace', sequence, mods);
  const char = String.fromCodePoint(code);
  if (mods.ctrl) return key(char.toLowerCase(), sequence, mods);
  return key('char', sequence, { ...mods, text: char });
}

/**
 * A chunk of several keys typed faster than they were read (or held while the TUI started), as
 * the keys in order: each control character on its own ("hel\x7fp" is "hel", Backspace, "p"), and
 * an Enter, Tabs, or Tabs then Enter right after a run of text pressed after it ("words\r",
 * "/he\t\r"). An Enter or line feed inside a run is a pasted newline and stays in it; Enters and
 * Tabs alone are each a key; a chunk with an escape is left whole.
 */
export function splitKeys(data: string): string[] {
  if (data.includes('\u001b')) return [data];
  const parts = data.match(/[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g) ?? [data];
  return parts.flatMap((part) => {
    // Enters and Tabs with no text around them are keys pressed in a row (Enter, Enter through
    // the start screen while it loads), not a pasted blank line.
    if (/^[\r\t]+$/.test(part)) return Array.from(part);
    // Text then Tabs and an Enter ("/he" Tab Enter, "/op" Tab Tab): the keys pressed after typing it.
    const pressed = /^([^\r\n\t]+)(\t+\r?|\r)$/.exec(part);
    return pressed ? [pressed[1], ...Array.from(pressed[2])] : [part];
  });
}

/**
 * A command line typed with its Enter and more keys after it, faster than they were read
 * ("/help\rq", "/he\t\rq"): the command (and a Tab after it), its Enter, then the rest as
 * `splitKeys` splits it; undefined for any
 * other text. A command is one line, so an Enter after one is pressed, not a pasted newline; the
 * caller asks only of text typed (not pasted) into an empty composer.
 */
export function splitCommandLine(text: string): string[] | undefined {
  const typed = /^(\/[^\r\n]+)\r([\s\S]*)$/.exec(text);
  if (!typed) return undefined;
  // Tabs right before the Enter are pressed, as splitKeys reads them ("/he" Tab Enter completes
  // /help, then runs it): kept in the line, the Enter sent the half-typed "/he".
  return [...splitKeys(typed[1]), '\r', ...(typed[2] ? splitKeys(typed[2]) : [])];
}

/**
 * ESC then `[` or `O` with nothing after in the read: the start of an escape sequence split
 * between reads (an arrow over a slow link), or an Esc and a key typed fast. Held a moment
 * (`joinEscapePrefix` decides once the next read comes, or the wait ends: Esc then the key).
 */
export function isEscapePrefix(sequence: string): boolean {
  return sequence === '\u001b[' || sequence === '\u001bO';
}

/**
 * The sequences a terminal sends for a key in the modes skald sets (`KEY_MODES` in
 * `cli/early-keys.ts`: cursor keys as ESC [, keypad as digits, no focus reports): CSI arrows,
 * Home, End, keypad 5, F1-F4 and Shift+Tab with or without modifiers, rxvt's Shift arrows (a-d),
 * the linux console's ESC [ [ A-E, numbered keys and CSI u with a number; SS3 F1-F4, rxvt's Ctrl
 * arrows (a-d), keypad Enter and =. A terminal's own reports (after `?`, `<`, `>` or `=`) are no
 * typing either. Anything else after ESC [ or ESC O is an Esc and what was typed after it.
 */
const KEY_SEQUENCE = /\u001b(?:\[(?:\[[A-E]|[0-9;]*[A-HP-SZ]|[a-d]|[0-9][0-9;:]*[~u]|[<=>?][0-9;:<=>?]*[\x40-\x7e])|O[MP-SXa-d])/;
const SEQUENCE_START = new RegExp(`^${KEY_SEQUENCE.source}`);
const WHOLE_SEQUENCE = new RegExp(`^${KEY_SEQUENCE.source}$`);

/**
 * The input events a held `prefix` and the next read's event stand for: the sequence they make
 * together (an arrow split after its `[`) and what follows it, or else the Esc, the `[` or `O`, and
 * the event as it came.
 */
export function joinEscapePrefix(prefix: string, next: string): string[] {
  const joined = prefix + next;
  const sequence = SEQUENCE_START.exec(joined)?.[0];
  if (sequence) return sequence.length < joined.length ? [sequence, joined.slice(sequence.length)] : [sequence];
  return ['\u001b', prefix.slice(1), next];
}

/**
 * An Esc then `[` or `O` and more typed fast, which the input parser read as one sequence no
 * terminal sends for a key (`ESC O f`, `ESC O A`, `ESC [ O` of "[OOC", `ESC [ 1 ]`): the Esc, then
 * what was typed. Left alone: the sequences of `KEY_SEQUENCE`.
 */
export function typedAfterEscape(sequence: string): string[] | undefined {
  const typed = /^\u001b([[O][\s\S]*)$/.exec(sequence);
  if (!typed || WHOLE_SEQUENCE.test(sequence)) return undefined;
  return ['\u001b', ...Array.from(typed[1])];
}
