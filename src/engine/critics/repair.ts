import type { CriticContext } from './context.js';
import { ASSISTANT_PREFIX, LEFTOVER_TAG, SENTENCE_END, SINGLE_STAR } from './markup.js';
import { compileWho } from './who.js';
import { execAll } from '../../text/regexp.js';

export interface Repaired {
  text: string;
  /** Human-readable, in the order applied: "cut at a line spoken by Tamsin". */
  repairs: string[];
}

export interface RepairOptions {
  /** The model stopped because it reached its token limit (`finish_reason: "length"`). */
  lengthLimited?: boolean;
  /**
   * The reply was stopped before its end (Esc, a stream that broke): an open quote or `*` stays
   * open, as it arrived, for /continue to go on inside it; a closing mark would end the speech there.
   */
  unfinished?: boolean;
}

const THINK_BLOCK = /<think>[\s\S]*?<\/think>\s*/giu;
// An echoed instruction block is prompt, not story: drop it whole.
const INST_BLOCK = /\[INST\][\s\S]*?\[\/INST\]\s*/gu;

// A sentence ends at . ! ? … (then closing quotes, brackets or an action's `*`) before a space,
// or at a CJK full stop, which needs no space after it.
const SENTENCE_BREAK = /(?:[.!?…][”’"')）\]*」』]*(?=\s)|[。！？][”’"')）\]*」』]*)/gu;
/** The repair named when the token limit's fragment was dropped (the UI then needs no mark). */
export const LENGTH_LIMIT_REPAIR = 'dropped the unfinished last sentence (the reply reached its length limit)';
/** Trimming may drop at most this share of a length-limited reply; past it, the fragment stays (and is flagged). */
const MAX_TRIMMED_SHARE = 0.6;

/** `text` without its unfinished last sentence, or undefined when that would cut too much. */
function withoutUnfinishedSentence(text: string): string | undefined {
  const body = text.trimEnd();
  if (!body || SENTENCE_END.test(body)) return undefined;
  let end = -1;
  for (const m of execAll(SENTENCE_BREAK, body)) end = (m.index ?? 0) + m[0].length;
  if (end <= 0 || end < body.length * (1 - MAX_TRIMMED_SHARE)) return undefined;
  return body.slice(0, end);
}

/**
 * Fixes what can be fixed without a model, before ranking: reasoning blocks and chat-template
 * tags stripped, a role prefix at the very start removed, the reply cut where it breaks into a
 * line spoken by the player, a sentence left unfinished by the token limit dropped, an unclosed
 * `*` or quote at the end closed (unless the reply was stopped before its end).
 */
export function repairReply(text: string, ctx: CriticContext, options: RepairOptions = {}): Repaired {
  const repairs: string[] = [];
  let out = text;

  const noThink = out.replace(THINK_BLOCK, '');
  if (noThink !== out) {
    repairs.push('removed a <think> block');
    out = noThink;
  }
  const noInst = out.replace(INST_BLOCK, '');
  if (noInst !== out) {
    repairs.push('removed an echoed [INST] block');
    out = noInst;
  }
  const tags: string[] = [];
  const noTags = out.replace(LEFTOVER_TAG, (m) => {
    tags.push(m.trim());
    return '';
  });
  if (tags.length > 0) {
    repairs.push(`stripped leftover tag${tags.length > 1 ? 's' : ''} ${[...new Set(tags)].join(' ')}`);
    out = noTags.replace(/[ \t]+\n/g, '\n').replace(/ {2,}/g, ' ');
  }

  const prefix = ASSISTANT_PREFIX.exec(out);
  if (prefix) {
    repairs.push(`removed the role prefix "${prefix[0].trim()}"`);
    out = out.slice(prefix[0].length);
  }

  const line = compileWho(ctx.pack, ctx.persona).playerLine;
  for (const m of execAll(line, out)) {
    const at = m.index ?? 0;
    if (out.slice(0, at).trim().length === 0) continue;
    // Named without the stage direction: "Tamsin (quietly):" is a line spoken by Tamsin.
    const who = m[0]
      .trim()
      .replace(/[:：]$/, '')
      .replace(/[ \t]*[(（][^)）]*[)）]$/u, '')
      .trim();
    repairs.push(`cut at a line spoken by ${who}`);
    out = out.slice(0, at);
    break;
  }

  if (repairs.length > 0) out = out.trim();
  if (options.lengthLimited) {
    // A reply the token limit cut off ends in a fragment; ending on the last whole sentence reads
    // as a reply, where closing marks around a fragment would not.
    const whole = withoutUnfinishedSentence(out);
    if (whole !== undefined) {
      repairs.push(LENGTH_LIMIT_REPAIR);
      out = whole;
    }
  }
  const opened: Array<[at: number, close: string]> = [];
  const stars = [...execAll(SINGLE_STAR, out)];
  if (stars.length % 2 === 1) opened.push([stars[stars.length - 1].index ?? 0, '*']);
  if ((out.match(/"/g) ?? []).length % 2 === 1) opened.push([out.lastIndexOf('"'), '"']);
  for (const [open, close] of [
    ['“', '”'],
    ['「', '」'],
    ['『', '』'],
  ] as const) {
    if (out.lastIndexOf(open) > out.lastIndexOf(close)) opened.push([out.lastIndexOf(open), close]);
  }
  if (opened.length > 0 && !options.unfinished) {
    // Innermost first: a quote opened inside an action closes before the action does.
    const closers = opened.sort((a, b) => b[0] - a[0]).map(([, c]) => c);
    out = out.trimEnd() + closers.join('');
    repairs.push(`closed an unclosed ${closers.join(' and ')} at the end`);
  }
  return { text: out, repairs };
}
