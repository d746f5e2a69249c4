import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import type { WorldPack } from '../../world/types.js';
import { narratorOnly } from './narrator-as-player.js';
import { evidenceAt, inRanges, quoteRangesOf, resultFrom, singleQuoteRanges } from './text.js';
import { execAll } from '../../text/regexp.js';

// No `u` flag: every pattern is BMP text, and V8 runs these large alternations far faster without it.
// Assistant talk that is out of voice wherever it appears, even inside quotes. Refusing to role-play at all ("I am not
// able to embrace the role of a specific character", "I can't engage in role-playing") is the model, not a character:
// role-playing as a pastime is not read.
const ANYWHERE =
  /\bas an? (?:ai|artificial intelligence)\b|\bas a (?:large )?language model\b|\blanguage model\b|\bI(?:'m| am) (?:just )?an (?:ai|artificial intelligence)\b|\bI (?:don't|do not) have personal (?:opinions|experiences|preferences|projects|tasks|emotions)\b|\bAI assistant\b|\bcontent (?:policy|guidelines)\b|\busage polic(?:y|ies)\b|\(\s*OOC\b|\[\s*OOC\b|\bOOC\s*:|\bwould you like me to\b|\bshall I continue\b|\b(?:author|narrator)['’]?s note\b|\bin this (?:role-?play|story)\b|\bthe (?:role-?play|story) continues\b|\brole-?play\b|\b(?:not able to|unable to|cannot|can['’]t|won['’]t|will not|do not|don['’]t) (?:\w+ ){0,3}?(?:role-?play(?:ing)?|(?:embrace|play|assume|take on|adopt) the (?:role|persona) of (?:a|any) (?:\w+ )?(?:character|persona|person))\b|\bis there anything else (?:I can|I could) (?:help|assist)\b|\bI hope this (?:answer|information|response|explanation)\b|作为(?:一个|一名)?(?:AI|人工智能|语言模型|助手)|语言模型|人工智能助手|（\s*OOC|\(\s*OOC|如果你(?:需要|希望|想要)我|希望(?:这|这个)(?:能|可以)?(?:帮|符合)|希望(?:这个|我的)?(?:回答|解答)对你有(?:所)?帮助|如果你有其他(?:我可以|需要我)?(?:协助|帮助|帮忙)|请告诉我|内容政策|角色扮演(?!类?(?:手机|网络|电子|单机)?游戏)|作者注|旁白注/gi;

// Refusals and apologies: out of voice in narration, fine in a character's mouth. "I can't help
// but feel", "I can't help it", "I can't help wondering" are feelings, not refusals.
const OUTSIDE_QUOTES =
  /\bI (?:cannot|can['’]t|won['’]t|am unable to|['’]m unable to) (?:continue|write|create|generate|produce|comply|help(?!\s+(?:but|it|myself|herself|himself|themselves|yourself|being|feeling|thinking|wondering|noticing|smiling|laughing|staring|it['’]s|that)\b)|assist|provide|engage|describe|fulfil+)\b|\bI['’]m sorry,? but\b|\bI am sorry,? but\b|\bI apologi[sz]e\b|\bI must (?:decline|refuse)\b|(?<!\b(?:DM|GM|[Mm]aster['’]?s?)\s)\bnote:|我(?:无法|不能)(?:继续|提供|生成|创作|满足|协助|描写)|(?:很)?抱歉，我|对不起，我(?:无法|不能)|注：/gi;

// The assistant's offer of service: out of voice in narration; in a character's quoted line ("'How may I assist you
// today?' he asks") it is a clerk's or a host's courtesy, one of the service lines two of which are the assistant talking.
const SERVICE_QUESTION = /\b(?:how|what else) (?:can|may) I (?:help|assist) you\b/gi;

// A stage direction in round brackets that opens on a verb told of the speaker ("(takes a deep breath)", "(stands to
// leave)"): the reply is a play script, whose speech is the unbracketed text between such directions.
const STAGE_DIRECTION = /\(\s*(?:he |she |they )?[a-z]+s\b[^()\n]*\)/;

/**
 * A reply written as a play script, with no quoted dialogue and at least one stage direction: its refusals outside the
 * brackets ("I won't engage in such frivolous matters") are the character's own line. Only as sure as the shape is: a
 * hint, never dropped, and an AI's disclaimer or a word about policy is out of voice anywhere (ANYWHERE).
 */
function playScript(text: string): boolean {
  return speechOf(text).length === 0 && STAGE_DIRECTION.test(text);
}

/** Quoted dialogue, in double quotes or single: what characters say, where a refusal is theirs to make. */
const speechOf = (text: string): Array<[number, number]> => [...quoteRangesOf(text), ...singleQuoteRanges(text)];

// An AI's disclaimer about itself: the speaker a machine, without a person's life.
const AI_SELF =
  /\bas an? (?:ai|artificial intelligence)\b|\bI(?:'m| am) (?:just )?an (?:ai|artificial intelligence)\b|\bI (?:don't|do not) have personal (?:opinions|experiences|preferences|projects|tasks|emotions)\b|作为(?:一个|一名)?(?:AI|人工智能|语言模型|助手)/gi;

// A helper's service lines: one may be a shopkeeper's courtesy, two are the assistant talking.
// Everyday courtesies ("let me know if you see him", "feel free to look around", "if you have any questions", "I hope this
// helps") count toward the two only from a character who serves nobody by trade: from a teacher
// or a doctor "I hope this helps! Let me know if you have questions" is the character talking.
const COURTESY =
  /\bI['’]ll do my best to (?:help|assist)\b|\blet me know if\b|\bif you have any (?:further |other |more |additional )?questions\b|\bfeel free to\b|\bI hope (?:this|that) (?:helps|works|fits)\b|\b(?<=if )you(?:['’]d| would) like me to (?:continue|keep going|go on)\b|\blet me know (?:a (?:bit|little) )?more\b|\blet['’]s chat\b|\b(?:about )?(?:any|whatever) (?:topic|subject)s? you(?:['’]d| would)? like\b|\bwhatever you(?:['’]d| would) like to (?:talk|chat) about\b/gi;
const SERVICE =
  /\bI(?:'m| am|'ve been) (?:always |just )?(?=here|ready)(?:here,? )?(?:and )?(?:ready )?to (?:help|assist)\b|\b(?:is there )?anything else (?:you(?:['’]d| would) like me to do|I can do) for you\b|\b(?:I['’]m|I am) (?:so )?glad (?:I|that I) (?:could|was able to) (?:be of )?(?:help|assistance)\b|\bhappy to (?:help|assist)\b|\bmake your life (?:better|easier)\b|\bdon['’]t hesitate to (?:ask|reach out)\b|还有什么(?:我可以|需要我)(?:帮|做)|欢迎随时(?:告诉|联系|提问|询问)|很高兴(?:能|可以)?(?:为你|为您)?(?:提供)?(?:帮助|服务)/gi;

// A safety or civics sermon, and the connectives of an encyclopedic essay: together they are an
// assistant's explainer in place of the character's voice.
const SERMON =
  /\b(?:it is|it['’]s) (?:always )?important to (?:remember|note|prioriti[sz]e|stay safe|be safe|follow)\b|\b(?:always )?(?:prioriti[sz]e|put) (?:your )?safety first\b|\bconsult (?:a|your) (?:doctor|professional|physician|lawyer)\b|\bresponsib(?:le|ly) and (?:ethical|safe)(?:ly)?\b|遵守(?:社会公德|法律法规|交通规则|相关规定)|注意(?:保护)?(?:自己|个人|自身)?(?:和他人)?的?安全|安全意识|社会责任感|文明(?:上网|的玩家|玩家)|理性(?:消费|对待)/gi;
const ESSAY =
  /\bin (?:conclusion|summary)\b|\boverall,|\bto sum up\b|\bfurthermore,|\badditionally,|总的来说|总而言之|综上所述|此外，|另外，|首先，|其次，/gi;

// A game master's note at the table ("**(DM Note: the ritualist takes damage)**"): the rules talking, which is the game
// master's part in a pack voiced by one, and out of the story from anyone else. Never a refusal.
const TABLE_NOTE = /\b(?:DM|GM|(?:dungeon|game) master['’]?s?)\s+note\b/gi;

// Stepping outside the story's time: the speaker counts the years since their own death.
const BEYOND_THE_GRAVE =
  /\b(?:been (?:dead|deceased) for|died|passed away) (?:over |more than |nearly |almost |about )?\d[\d,]* (?:years|centuries)\b|\b\d[\d,]* (?:years|centuries) (?:after|since) my (?:death|passing)\b/gi;

// Words about the chat itself that are also a subject a player may raise ("What is a language model?").
const TOPIC_TERM = /^(?:language model|ai assistant|role-?play)$/i;

// A character whose trade is serving the one they talk to, as the pack's main character describes it.
const HELPER_ROLE =
  /\b(?:teacher|tutor|instructor|professor|mentor|coach|counsell?or|therapist|doctor|physician|nurse|advis[eo]r|consultant|assistant|secretary|receptionist|concierge|librarian|shopkeeper|clerk|butler|maid|servant|waiter|waitress|bartender|customers|clients|patients|students|pupils)\b|老师|教师|医生|护士|顾问|助手|助理|管家|女仆|仆人|店员|服务员/i;

const helperPacks = new WeakMap<WorldPack, boolean>();

/** Whether the pack's main character serves the player by trade (a teacher, a doctor, a maid ...), per its persona. */
function servesByTrade(pack: WorldPack): boolean {
  let known = helperPacks.get(pack);
  if (known === undefined) {
    const main = pack.characters[0];
    // The persona, not the name: "The Doctor" of Doctor Who serves no patients.
    known = HELPER_ROLE.test(main?.persona ?? '');
    helperPacks.set(pack, known);
  }
  return known;
}

/**
 * The reply turns the player down as an assistant does: an AI's disclaimer about itself, or a
 * refusal or apology outside quotes. Read by ignores-user: such a reply stands in for an answer.
 */
export function turnsDown(text: string): boolean {
  if (collect(text, AI_SELF, '').length > 0) return true;
  return !playScript(text) && collect(text, OUTSIDE_QUOTES, '', speechOf(text)).length > 0;
}

// The reply's first words an apology: "I'm sorry, but ...", "I apologize, but ...", 抱歉，…
const APOLOGY_OPENING = /^[\s*"“]*(?:I['’]m sorry|I am sorry|I apologi[sz]e|(?:很|非常)?抱歉|对不起)(?![\p{L}])/iu;

/**
 * The reply opens on an apology and speaks as an assistant somewhere ("I apologize, but I am not
 * actually a tree. I am an AI assistant ..."): the model declining the turn, not a character
 * refusing in voice, which would not talk about being a model. Read by ignores-user as sure.
 */
export function declinesAsAssistant(text: string): boolean {
  return APOLOGY_OPENING.test(text) && (collect(text, ANYWHERE, '').length > 0 || collect(text, SERVICE_QUESTION, '').length > 0);
}

/** The player's message with hyphens and case evened out, to see whether they named a term first. */
const plain = (s: string): string => s.toLowerCase().replace(/[-\s]+/g, ' ');

function collect(text: string, regex: RegExp, why: string, skip?: Array<[number, number]>): CriticEvidence[] {
  const out: CriticEvidence[] = [];
  for (const m of execAll(regex, text)) {
    const start = m.index ?? 0;
    if (skip && inRanges(start, skip)) continue;
    out.push(evidenceAt(text, start, start + m[0].length, why));
  }
  return out;
}

/**
 * Assistant talk, refusals out of voice and meta comments about the story or the chat; service
 * lines ("glad I could help", "anything else I can do for you") and a safety sermon in an
 * encyclopedic essay when they come together, and as hints when alone.
 */
export function outOfCharacter(text: string, ctx: CriticContext): CriticResult {
  const asked = plain(ctx.playerInput);
  const sure = collect(text, ANYWHERE, 'assistant or meta talk, out of the story').filter(
    (e) => !(TOPIC_TERM.test(e.text) && asked.includes(plain(e.text))),
  );
  const speech = speechOf(text);
  const refusals = collect(text, OUTSIDE_QUOTES, "a refusal or apology in the narrator's own voice", speech);
  const hints: CriticEvidence[] = [];
  if (playScript(text))
    hints.push(...refusals.map((e) => ({ ...e, why: "a refusal or apology, in a play script's unbracketed line: maybe the character's" })));
  else sure.push(...refusals);
  const offers = collect(text, SERVICE_QUESTION, 'assistant or meta talk, out of the story');
  sure.push(...offers.filter((e) => !inRanges(e.start, speech)));
  if (!narratorOnly(ctx.pack)) sure.push(...collect(text, TABLE_NOTE, "a game master's note, out of the story"));
  const service = [
    ...collect(text, SERVICE, "an assistant's service phrasing"),
    ...offers
      .filter((e) => inRanges(e.start, speech))
      .map((e) => ({ ...e, why: "an assistant's service phrasing, in a character's line" })),
  ];
  const courtesy = collect(text, COURTESY, "an assistant's courtesy");
  const counted = servesByTrade(ctx.pack) ? service : [...service, ...courtesy];
  (counted.length >= 2 ? sure : hints).push(...service, ...courtesy);
  const sermon = collect(text, SERMON, 'a safety or civics sermon');
  if (sermon.length > 0) {
    const essay = collect(text, ESSAY, "an encyclopedic essay's connective");
    if (essay.length > 0) sure.push(...sermon, ...essay);
    else hints.push(...sermon);
  }
  hints.push(...collect(text, BEYOND_THE_GRAVE, "counts the years since the speaker's own death"));
  sure.sort((a, b) => a.start - b.start);
  if (sure.length > 0) return resultFrom('out-of-character', sure, 0.5, 0.9);
  return resultFrom('out-of-character', hints, 0.5, 0.5);
}
