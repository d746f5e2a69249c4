/**
 * The player asks for an amount ("How many guards are on the wall?", "I count how much silver is left") and the reply
 * names none: no figure, no number word, no word of quantity ("a few", "plenty", "not much", "free"). An answer in any
 * voice gives the amount, rounds it or waves it off in a word of quantity; a reply with none of them has talked past
 * the asking (a sneer, a promise to tell, a lecture on wealth). Sure where the player checks what they hold themselves
 * ("how much gold I have left"): the story owes them the figure. Asked of the world ("how much for the horse?"), a
 * trader may bounce the question back ("Make me an offer") or refuse the sale, so there it is only a hint.
 */

// "how much" / "how many" asking after a thing or a count ("how much gold", "how many are left", "how much does it
// cost"), not a feeling measured ("how much I missed you", "how much this means").
const ASKS_AMOUNT_EN = /\bhow\s+(?:much|many)\b(?!\s+(?:I|you|he|she|we|they|this|that|it\s+(?:means|matters|hurts))\b)/i;
const ASKS_AMOUNT_ZH = /多少(?!年来|次了)|几(?:个|枚|块|两|只|人|天|次|件|把|张)/u;

// The player's own holdings asked after: "how much gold I have left", "how many arrows do we have", "我还剩多少钱".
const OWN_HOLDINGS_EN =
  /\bhow\s+(?:much|many)\b[^.?!]{0,40}?\b(?:(?:I|we)\s+(?:still\s+)?(?:have|own|carry|hold|got)|(?:do|did)\s+(?:I|we)\s+(?:still\s+)?(?:have|own|carry|hold)|(?:I|we)(?:['’]ve|\s+have)\s+got|(?:I|we)\s+(?:have\s+)?left|(?:is|are)\s+left\s+in\s+(?:my|our))\b/i;
const OWN_HOLDINGS_ZH = /我(?:们)?(?:还)?(?:有|剩|剩下)(?:了)?多少/u;

// A figure or a word of quantity anywhere in the reply.
const AMOUNT_EN =
  /\d|\b(?:zero|none|nothing|nil|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|dozens?|score|half|single|couple|pair|few|fewer|several|many|much|more|less|lots?|plenty|enough|handful|countless|numerous|free|priceless|empty|broke|penniless|all)\b/i;
const AMOUNT_ZH = /[\d０-９零一二三四五六七八九十百千万两半几多少无没]/u;

/** The player's message asks for an amount and the reply names none: 'own' when they asked after their own holdings. */
export function amountUnanswered(input: string, reply: string): 'own' | 'asked' | undefined {
  if (ASKS_AMOUNT_EN.test(input)) return AMOUNT_EN.test(reply) ? undefined : OWN_HOLDINGS_EN.test(input) ? 'own' : 'asked';
  if (ASKS_AMOUNT_ZH.test(input)) return AMOUNT_ZH.test(reply) ? undefined : OWN_HOLDINGS_ZH.test(input) ? 'own' : 'asked';
  return undefined;
}
