/**
 * A candidate's critic score as the carousel and the debug pane show it.
 */

/**
 * To two places, rounded down: a flagged reply scores under 1, and rounding 0.998 up would show
 * "score 1.00 · flagged", a perfect score beside a fault.
 */
export function scoreText(score: number): string {
  return (Math.floor(score * 100 + 1e-9) / 100).toFixed(2);
}
