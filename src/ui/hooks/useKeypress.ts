/**
 * Raw key input for the whole app: subscribes to Ink's input events (which Ink reads from stdin's
 * `readable`, also under ink-testing-library), names each one with `parseKeypress`, and folds a
 * bracketed paste into one `text` event so pasted newlines never send the message.
 */
import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { parseKeypress, splitKeys, type KeyEvent } from '../input/keypress.js';
import { keysOf } from '../keys.js';

/** Calls `handler` with every named key (raw mode on while mounted). */
export function useKeypress(handler: (key: KeyEvent) => void): void {
  const { internal_eventEmitter: emitter, setRawMode, isRawModeSupported } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
  const paste = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    return () => {
      if (isRawModeSupported) setRawMode(false);
    };
  }, [isRawModeSupported, setRawMode]);

  useEffect(() => {
    const onInput = (data: string) => {
      const key = parseKeypress(data);
      if (key.name === 'paste-start') {
        paste.current = '';
        return;
      }
      if (key.name === 'paste-end') {
        const text = paste.current ?? '';
        paste.current = undefined;
        if (text) latest.current({ name: 'text', text, ctrl: false, meta: false, shift: false, sequence: text, pasted: true });
        return;
      }
      if (paste.current !== undefined) {
        paste.current += data;
        return;
      }
      // Fast typing can arrive as "words\r", "/tr\t" or "hel\x7fp" in one chunk: each key in turn.
      const keys = key.name === 'text' ? splitKeys(data) : [data];
      if (keys.length > 1) {
        for (const one of keys) latest.current(parseKeypress(one));
        return;
      }
      // ESC then a letter in one read: Alt+letter only where the key table binds it.
      for (const one of keysOf(key)) latest.current(one);
    };
    emitter?.on('input', onInput);
    return () => {
      emitter?.removeListener('input', onInput);
    };
  }, [emitter]);
}
