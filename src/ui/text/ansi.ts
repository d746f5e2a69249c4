/**
 * The history as terminal text: each run styled as `Lines` draws it in Ink (the same chalk, so the
 * same colour level and NO_COLOR), without Ink's layout. Ink lays out and re-parses every printed
 * character of `<Static>` output cell by cell (about 3 ms a line before its code is warm), which
 * made a resumed story's first frame wait seconds for history already wrapped to the width.
 */
import chalk from 'chalk';
import type { Segment } from './segments.js';
import type { Line } from './wrap.js';
import { neutralize } from '../../text/sanitize.js';
import { tint } from '../theme.js';

/** How a run is drawn: the props of its Ink `<Text>`. */
export interface RunStyle {
  color?: string;
  bold?: boolean;
  italic?: boolean;
  dimColor?: boolean;
}

/** The style of a run by its kind (one table for the live area's `<Text>` and the printed history). */
export function styleOf(seg: Segment): RunStyle {
  switch (seg.kind) {
    case 'action':
      return { italic: true, color: tint('gray') };
    case 'dialogue':
      return { color: tint('whiteBright') };
    case 'name':
      return { bold: true, color: tint(seg.color) };
    case 'player':
      return { color: tint('greenBright') };
    case 'error':
      return { color: tint('red') };
    case 'notice':
      return { color: tint('yellow') };
    case 'meta':
      return { dimColor: true };
    default:
      return {};
  }
}

/** A colour as Ink's `<Text color>` takes it: a chalk name or `#rrggbb` (what skald draws). */
function colorize(text: string, color: string): string {
  if (color.startsWith('#')) return chalk.hex(color)(text);
  const named = (chalk as unknown as Record<string, unknown>)[color];
  return typeof named === 'function' ? (named as (t: string) => string)(text) : text;
}

/** One run with its style, in the order Ink's `<Text>` applies them. */
function styled(text: string, style: RunStyle): string {
  let out = text;
  if (style.dimColor) out = chalk.dim(out);
  if (style.color) out = colorize(out, style.color);
  if (style.bold) out = chalk.bold(out);
  if (style.italic) out = chalk.italic(out);
  return out;
}

/**
 * One wrapped line as terminal text. Runs are neutralised when they are made; they pass through
 * `neutralize` again (a no-op on clean text) because nothing between here and the terminal would
 * catch a stray escape (Ink strips some from what `<Text>` draws; these rows skip Ink).
 */
export function lineText(line: Line): string {
  let out = '';
  for (const seg of line) {
    const text = neutralize(seg.text);
    if (text) out += styled(text, styleOf(seg));
  }
  return out;
}

/** History rows as the text to print above the live area, one line each, ending with a newline. */
export function historyText(items: readonly { lines: readonly Line[] }[]): string {
  let out = '';
  for (const item of items) for (const line of item.lines) out += `${lineText(line)}\n`;
  return out;
}
