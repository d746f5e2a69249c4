/**
 * The bottom line: the keys that work right now, read from the key table, or a one-off notice
 * (the Ctrl+C quit hint).
 */
import { Text } from 'ink';
import { keyHints, type KeyState } from '../keys.js';
import { tint } from '../theme.js';

/** The hints of the key table for this state, or a notice in their place. */
export function StatusLine({ state, notice }: { state: KeyState; notice?: string }) {
  if (notice) return <Text wrap="truncate-end" color={tint('yellow')}>{notice}</Text>;
  const hints = keyHints(state);
  return (
    <Text wrap="truncate-end" dimColor>
      {hints.map((h, i) => `${i > 0 ? ' · ' : ''}${h.keys} ${h.label}`).join('')}
      {state.modal ? '' : ' · /help'}
    </Text>
  );
}
