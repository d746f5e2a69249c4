/** Escape sequences and the checks for them, shared by the headless and TUI escape tests. */

/** Every way text can try to drive a terminal. */
export const EVIL = [
  '\u001b[2J\u001b[H', // clear screen, cursor home
  '\u001b]0;owned title\u0007', // OSC window title
  '\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007', // OSC 8 hyperlink
  '\u001b]52;c;cm0gLXJmIH4=\u0007', // OSC 52 clipboard write
  '\u009b31m', // 8-bit CSI
  '\u009d0;c1 title\u009c', // 8-bit OSC
  '\u001bP+q544e\u001b\\', // DCS request
  '\u001b[6n', // cursor position report request
  '\u0007\u0008\u007f', // bell, backspace, DEL
  '\r', // carriage return: overwrite the line
];
export const evil = (text: string, k = 0) => `${EVIL[k % EVIL.length]}${text}${EVIL[(k + 3) % EVIL.length]}`;

/** Control characters other than newline and tab, anywhere in a decoded value. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Paths of every string in `value` that holds a control character. */
export function controlPaths(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) out.push(`${path}: ${JSON.stringify(value.slice(0, 80))}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => controlPaths(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (CONTROL.test(k)) out.push(`${path} key ${JSON.stringify(k)}`);
      controlPaths(v, `${path}.${k}`, out);
    }
  }
  return out;
}

/** Raw terminal-driving bytes in output: ESC, BEL, CR-overwrite, C1 controls as UTF-8. */
export function rawEscapes(bytes: string): boolean {
  return /[\u001b\u0007\u0008\u007f\u0080-\u009f]|\r(?!\n)/.test(bytes);
}
