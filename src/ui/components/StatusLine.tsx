/**
 * The bottom line: the keys that work right now, read from the key table, or a one-off notice
 * (the Ctrl+C quit hint).
 */
import { Text } from 'ink';
import { keyHints, type KeyState } from '../keys.js';
import { textWidth } from '../text/wrap.js';
import { tint } from '../theme.js';

/**
 * The hints that fit in `width` columns, whole (most useful first), and `/help` always last: a
 * hint cut in half ("↑…") is no hint, and `/help` is where the dropped ones are listed.
 */
export function statusText(state: KeyState, width = Number.POSITIVE_INFINITY): string {
  const tail = state.modal ? '' : '/help';
  let text = '';
  for (const { keys, label } of keyHints(state)) {
    const next = `${text}${text ? ' · ' : ''}${keys} ${label}`;
    if (textWidth(next) + (tail ? textWidth(tail) + 3 : 0) > width) break;
    text = next;
  }
  return tail ? `${text}${text ? ' · ' : ''}${tail}` : text;
}

/**
 * The hints of the key table for this state, or a notice in their place (a one-off warning), or a
 * note (what stands in for a part of the screen there is no room for).
 */
export function StatusLine({ state, notice, note, width }: { state: KeyState; notice?: string; note?: string; width?: number }) {
  if (notice)
    return (
      <Text wrap="truncate-end" color={tint('yellow')}>
        {notice}
      </Text>
    );
  if (note)
    return (
      <Text wrap="truncate-end" dimColor>
        {note}
      </Text>
    );
  return (
    <Text wrap="truncate-end" dimColor>
      {statusText(state, width)}
    </Text>
  );
}
