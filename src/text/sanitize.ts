/**
 * Pack text and model output are data: nothing in them may drive the terminal. These helpers
 * remove escape sequences (CSI colours and cursor moves, OSC titles, OSC 8 hyperlinks, OSC 52
 * clipboard writes, DCS/APC/PM strings) and every other control character, so only skald's own
 * styling reaches the screen.
 */

// ESC-introduced sequences: OSC/DCS/SOS/PM/APC strings up to BEL or ST, CSI with params, and
// two-character escapes. The 8-bit C1 forms (0x9b CSI, 0x9d OSC ...) are covered below.
const ESCAPE_SEQUENCE =
  /\u001b(?:[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\[[0-?]*[ -/]*[@-~]?|[ -/]*[0-~]?)/g;
const C1_STRING = /[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u009c|\u001b\\|$)/g;
const C1_CSI = /\u009b[0-?]*[ -/]*[@-~]?/g;
// C0 controls except tab and newline, DEL, and C1 controls.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes escape sequences and control characters; keeps text, newlines and tabs. */
export function neutralize(text: string): string {
  if (!hasControl(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(C1_STRING, '')
    .replace(C1_CSI, '')
    .replace(CONTROL, '');
}

/** True when the text holds anything `neutralize` would remove. */
export function hasControl(text: string): boolean {
  return /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text);
}
