import type { CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { evidenceAt, resultFrom, sentences } from './text.js';

// What gives the player something to answer: a question, the player addressed, an action left
// open (someone waits, offers, reaches), or tension that is not resolved.
const HOOK =
  /[?？]|\byou(?:r|rs)?\b|[—–]\s*["”']?\s*$|(?:\.\.\.|…)\s*["”']?\s*$|\b(?:wait|waits|waiting|offers?|holds? out|extends?|reaches? for|turns? to|expects?|until|unless|before|but|yet|suddenly|someone|something|footsteps|knock(?:s|ing)?|scream(?:s)?|behind|whether)\b|你|您|等着|等待|伸出|递给|递过|突然|忽然|却|但|可是|脚步声|有人|什么东西|还没|未|仍然|依然/iu;

const LAST = 2;

/** The last sentences hold no question, direct address, open action or unresolved tension. */
export function noHook(text: string, _ctx: CriticContext): CriticResult {
  const list = sentences(text);
  if (list.length === 0) return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
  const tail = list.slice(-LAST);
  const start = tail[0]!.start;
  const end = tail[tail.length - 1]!.end;
  if (HOOK.test(text.slice(start, end))) return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
  return resultFrom('no-hook', [evidenceAt(text, start, end, 'the ending gives the player nothing to answer')], 0.6);
}
