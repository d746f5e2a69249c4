/**
 * A pack's quirks are notes for the narrator ("touches the ring when she is lying", "never sits
 * when others stand"): recited as written they read like a character sheet and give away tells
 * the player should only ever see. Here each becomes one moment of behaviour in the scene: the
 * condition that makes it a tell is cut, "always" drops away, "any table" becomes "the table",
 * and a note that only states a trait or a rule ("never", "every", "remembers") is not used.
 */
import { escapeRegExp } from '../../text/regexp.js';

// A condition or reason after the action: what it would reveal is the player's to notice.
// "as if" is how the action looks, not why it happens, so it stays.
const CONDITION_EN =
  /(?:,\s*|\s+)(?:when|whenever|while|(?<!\bas\s)if|unless|until|every time|each time|whether|however|because|since|which|as soon as|out of|so that|even)\b.*$/i;
// "before he opens it" is a rule; "before answering" is what is about to happen.
const BEFORE_CLAUSE = /\s+(?:before|after|once)\s+(?:he|she|they|it|anyone|someone|others|people|I|you)\b.*$/i;
// Words that make the note a rule about every occasion rather than a thing that happens now.
const HABITUAL_EN =
  /\b(never|rarely|seldom|every|everything|everyone|everybody|each|whichever|whatever|whoever|anyone|anybody|anything|nobody|does not|doesn't|do not|don't|cannot|can't|won't|habit|habits|too often|first hearing|half of them)\b/i;
// A note that states what someone is or knows ("has no fear", "remembers every name") shows nothing.
const TRAIT_EN =
  /^(has|have|is|are|was|were|seems|likes|loves|hates|fears|knows|remembers|believes|thinks|feels|wants|prefers|can|could|would|will|must|gets|becomes)\b/i;
const ADVERB_EN = /(?:,\s*)?\b(always|usually|often|habitually|constantly|forever|invariably)\b,?\s*/gi;

const CONDITION_ZH_START = /^(谁|只要|一旦|凡是|无论|不管|每次|每逢|每当|听到|听见|看到|看见|见到|遇到|一听|一见|一看|一旦)/;
// "说话时" / "撒谎的时候会": what comes after the condition is the action.
const WHEN_ZH = /^[^，。；]{1,10}?(?:的时候|时候|时)(?:会|总会|就会|便会|总|就|便|都)?/;
// "每晚打烊前都要摸一摸": the routine's frame goes, one occasion of it stays.
const ROUTINE_ZH = /^(?:每晚|每天|每日|每夜)[^，。；]{0,8}?(?:都要|都会|总要|总会|必定|必要)/;
const HABITUAL_ZH = /(从不|从来|从没|绝不|不让人|记性|极好|每晚|每天|每日|每次|任何|所有人|一辈子|从未)/;
const ADVERB_ZH = /(永远|总是|一直|向来|每每|常常|经常|老是|总)/g;

// "taps the board or the table", "轻叩棋盘或桌面": the note allows either, one moment shows one (the first).
// Only two short noun phrases closing the note: "或许" (perhaps) is no choice, nor is a clause after "or".
const ONE_OF_EN = /(\b(?:the|a|an|his|her|their|its)\s+[a-z]+)\s+or\s+(?:the|a|an|his|her|their|its)\s+[a-z]+$/i;
const ONE_OF_ZH = /(\p{Script=Han}{1,4})(?:或者|或(?!许))\p{Script=Han}{1,4}$/u;

/** Cuts a note at the first "and" clause that states a rule: "pours tea and never drinks her own". */
function keepObservableConjuncts(text: string): string {
  let kept = '';
  let joint = '';
  let from = 0;
  for (const m of [...text.matchAll(/,?\s+and\s+|,\s+(?:then\s+)?(?=[a-z]+s\b)/g), null]) {
    const stop = m ? (m.index ?? text.length) : text.length;
    const conjunct = text.slice(from, stop);
    if (HABITUAL_EN.test(conjunct) || (kept && TRAIT_EN.test(conjunct.trim()))) break;
    kept += joint + conjunct;
    if (!m) break;
    joint = m[0];
    from = stop + m[0].length;
  }
  return kept.trim();
}

function englishAction(quirk: string, playerName: string): string {
  let q = quirk.trim().replace(/[.!;]+$/, '');
  if (!q) return '';
  q = q
    .replace(CONDITION_EN, '')
    .replace(BEFORE_CLAUSE, '')
    .replace(ADVERB_EN, ' ')
    .replace(/\s{2,}/g, ' ')
    .replace(/[\s,;]+$/, '')
    .trim();
  // "wipes down any surface" happens once in a scene: "wipes down the surface"; "on the table she
  // sits at" describes every table, "on the table" this one.
  q = q.replace(/\bany\b/gi, 'the').replace(/(\bthe\s+[a-z]+)\s+(?:he|she|they)\s+[a-z]+s(?:\s+(?:at|in|on|by|to))?$/i, '$1');
  q = keepObservableConjuncts(q).replace(ONE_OF_EN, '$1');
  if (!q || TRAIT_EN.test(q) || HABITUAL_EN.test(q)) return '';
  // One verb and nothing else ("cooks", "eats") says nothing in a scene.
  if (q.split(/\s+/).length < 2) return '';
  // "calls Sable 'crown-bearer'": in the story the player is "you".
  const first = playerName.trim().split(/\s+/)[0];
  if (first && first.length > 1) q = q.replace(new RegExp(`(?<=\\s)${escapeRegExp(first)}\\b(?!['’]s)`, 'g'), 'you');
  return q;
}

function chineseAction(quirk: string, playerName: string): string {
  let q = quirk.trim().replace(/[。！.!；;]+$/, '');
  if (!q) return '';
  q = q.replace(ROUTINE_ZH, '');
  if (CONDITION_ZH_START.test(q)) return '';
  q = q.replace(WHEN_ZH, '');
  if (HABITUAL_ZH.test(q)) return '';
  q = q.replace(ADVERB_ZH, '');
  // "摸一摸" is a habit's rhythm; "摸了摸" is one moment.
  q = q.replace(/^(\p{Script=Han})一\1/u, '$1了$1').replace(/^(揪|摸|擦|敲|拍|搓|挠|咬|抿|捏|拽|扯)(?![了一])/, '$1了$1');
  q = q.replace(ONE_OF_ZH, '$1');
  if (Array.from(q).length < 3 || /^[，、]/.test(q)) return '';
  if (playerName.trim()) q = q.split(playerName.trim()).join('你');
  return q;
}

/**
 * The quirk as something a character does in the scene, ready to follow their name ("counts sacks
 * under his breath", "用指节轻叩棋盘"), or '' when it can only be told, not shown.
 */
export function quirkAction(quirk: string, cjk: boolean, playerName = ''): string {
  return cjk ? chineseAction(quirk, playerName) : englishAction(quirk, playerName);
}
