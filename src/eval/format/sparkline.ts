/** Sparklines: one block character per share, on a fixed scale. */

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * The upper bound of each block above the lowest (a share of 0): ▂ under 2%, ▃ under 5% ... █ 70%
 * or more. Fixed, so the same block means the same share in every row and every run, and two runs
 * (two models) compare by eye; stepped, so the few percent most critics flag still show.
 * Scaling each row to its own maximum drew one flagged turn in ninety as a full bar.
 */
export const SPARK_STEPS: readonly number[] = [0.02, 0.05, 0.1, 0.2, 0.4, 0.7];

/** One block per share (0..1): ▁ for none, then the first step the share is under, █ at 70% or more. */
export function sparkline(values: readonly number[]): string {
  return values
    .map((v) => {
      if (!(v > 0)) return BLOCKS[0];
      const step = SPARK_STEPS.findIndex((bound) => v < bound);
      return BLOCKS[step < 0 ? BLOCKS.length - 1 : step + 1];
    })
    .join('');
}

/** The scale in words, for a legend under the lines that use it. */
export function sparkLegend(): string {
  const bands = SPARK_STEPS.map((bound, i) => `${BLOCKS[i + 1]} <${Math.round(bound * 100)}%`);
  return `trend: one block per window, on a fixed scale: ${BLOCKS[0]} 0, ${bands.join(', ')}, ${BLOCKS[BLOCKS.length - 1]} ${Math.round(SPARK_STEPS[SPARK_STEPS.length - 1] * 100)}%+`;
}
