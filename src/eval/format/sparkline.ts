/** Sparklines: one block character per value. */

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One block per value, scaled to the row's maximum (so a rise from 2% to 8% shows); a row of
 * zeros stays flat at the lowest block.
 */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max <= 0 ? BLOCKS[0] : BLOCKS[Math.min(7, Math.max(0, Math.round((v / max) * 7)))])).join('');
}
