/**
 * The composer's text and cursor as plain values with pure edits, so the editing rules are tested
 * without a terminal. The cursor is a UTF-16 offset that never splits a surrogate pair.
 */

export interface EditorState {
  text: string;
  cursor: number;
}

export const EMPTY_EDITOR: EditorState = { text: '', cursor: 0 };

/** Starts an editor holding `text` with the cursor at its end. */
export function editorWith(text: string): EditorState {
  return { text, cursor: text.length };
}

function prevIndex(text: string, i: number): number {
  if (i <= 0) return 0;
  const code = text.charCodeAt(i - 1);
  return code >= 0xdc00 && code <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

function nextIndex(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff ? i + 2 : i + 1;
}

/** Inserts text (a key, a paste) at the cursor; CR and CRLF become newlines, tabs become spaces. */
export function insert(state: EditorState, raw: string): EditorState {
  const text = raw.replace(/\r\n?/g, '\n').replace(/\t/g, '  ');
  return { text: state.text.slice(0, state.cursor) + text + state.text.slice(state.cursor), cursor: state.cursor + text.length };
}

/** Deletes the character before the cursor. */
export function backspace(state: EditorState): EditorState {
  if (state.cursor === 0) return state;
  const from = prevIndex(state.text, state.cursor);
  return { text: state.text.slice(0, from) + state.text.slice(state.cursor), cursor: from };
}

/** Deletes the character under the cursor. */
export function deleteForward(state: EditorState): EditorState {
  if (state.cursor >= state.text.length) return state;
  return { text: state.text.slice(0, state.cursor) + state.text.slice(nextIndex(state.text, state.cursor)), cursor: state.cursor };
}

/** Deletes the word (and spaces) before the cursor. */
export function deleteWord(state: EditorState): EditorState {
  const before = state.text.slice(0, state.cursor);
  const kept = before.replace(/\S+\s*$|\s+$/, '');
  return { text: kept + state.text.slice(state.cursor), cursor: kept.length };
}

/** One character left. */
export function moveLeft(state: EditorState): EditorState {
  return { ...state, cursor: prevIndex(state.text, state.cursor) };
}

/** One character right. */
export function moveRight(state: EditorState): EditorState {
  return { ...state, cursor: nextIndex(state.text, state.cursor) };
}

/** Line and column (UTF-16) of the cursor. */
export function cursorPosition(state: EditorState): { line: number; column: number; lines: string[] } {
  const lines = state.text.split('\n');
  let offset = state.cursor;
  for (let line = 0; line < lines.length; line++) {
    if (offset <= lines[line].length) return { line, column: offset, lines };
    offset -= lines[line].length + 1;
  }
  return { line: lines.length - 1, column: lines[lines.length - 1].length, lines };
}

function offsetOf(lines: string[], line: number, column: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i].length + 1;
  return offset + Math.min(column, lines[line].length);
}

/** To the start of the cursor's line. */
export function moveHome(state: EditorState): EditorState {
  const { line, lines } = cursorPosition(state);
  return { ...state, cursor: offsetOf(lines, line, 0) };
}

/** To the end of the cursor's line. */
export function moveEnd(state: EditorState): EditorState {
  const { line, lines } = cursorPosition(state);
  return { ...state, cursor: offsetOf(lines, line, lines[line].length) };
}

/** One line up, keeping the column where it can. */
export function moveUp(state: EditorState): EditorState {
  const { line, column, lines } = cursorPosition(state);
  return line === 0 ? state : { ...state, cursor: offsetOf(lines, line - 1, column) };
}

/** One line down, keeping the column where it can. */
export function moveDown(state: EditorState): EditorState {
  const { line, column, lines } = cursorPosition(state);
  return line >= lines.length - 1 ? state : { ...state, cursor: offsetOf(lines, line + 1, column) };
}
