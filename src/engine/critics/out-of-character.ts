import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { evidenceAt, inRanges, quoteRanges, resultFrom } from './text.js';

// No `u` flag: every pattern is BMP text, and V8 runs these large alternations far faster without it.
// Assistant talk that is out of voice wherever it appears, even inside quotes.
const ANYWHERE =
  /\bas an ai\b|\bas a (?:large )?language model\b|\blanguage model\b|\bI(?:'m| am) (?:just )?an ai\b|\bAI assistant\b|\bcontent (?:policy|guidelines)\b|\busage polic(?:y|ies)\b|\(\s*OOC\b|\[\s*OOC\b|\bOOC\s*:|\blet me know if\b|\bfeel free to\b|\bI hope (?:this|that) (?:helps|works|fits)\b|\bwould you like me to\b|\bshall I continue\b|\b(?:author|narrator)['’]?s note\b|\bin this (?:role-?play|story)\b|\bthe (?:role-?play|story) continues\b|\brole-?play\b|作为(?:一个|一名)?(?:AI|人工智能|语言模型|助手)|语言模型|人工智能助手|（\s*OOC|\(\s*OOC|如果你(?:需要|希望|想要)我|希望(?:这|这个)(?:能|可以)?(?:帮|符合)|请告诉我|内容政策|角色扮演|作者注|旁白注/gi;

// Refusals and apologies: out of voice in narration, fine in a character's mouth.
const OUTSIDE_QUOTES =
  /\bI (?:cannot|can['’]t|won['’]t|am unable to|['’]m unable to) (?:continue|write|create|generate|produce|comply|help|assist|provide|engage|describe|fulfil+)\b|\bI['’]m sorry,? but\b|\bI am sorry,? but\b|\bI apologi[sz]e\b|\bI must (?:decline|refuse)\b|\bnote:|我(?:无法|不能)(?:继续|提供|生成|创作|满足|协助|描写)|(?:很)?抱歉，我|对不起，我(?:无法|不能)|注：/gi;

/** Assistant talk, refusals out of voice and meta comments about the story or the chat. */
export function outOfCharacter(text: string, _ctx: CriticContext): CriticResult {
  const evidence: CriticEvidence[] = [];
  for (const m of text.matchAll(ANYWHERE)) {
    const start = m.index ?? 0;
    evidence.push(evidenceAt(text, start, start + m[0].length, 'assistant or meta talk, out of the story'));
  }
  const quotes = quoteRanges(text);
  for (const m of text.matchAll(OUTSIDE_QUOTES)) {
    const start = m.index ?? 0;
    if (inRanges(start, quotes)) continue;
    evidence.push(evidenceAt(text, start, start + m[0].length, 'a refusal or apology in the narrator\'s own voice'));
  }
  return resultFrom('out-of-character', evidence, 0.5);
}
