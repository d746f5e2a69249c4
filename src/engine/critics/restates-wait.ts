/**
 * A player who only waits ("wait", "I say nothing and watch") has chosen to keep still; a reply that narrates them
 * keeping still ("A.L.I.C.E. says nothing.", "You wait.") says their move back and decides nothing for them.
 */
import { isWaiting } from '../pacing/cues.js';
import { boundedMemo } from '../../text/memo.js';

const waiting = boundedMemo(8, isWaiting);

// The clause the verb heads runs to the next stop, comma, dash or line break.
const CLAUSE_END = /[.,;:!?…—–\n]/u;

/**
 * True when the player's message only waits and the clause from `verbAt` (the verb narrated of the player), read as
 * the player's own line ("I says nothing."), would only wait too.
 */
export function restatesWait(playerInput: string, text: string, verbAt: number): boolean {
  if (!waiting(playerInput)) return false;
  const rest = text.slice(verbAt, verbAt + 80);
  const cut = rest.search(CLAUSE_END);
  const clause = (cut >= 0 ? rest.slice(0, cut) : rest).trim();
  return clause.length > 0 && waiting(`I ${clause}.`);
}
