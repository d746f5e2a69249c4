/**
 * The turn judge: when a judge profile is configured, ONE structured call per generation grades
 * every candidate on the failure modes patterns cannot read (speaking for the player, ignoring
 * them, stepping out of character, confusing who is who, breaking a law the forbid list does not
 * name). Its verdicts combine with the patterns: a verdict that agrees with a pattern's hint
 * makes the hint sure; a verdict no pattern saw is flagged as the judge's own, its reason the
 * evidence.
 *
 * Endpoints differ in what they accept: the judge asks for a JSON schema first, then any JSON
 * object, then JSON by instruction only, and remembers what worked for the rest of the session.
 */
import type { ChatMessage, CriticEvidence, CriticResult, JudgeFormat, Provider, ResponseFormat, Usage } from '../types.js';
import type { CriticContext } from './context.js';
import { JUDGE_ANSWER_SCHEMA, readJudgeAnswer, type JudgeVerdict } from './judge-answer.js';
import { judgeContext } from './judge.js';
import { round, SURE_CONFIDENCE } from './text.js';

const RUBRIC = `You are a strict editor of interactive fiction. Several candidate narrator replies were written for the same turn of a role-play; grade EACH of them on these failure modes only:
- speaks-for-user: the reply decides what the player does, says, thinks or feels, or writes the player's turn.
- ignores-user: the player's question or action is not taken up at all.
- out-of-character: assistant or meta talk, disclaimers, service phrasing, stepping outside the fiction.
- reference-confusion: the player called by a character's name, a character speaking of itself as someone else, roles swapped.
- law-violation: the reply breaks a law of the world (for example knowledge from after its era), whether or not a listed word appears; a character asking in wonder what a strange word means is no violation.
Report a failure only when you are sure a careful reader would agree; a reply can have none. For each failure quote the reply's exact words and give a one-sentence reason.
Answer with JSON only, in this shape:
{"candidates":[{"candidate":1,"verdicts":[{"mode":"speaks-for-user","quote":"<exact words from the reply>","reason":"<one sentence>"}]},{"candidate":2,"verdicts":[]}]}
List every candidate by its number, with an empty "verdicts" list when it has no failure.`;

/** The messages of one judging call: the rubric, the world and the story, then every candidate. */
export function judgeTurnPrompt(ctx: CriticContext, texts: readonly string[]): ChatMessage[] {
  const user = [...judgeContext(ctx), ...texts.map((text, i) => `Candidate ${i + 1}:\n<<<\n${text}\n>>>`)].filter(Boolean).join('\n\n');
  return [
    { role: 'system', content: RUBRIC },
    { role: 'user', content: user },
  ];
}

/** One judging call's outcome for the candidates sent, in order. */
export interface TurnJudgement {
  /** Per candidate: its verdicts, or undefined when the judge did not grade it. */
  verdicts: Array<JudgeVerdict[] | undefined>;
  format: JudgeFormat;
  usage?: Usage;
  /** Why verdicts are missing: an unreadable answer, candidates left out. */
  error?: string;
}

/** Grades the texts of one generation in one call; rejects only when the call itself fails. */
export type TurnJudge = (ctx: CriticContext, texts: readonly string[], signal?: AbortSignal) => Promise<TurnJudgement>;

const FORMATS: readonly JudgeFormat[] = ['json_schema', 'json_object', 'plain'];

function requestFormat(format: JudgeFormat): ResponseFormat | undefined {
  if (format === 'json_schema') return { type: 'json_schema', name: 'candidate_verdicts', schema: JUDGE_ANSWER_SCHEMA };
  if (format === 'json_object') return { type: 'json_object' };
  return undefined;
}

/** An endpoint that refuses the request's shape answers 400 or 422; anything else is a real failure. */
function refusedFormat(error: unknown): boolean {
  const e = error as { failure?: { status?: number }; status?: number } | undefined;
  const status = e?.failure?.status ?? e?.status;
  return status === 400 || status === 422;
}

/** A judge bound to its own provider; it falls back from a JSON schema to plain JSON as the endpoint requires. */
export function createTurnJudge(provider: Provider): TurnJudge {
  let format: JudgeFormat = 'json_schema';
  return async (ctx, texts, signal) => {
    for (;;) {
      let usage: Usage | undefined;
      const asked = requestFormat(format);
      try {
        const answer = await provider.complete(judgeTurnPrompt(ctx, texts), {
          // Room for a few verdicts per candidate; a judge that rambles past it is cut, and read as far as it goes.
          maxTokens: Math.min(2000, 200 + 250 * texts.length),
          temperature: 0,
          ...(signal ? { signal } : {}),
          ...(asked ? { responseFormat: asked } : {}),
          onUsage: (u) => (usage = u),
        });
        const reading = readJudgeAnswer(answer, texts.length);
        const error = reading.error ?? (reading.problems.length > 0 ? reading.problems.join('; ') : undefined);
        return { verdicts: reading.verdicts, format, ...(usage ? { usage } : {}), ...(error ? { error } : {}) };
      } catch (error) {
        const next = FORMATS[FORMATS.indexOf(format) + 1];
        if (next && refusedFormat(error) && !signal?.aborted) {
          format = next;
          continue;
        }
        throw error;
      }
    }
  };
}

/** The judge's quote located in the reply (offsets into it), or kept in the reason when it is not there. */
function evidenceFor(verdict: JudgeVerdict, text: string, why: string): CriticEvidence {
  const quote = verdict.quote.trim();
  const at = quote ? text.indexOf(quote) : -1;
  if (at >= 0) return { start: at, end: at + quote.length, text: quote, why };
  return { start: 0, end: 0, text: '', why: quote ? `${why} ("${quote.slice(0, 120)}")` : why };
}

/** How much each judge-only verdict takes off the judge's own score. */
const JUDGE_PENALTY = 0.35;

/**
 * A candidate's critics with the judge's verdicts folded in: a pattern hint the judge agrees
 * with becomes a sure flag; a flag the judge agrees with gains its reason; a verdict no pattern
 * saw goes into a `judge` result, flagged, with the judge's reasons as evidence. `text` is the
 * text the pattern critics read (the raw reply), so offsets agree.
 */
export function combineJudgement(critics: readonly CriticResult[], verdicts: readonly JudgeVerdict[], text: string): CriticResult[] {
  const out = [...critics];
  const own: CriticEvidence[] = [];
  for (const verdict of verdicts) {
    const at = out.findIndex((r) => r.id === verdict.mode);
    const found = out[at];
    if (found && (found.flagged || found.hint)) {
      const agreed = evidenceFor(verdict, text, `the judge agrees: ${verdict.reason}`);
      if (found.flagged) {
        out[at] = { ...found, evidence: [...found.evidence, agreed] };
      } else {
        // Two independent readers saw the same failure: sure enough to count.
        const { hint: _hint, ...rest } = found;
        out[at] = {
          ...rest,
          flagged: true,
          confidence: Math.max(found.confidence ?? 0, SURE_CONFIDENCE),
          score: round(Math.max(0, 1 - JUDGE_PENALTY * found.evidence.length)),
          evidence: [...found.evidence, agreed],
        };
      }
      continue;
    }
    own.push(evidenceFor(verdict, text, `${verdict.mode}: ${verdict.reason}`));
  }
  out.push({ id: 'judge', flagged: own.length > 0, score: round(Math.max(0, 1 - JUDGE_PENALTY * own.length)), evidence: own });
  return out;
}
