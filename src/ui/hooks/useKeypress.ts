/**
 * Raw key input for the whole app: subscribes to Ink's input events (which Ink reads from stdin's
 * `readable`, also under ink-testing-library), names each one with `parseKeypress`, and folds a
 * bracketed paste into one `text` event so pasted newlines never send the message.
 */
import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { parseKeypress, type KeyEvent } from '../input/keypress.js';

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
        if (text) latest.current({ name: 'text', text, ctrl: false, meta: false, shift: false, sequence: text });
        return;
      }
      if (paste.current !== undefined) {
        paste.current += data;
        return;
      }
      // Fast typing can arrive as "words\r" or "/tr\t" in one chunk: type the words, then press the key.
      if (key.name === 'text' && /^[^\r\n\t]+[\r\t]$/.test(data)) {
        latest.current({ ...key, text: data.slice(0, -1), sequence: data.slice(0, -1) });
        latest.current(parseKeypress(data.slice(-1)));
        return;
      }
      latest.current(key);
    };
    emitter?.on('input', onInput);
    return () => {
      emitter?.removeListener('input', onInput);
    };
  }, [emitter]);
}
