/** Small text gauges for the debug pane: a slow-to-fast needle and proportional bars. */

/** A needle on a bar from -1 (left) to +1 (right): `slow ───●──── fast`. */
export function needle(value: number, width: number): string {
  const w = Math.max(5, width);
  const clamped = Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
  const at = Math.round(((clamped + 1) / 2) * (w - 1));
  return Array.from({ length: w }, (_, i) => (i === at ? '●' : '─')).join('');
}

/** A bar for `value` out of `max`, `width` cells: `█████░░░░░`. */
export function bar(value: number, max: number, width: number): string {
  const w = Math.max(1, width);
  const filled = max > 0 ? Math.max(0, Math.min(w, Math.round((value / max) * w))) : 0;
  return '█'.repeat(filled) + '░'.repeat(w - filled);
}

/** A signed number with two decimals: `+0.30`. */
export function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}
