import type { CriticResult } from '../types.js';
import { countTokens } from '../tokens.js';
import type { CriticContext } from './context.js';
import { evidenceAt, round, sentencesOf, wholeEvidence } from './text.js';

/** Slack around the target before the critic flags: models rarely land inside a range exactly. */
const SLACK = 0.1;
/** A sentence this long (in tokens) is a run-on whatever the target: a loop or a model that lost its stop. */
const RUN_ON = 120;
const STOPS = /[.!?。！？…\n]/;
const SURE = 0.85;
/** A short reply is never a sure fault: a retort or a nod can be the right answer to a short message. */
const UNSURE = 0.5;

const clean = (): CriticResult => ({ id: 'length', flagged: false, score: 1, evidence: [] });

/**
 * Reply length in tokens against `plan.targetLength`, or the pack's style length. Over the
 * maximum is a fault (an essay where a line was asked), and so is a degenerate run-on sentence.
 * Under the minimum is at most a hint: with no plan, a reply at least as long as the player's
 * message fits the turn and is not judged; only an empty reply is surely too short.
 */
export function lengthCritic(text: string, ctx: CriticContext): CriticResult {
  const [min, max] = ctx.plan?.targetLength ?? ctx.pack.style.length;
  const body = text.trim();
  const n = countTokens(body);
  const low = Math.floor(min * (1 - SLACK));
  const high = Math.ceil(max * (1 + SLACK));
  if (n > high) {
    const off = (n - max) / Math.max(1, max);
    return {
      id: 'length',
      flagged: true,
      score: round(Math.max(0, 1 - off)),
      evidence: [wholeEvidence(text, `${n} tokens, ${n - max} over the maximum of ${max}`)],
      confidence: SURE,
    };
  }
  // Only a stretch of 240+ characters without a stop can hold a 120-token sentence: skip the split otherwise.
  const long = text.length >= RUN_ON * 2 && text.split(STOPS).some((part) => part.length >= RUN_ON * 2);
  for (const s of long ? sentencesOf(text) : []) {
    if (s.text.length < RUN_ON * 2) continue;
    const size = countTokens(s.text);
    if (size >= RUN_ON) {
      return {
        id: 'length',
        flagged: true,
        score: 0.5,
        evidence: [evidenceAt(text, s.start, s.end, `a run-on sentence of ${size} tokens`)],
        confidence: SURE,
      };
    }
  }
  if (n >= low) return clean();
  const off = (min - n) / Math.max(1, min);
  const evidence = [wholeEvidence(text, `${n} tokens, ${min - n} under the minimum of ${min}`)];
  const score = round(Math.max(0, 1 - off));
  if (n === 0) return { id: 'length', flagged: true, score, evidence, confidence: SURE };
  if (!ctx.plan && n >= countTokens(ctx.playerInput.trim())) return clean();
  return { id: 'length', flagged: true, score, evidence, confidence: UNSURE };
}
