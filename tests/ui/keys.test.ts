import { describe, expect, it } from 'vitest';
import { parseKeypress } from '../../src/ui/input/keypress.js';
import { KEY_BINDINGS, keyHints, resolveKey, type KeyState } from '../../src/ui/keys.js';
import { statusText } from '../../src/ui/components/StatusLine.js';
import {
  backspace,
  cursorPosition,
  deleteForward,
  editorWith,
  insert,
  moveDown,
  moveLeft,
  moveRight,
  moveUp,
} from '../../src/ui/input/editor.js';

const base: KeyState = {
  modal: false,
  generating: false,
  composerEmpty: true,
  slash: false,
  onFirstLine: true,
  onLastLine: true,
  debugOpen: false,
  canRetry: false,
  hasTurn: true,
  earlierSelected: false,
};
const action = (seq: string, state: Partial<KeyState> = {}) => resolveKey(parseKeypress(seq), { ...base, ...state })?.id;

describe('parseKeypress', () => {
  it('names F2 in both encodings, Alt+Enter as ESC CR, Shift+Enter in the CSI u and modifyOtherKeys forms', () => {
    expect(parseKeypress('\u001bOQ').name).toBe('f2');
    expect(parseKeypress('\u001b[12~').name).toBe('f2');
    expect(parseKeypress('\u001b\r')).toMatchObject({ name: 'return', meta: true });
    expect(parseKeypress('\u001b[13;2u')).toMatchObject({ name: 'return', shift: true });
    expect(parseKeypress('\u001b[27;2;13~')).toMatchObject({ name: 'return', shift: true });
    expect(parseKeypress('\u001b[1;3C')).toMatchObject({ name: 'right', meta: true });
    expect(parseKeypress('\u001b\u001b[D')).toMatchObject({ name: 'left', meta: true });
    expect(parseKeypress('\u0012')).toMatchObject({ name: 'r', ctrl: true });
    expect(parseKeypress('héllo wörld')).toMatchObject({ name: 'text', text: 'héllo wörld' });
    expect(parseKeypress('山')).toMatchObject({ name: 'char', text: '山' });
  });
});

describe('the key table', () => {
  it('gives plain arrows to the carousel only when the composer is empty', () => {
    expect(action('\u001b[C')).toBe('swipe-next');
    expect(action('\u001b[C', { composerEmpty: false })).toBe('cursor-right');
    expect(action('\u001b[1;3C', { composerEmpty: false })).toBe('swipe-next');
    expect(action('\u001bb', { composerEmpty: false })).toBe('swipe-prev');
    expect(action('\u001bf', { composerEmpty: false })).toBe('swipe-next');
  });

  it('lets a modal take the arrows and Esc before the composer and the generation', () => {
    expect(action('\u001b[A', { modal: true })).toBe('modal-up');
    expect(action('\u001b', { modal: true, generating: true })).toBe('modal-close');
    expect(action('\u001b', { generating: true })).toBe('stop');
    expect(action('\r', { modal: true })).toBe('modal-accept');
  });

  it('walks history on Up only from the first line, and types r unless an error can be retried', () => {
    expect(action('\u001b[A')).toBe('history-prev');
    expect(action('\u001b[A', { onFirstLine: false, composerEmpty: false })).toBe('cursor-up');
    expect(action('r')).toBeUndefined();
    expect(action('r', { canRetry: true })).toBe('retry');
    expect(action('r', { canRetry: true, composerEmpty: false })).toBeUndefined();
  });

  it('feeds the status line from the same table: hints follow the state', () => {
    const idle = keyHints(base).map((h) => h.label);
    expect(idle).toContain('swipe');
    expect(idle).toContain('regen');
    expect(keyHints({ ...base, generating: true }).map((h) => h.label)).toEqual(expect.arrayContaining(['stop']));
    expect(keyHints({ ...base, generating: true }).map((h) => h.label)).not.toContain('regen');
    expect(keyHints({ ...base, modal: true }).map((h) => h.label)).toEqual(['choose', 'close', 'debug']);
    for (const hint of keyHints(base)) expect(KEY_BINDINGS.some((b) => b.hint?.label === hint.label)).toBe(true);
  });
});

describe('the composer editor', () => {
  it('edits multi-line text and keeps surrogate pairs whole', () => {
    let e = insert(editorWith(''), 'one\r\ntwo');
    expect(e.text).toBe('one\ntwo');
    expect(cursorPosition(e)).toMatchObject({ line: 1, column: 3 });
    e = moveUp(e);
    expect(cursorPosition(e)).toMatchObject({ line: 0, column: 3 });
    e = insert(editorWith('a😀'), '');
    expect(backspace(e).text).toBe('a');
    expect(moveLeft(e).cursor).toBe(1);
  });

  it('moves and deletes by the character the player sees: a letter with its accent, an emoji with its tone or joiners, a flag', () => {
    for (const char of ['e\u0301', '👋🏽', '👩‍👩‍👧‍👦', '🇯🇵', 'ก\u0e31', '❤\ufe0f']) {
      const e = editorWith(`a${char}b`);
      expect(backspace(moveLeft(e)).text).toBe('ab');
      expect(moveLeft(moveLeft(e)).cursor).toBe(1);
      expect(deleteForward(moveRight({ text: `a${char}b`, cursor: 0 })).text).toBe('ab');
      expect(moveRight(moveRight({ text: `a${char}b`, cursor: 0 })).cursor).toBe(1 + char.length);
    }
    // Two flags side by side are two characters, not one pair of indicators and two halves.
    expect(backspace(editorWith('🇯🇵🇫🇷')).text).toBe('🇯🇵');
    // Up or Down keeping a column that falls inside a character lands at its start.
    expect(moveUp({ text: 'a👋🏽b\nxyz', cursor: 9 }).cursor).toBe(1);
    expect(moveDown({ text: 'xyz\na👋🏽b', cursor: 2 }).cursor).toBe(5);
  });
});

describe('the status line', () => {
  it('keeps whole hints that fit, most useful first, and always ends with /help', () => {
    const state: KeyState = { ...base, earlierSelected: true, composerEmpty: false };
    const full = statusText(state);
    for (const width of [40, 60, 80, 100]) {
      const text = statusText(state, width);
      expect(text.length).toBeLessThanOrEqual(width);
      expect(text.endsWith(' · /help')).toBe(true);
      // Each hint shown is one of the full line's, whole.
      for (const part of text.split(' · ')) expect(full.split(' · ')).toContain(part);
    }
    expect(statusText(state, 40).startsWith('Esc back to latest')).toBe(true);
    expect(statusText({ ...base, modal: true }, 80)).not.toContain('/help');
  });
});
