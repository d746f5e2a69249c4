/**
 * The composer's text and cursor as plain values with pure edits, so the editing rules are tested
 * without a terminal. The cursor is a UTF-16 offset that never splits a character as the player
 * sees it (a grapheme: a letter and its combining accent, an emoji with its skin tone or joiners).
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

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** A grapheme is rarely more than a few code units (a family emoji: 11); this many are read around the cursor. */
const AROUND = 64;

/** Where the character (grapheme: é as e and its accent, 👋🏽, 🇯🇵) before offset `i` starts. */
function prevIndex(text: string, i: number): number {
  if (i <= 0) return 0;
  const from = Math.max(0, i - AROUND);
  let start = from;
  for (const { index } of GRAPHEMES.segment(text.slice(from, i))) start = from + index;
  return start;
}

/** Where the character (grapheme) at offset `i` ends. */
export function nextIndex(text: string, i: number): number {
  if (i >= text.length) return text.length;
  for (const { segment } of GRAPHEMES.segment(text.slice(i, i + AROUND))) return i + segment.length;
  return text.length;
}

/** The characters (graphemes) of `text`, each whole. */
export function graphemes(text: string): string[] {
  return ONE_UNIT.test(text) ? Array.from(text) : Array.from(GRAPHEMES.segment(text), (g) => g.segment);
}

/** Text whose every code unit is a character of its own: Latin with no combining mark, general punctuation, kana, CJK, Hangul syllables. */
const ONE_UNIT = /^[\x20-\x7e\xa0-\u02ff\u2010-\u205e\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7a3]*$/;

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

/** To the start of the word before the cursor (over the spaces after it), as Ctrl+W deletes it. */
export function moveWordLeft(state: EditorState): EditorState {
  const before = state.text.slice(0, state.cursor);
  return { ...state, cursor: before.replace(/\S+\s*$|\s+$/, '').length };
}

/** To the end of the word after the cursor (over the spaces before it). */
export function moveWordRight(state: EditorState): EditorState {
  const word = /^\s*\S+|^\s+/.exec(state.text.slice(state.cursor));
  return { ...state, cursor: state.cursor + (word ? word[0].length : 0) };
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

/** The offset of `column` in `line`, moved back to the start of the character (grapheme) it falls inside. */
function offsetOf(lines: string[], line: number, column: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i].length + 1;
  let at = 0;
  for (const g of graphemes(lines[line])) {
    if (at + g.length > column) break;
    at += g.length;
  }
  return offset + at;
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
