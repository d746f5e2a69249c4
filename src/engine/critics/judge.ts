/**
 * The optional LLM judge (its own profile, off by default): a rubric that makes the model quote
 * first and list problems before praise, because a judge that praises first talks itself into a
 * high score. The answer is parsed tolerantly: models ignore formats.
 */
import type { ChatMessage, CriticEvidence, CriticResult, Provider } from '../types.js';
import type { CriticContext } from './context.js';
import { round } from './text.js';
import { execAll } from '../../text/regexp.js';

const RUBRIC = `You are a strict editor of interactive fiction. You judge ONE narrator reply in a role-play.
Judge it on: staying in the world and its laws; never acting, speaking or thinking for the player; answering what the player did; moving the story; concrete, fresh prose without stock phrases; a clear hook to answer; the right language and length.
Answer in exactly this order and format:
QUOTES:
- "<an exact quote from the reply>" — <the problem it shows>
(one line per problem; quote the reply word for word; write "- none" if there is none)
PROBLEMS: <the problems, most serious first>
STRENGTHS: <what works>
SCORE: <an integer from 1 (unusable) to 10 (excellent)>`;

/**
 * What every judge reads before the replies: the world, its laws (with their forbidden words), the
 * cast, the player, the recent story and the player's last message.
 */
export function judgeContext(ctx: CriticContext): string[] {
  const laws = ctx.pack.laws.map((l) => `- ${l.text}${l.forbid.length ? ` (forbidden words: ${l.forbid.join(', ')})` : ''}`).join('\n');
  const cast = ctx.pack.characters
    .map((c) => `- ${c.name}${c.aliases.length ? ` (also ${c.aliases.join(', ')})` : ''}: ${c.persona}`)
    .join('\n');
  const story = ctx.history
    .slice(-6)
    .map((m) => `${m.role === 'player' ? ctx.persona.name : 'Narrator'}: ${m.text}`)
    .join('\n\n');
  return [
    `World: ${ctx.pack.title} (language ${ctx.pack.language}, rating ${ctx.pack.rating}). ${ctx.pack.summary}`,
    laws ? `Laws:\n${laws}` : '',
    cast ? `Characters:\n${cast}` : '',
    `The player is ${ctx.persona.name}: ${ctx.persona.persona}`,
    story ? `Recent story:\n${story}` : '',
    `The player's last message:\n${ctx.playerInput || '(continue)'}`,
  ];
}

/** The messages sent to the judge: the rubric, then the world, the recent story and the reply. */
export function judgePrompt(ctx: CriticContext, text: string): ChatMessage[] {
  const user = [...judgeContext(ctx), `The reply to judge:\n<<<\n${text}\n>>>`].filter(Boolean).join('\n\n');
  return [
    { role: 'system', content: RUBRIC },
    { role: 'user', content: user },
  ];
}

export interface Judgement {
  /** 1..10, or null when none could be read. */
  score: number | null;
  quotes: Array<{ quote: string; why: string }>;
  problems: string;
  strengths: string;
}

const SCORE_PATTERNS = [
  /"score"\s*:\s*"?(\d+(?:\.\d+)?)/gi,
  /\bscore\b[*_\s]*(?:[:：=]|is)?[*_\s]*(\d+(?:\.\d+)?)\s*(?:\/\s*10|out of 10)?/gi,
  /(?:评分|分数|得分)\s*[:：]?\s*(\d+(?:\.\d+)?)/g,
  /\b(\d+(?:\.\d+)?)\s*(?:\/\s*10|out of 10)\b/gi,
];

function section(answer: string, name: string): string {
  const re = new RegExp(
    `(?:^|\\n)[#*\\s]*${name}[*\\s]*[:：][*\\s]*([\\s\\S]*?)(?=\\n[#*\\s]*(?:QUOTES|PROBLEMS|STRENGTHS|SCORE)[*\\s]*[:：]|$)`,
    'i',
  );
  return re.exec(answer)?.[1]?.trim() ?? '';
}

/** Reads a judge's answer: the last score found (clamped to 1..10), quoted problems, the sections. */
export function parseJudgement(answer: string): Judgement {
  let score: number | null = null;
  for (const re of SCORE_PATTERNS) {
    const all = [...execAll(re, answer)];
    const last = all[all.length - 1];
    if (last) {
      score = Math.min(10, Math.max(1, Number(last[1])));
      break;
    }
  }
  const quotes: Judgement['quotes'] = [];
  const block = section(answer, 'QUOTES') || answer;
  for (const m of block.matchAll(/["“「]([^"”」\n]{2,300})["”」]\s*(?:[—–:-]+\s*)?([^\n]*)/gu)) {
    quotes.push({ quote: m[1].trim(), why: m[2].trim() });
  }
  return { score, quotes, problems: section(answer, 'PROBLEMS'), strengths: section(answer, 'STRENGTHS') };
}

/** A judge answer turned into a critic result; quotes found in `text` become evidence with offsets. */
export function judgementResult(judgement: Judgement, text: string): CriticResult {
  const evidence: CriticEvidence[] = [];
  for (const { quote, why } of judgement.quotes) {
    const at = text.indexOf(quote);
    if (at < 0) continue;
    evidence.push({ start: at, end: at + quote.length, text: quote, why: why || 'quoted by the judge' });
  }
  if (judgement.score === null) {
    return { id: 'judge', flagged: false, score: 0.5, evidence: [{ start: 0, end: 0, text: '', why: 'the judge gave no readable score' }] };
  }
  if (judgement.problems && evidence.length === 0 && judgement.score <= 5) {
    evidence.push({ start: 0, end: 0, text: '', why: judgement.problems.split('\n')[0].slice(0, 200) });
  }
  return { id: 'judge', flagged: judgement.score <= 5, score: round((judgement.score - 1) / 9), evidence };
}

/**
 * Asks `provider` (the judge's own profile) to grade `text`. Rejects with the provider's error
 * when the call fails; the caller decides whether a missing judgement matters.
 */
export async function judgeReply(provider: Provider, ctx: CriticContext, text: string, signal?: AbortSignal): Promise<CriticResult> {
  const answer = await provider.complete(judgePrompt(ctx, text), { maxTokens: 600, temperature: 0, ...(signal ? { signal } : {}) });
  return judgementResult(parseJudgement(answer), text);
}
