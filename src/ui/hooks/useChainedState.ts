/**
 * State that keys landing in one tick can chain (typed text then Enter, Down Down Enter held while
 * the TUI started): each update starts from the one before it, kept in a ref, where a `useState`
 * value is the last render's. Not for function values (an update may be a function).
 */
import { useCallback, useRef, useState } from 'react';

/** The value as rendered, its setter (a value or an update of the latest), and the latest value. */
export function useChainedState<T>(initial: T | (() => T)): [T, (next: T | ((latest: T) => T)) => void, () => T] {
  // A function is read once, on the first render, as `useState` reads it (a long story's sent lines).
  const [value, setValue] = useState(initial);
  const latest = useRef(value);
  const set = useCallback((next: T | ((latest: T) => T)) => {
    latest.current = typeof next === 'function' ? (next as (latest: T) => T)(latest.current) : next;
    setValue(latest.current);
  }, []);
  const now = useCallback(() => latest.current, []);
  return [value, set, now];
}
