import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { playerLineRegex } from './markup.js';
import { compilePersona } from './pack-cache.js';
import { evidenceAt, inRanges, quoteRanges, resultFrom } from './text.js';

// Deliberate acts, speech and thoughts. Perception ("you see", "you hear", "you notice") is the
// narrator's to describe and is deliberately absent.
const VERBS =
  'say|said|says|nod|nodded|nods|decide|decided|decides|feel|felt|feels|think|thought|thinks|smile|smiled|smiles|laugh|laughed|laughs|' +
  'reply|replied|replies|answer|answered|answers|agree|agreed|agrees|whisper|whispered|whispers|shout|shouted|shouts|ask|asked|asks|' +
  'grab|grabbed|grabs|take|took|takes|walk|walked|walks|step|stepped|steps|reach|reached|reaches|draw|drew|draws|realize|realized|realise|realised|' +
  'wonder|wondered|wonders|shrug|shrugged|shrugs|sigh|sighed|sighs|grin|grinned|grins|frown|frowned|frowns|' +
  'pull|pulled|pulls|push|pushed|pushes|kiss|kissed|kisses|hug|hugged|hugs|tell|told|tells|promise|promised|promises|' +
  'lean|leaned|leant|leans|follow|followed|follows|blush|blushed|blushes|murmur|murmured|murmurs|respond|responded|responds|' +
  'hesitate|hesitated|hesitates|swallow|swallowed|swallows|clench|clenched|clenches|hand|handed|hands|hold out|held out|holds out';

// Only where "you" opens a clause: "a sound you feel", "until you take it" and "neither of you
// says" describe the scene around the player rather than decide for them.
const CLAUSE_START = '(?<=(?:^|[.!?;:,—–…*"”)\\]])\\s*|\\b(?:and|then|but|so|now|finally)\\s+)';
const SECOND = new RegExp(`${CLAUSE_START}you(?:\\s+(?:\\w+ly|finally|then|just|slowly|quietly|also))?\\s+(?:${VERBS})\\b`, 'gimu');
const SECOND_ZH = /你(?:轻轻地?|缓缓地?|默默地?|终于|也)?(?:说道?|点了?点头|点头|决定|心想|想道|觉得|感到|回答|答道|笑了|笑着|微笑|答应|拿起|走向|转身|伸手|叹了口气|耸了耸肩|握住|低声道|喊道|问道)/gu;

const cache = new WeakMap<object, RegExp[]>();

function thirdPerson(ctx: CriticContext): RegExp[] {
  const hit = cache.get(ctx.persona);
  if (hit) return hit;
  const name = compilePersona(ctx.persona).source;
  const list = [
    new RegExp(`${name}(?:\\s+(?:\\w+ly|finally|then|just))?\\s+(?:${VERBS})\\b`, 'giu'),
    new RegExp(`${name}(?:轻轻地?|缓缓地?|默默地?|终于|也)?(?:说道?|点了?点头|点头|决定|心想|想道|觉得|感到|回答|答道|笑了|笑着|微笑|答应|拿起|走向|转身|伸手|叹了口气|低声道|问道)`, 'gu'),
    playerLineRegex(name),
  ];
  cache.set(ctx.persona, list);
  return list;
}

/**
 * The reply acts for the player: second-person deliberate actions, speech or thoughts ("you nod",
 * "you decide"), the player's name with such a verb, or a line spoken as the player. Anything
 * inside quoted dialogue is a character talking and is skipped.
 */
export function speaksForUser(text: string, ctx: CriticContext): CriticResult {
  const evidence: CriticEvidence[] = [];
  const quotes = quoteRanges(text);
  const [third, thirdZh, line] = thirdPerson(ctx);
  for (const re of [SECOND, SECOND_ZH, third!, thirdZh!]) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      if (inRanges(start, quotes)) continue;
      evidence.push(evidenceAt(text, start, start + m[0].length, 'narrates what the player does, says or thinks'));
    }
  }
  for (const m of text.matchAll(line!)) {
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    evidence.push(evidenceAt(text, start, (m.index ?? 0) + m[0].length, 'a line spoken as the player'));
  }
  return resultFrom('speaks-for-user', evidence, 0.4);
}
