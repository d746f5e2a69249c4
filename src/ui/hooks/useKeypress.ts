/**
 * Raw key input for the whole app: subscribes to Ink's input events (which Ink reads from stdin's
 * `readable`, also under ink-testing-library), names each one with `parseKeypress`, and folds a
 * bracketed paste into one `text` event so pasted newlines never send the message.
 */
import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { isEscapePrefix, joinEscapePrefix, parseKeypress, splitKeys, typedAfterEscape, type KeyEvent } from '../input/keypress.js';
import { keysOf } from '../keys.js';
import { afterMs, type ScheduleNotice } from './useNotice.js';

/**
 * How long ESC `[` or ESC `O` alone waits for the rest of a sequence before it is an Esc and the
 * key: vim's ttimeoutlen is 100 ms; the rest of a split sequence comes well within that.
 */
export const ESCAPE_WAIT_MS = 50;

/**
 * Calls `handler` with every named key (raw mode on while mounted). `schedule` times the wait
 * after ESC `[` or ESC `O` (tests fire it themselves).
 */
export function useKeypress(handler: (key: KeyEvent) => void, schedule: ScheduleNotice = afterMs): void {
  const { internal_eventEmitter: emitter, setRawMode, isRawModeSupported } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
  const paste = useRef<string | undefined>(undefined);
  const scheduleRef = useRef(schedule);
  scheduleRef.current = schedule;
  // ESC `[` or ESC `O` waiting for the next read, and how to cancel its wait.
  const held = useRef<{ prefix: string; cancel: () => void } | undefined>(undefined);

  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    return () => {
      if (isRawModeSupported) setRawMode(false);
    };
  }, [isRawModeSupported, setRawMode]);

  useEffect(() => {
    const onInput = (data: string) => {
      const waiting = held.current;
      if (waiting) {
        held.current = undefined;
        waiting.cancel();
        for (const one of joinEscapePrefix(waiting.prefix, data)) onEvent(one);
        return;
      }
      if (paste.current === undefined && isEscapePrefix(data)) {
        const entry = { prefix: data, cancel: () => undefined as void };
        entry.cancel = scheduleRef.current(() => {
          if (held.current !== entry) return;
          held.current = undefined;
          for (const one of ['\u001b', data.slice(1)]) latest.current(parseKeypress(one));
        }, ESCAPE_WAIT_MS);
        held.current = entry;
        return;
      }
      onEvent(data);
    };
    const onEvent = (data: string) => {
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
      const typed = typedAfterEscape(data);
      if (typed) {
        for (const one of typed) latest.current(parseKeypress(one));
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
      held.current?.cancel();
      held.current = undefined;
    };
  }, [emitter]);
}
