/**
 * Words that are a whole stage direction alone, bracket to bracket ("(smirks)", "*pauses mid-polish, cloth stilling in
 * her hands*"): a gesture told apart as its own unit, read by filler (a one-verb direction is the act said plainly, not
 * padding) and repetition (a whole direction copied is the same beat again, as a whole sentence is).
 */

const OPENS = /[(*（][ \t]*$/u;
const CLOSES = /^[ \t]*[)*）]/u;
const CLOSES_AFTER_STOP = /^[ \t.!?]*[)*）]/u;

/**
 * The text from `start` to `end` is a whole stage direction; with `stopInside`, a stop may end its words before the
 * bracket ("(sighs.)").
 */
export function wholeDirection(text: string, start: number, end: number, stopInside = false): boolean {
  return OPENS.test(text.slice(Math.max(0, start - 3), start)) && (stopInside ? CLOSES_AFTER_STOP : CLOSES).test(text.slice(end, end + 3));
}
