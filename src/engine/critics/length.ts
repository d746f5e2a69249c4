import type { CriticResult } from '../types.js';
import { countTokens } from '../tokens.js';
import type { CriticContext } from './context.js';
import { round, wholeEvidence } from './text.js';

/** Slack around the target before the critic flags: models rarely land inside a range exactly. */
const SLACK = 0.1;

/** Reply length in tokens against `plan.targetLength`, or the pack's style length. */
export function lengthCritic(text: string, ctx: CriticContext): CriticResult {
  const [min, max] = ctx.plan?.targetLength ?? ctx.pack.style.length;
  const n = countTokens(text.trim());
  const low = Math.floor(min * (1 - SLACK));
  const high = Math.ceil(max * (1 + SLACK));
  if (n >= low && n <= high) return { id: 'length', flagged: false, score: 1, evidence: [] };
  const why =
    n < low
      ? `${n} tokens, ${min - n} under the minimum of ${min}`
      : `${n} tokens, ${n - max} over the maximum of ${max}`;
  const off = n < low ? (min - n) / Math.max(1, min) : (n - max) / Math.max(1, max);
  return { id: 'length', flagged: true, score: round(Math.max(0, 1 - off)), evidence: [wholeEvidence(text, why)] };
}
