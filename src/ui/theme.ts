/**
 * Colour policy: `NO_COLOR` removes every colour skald would draw (bold, italics, dim and the
 * inverse cursor stay, as the convention allows, so the composer keeps its cursor); a non-zero
 * `FORCE_COLOR` overrides it. Chalk, under Ink, already honours `FORCE_COLOR` and the terminal.
 */

/** True unless NO_COLOR asks for no colour. */
export function colorsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return !env.NO_COLOR;
}

/** The colour to draw, or undefined when colours are off. */
export function tint(color: string | undefined): string | undefined {
  return color && colorsEnabled() ? color : undefined;
}
