/**
 * The questions the player asked this turn, in their own words. The directive names them so a beat
 * chosen by pacing ("escalate: a threat ...") does not lead the model past them: a question left
 * unanswered is the ignores-user failure the critics would then flag on every candidate.
 */
import { isWaiting, splitOoc } from '../pacing/cues.js';

/** At most this many questions are quoted, and this many characters of them. */
const MAX_QUESTIONS = 2;
const MAX_CHARS = 200;

// A question is the run of text before a question mark, back to the sentence's start, a quote
// mark, an asterisk action's edge or a line break.
const QUESTION = /[^.!?。！？\n"“”「」『』*]+[?？]+/gu;

/** The player's questions (up to two, trimmed), or none when the message only waits ("and then?"). */
export function askedQuestions(playerInput: string): string[] {
  const { rest } = splitOoc(playerInput);
  if (!/[?？]/u.test(rest) || isWaiting(rest)) return [];
  const found: string[] = [];
  for (const match of rest.matchAll(QUESTION)) {
    const question = match[0].replace(/\s+/gu, ' ').trim();
    // A lone "?" or "Eh?" asks nothing the reply could take up by name.
    if ((question.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < 3) continue;
    found.push(question);
    if (found.length === MAX_QUESTIONS) break;
  }
  return found;
}

/** The questions as one quoted span for the directive, cut at a word when long. */
export function quotedQuestions(questions: string[]): string {
  // Chinese questions end on a full-width mark and run on without a space.
  const joined = questions.reduce((all, q) => (all === '' ? q : `${all}${/？$/u.test(all) ? '' : ' '}${q}`), '');
  if (joined.length <= MAX_CHARS) return joined;
  const cut = joined.slice(0, MAX_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}
