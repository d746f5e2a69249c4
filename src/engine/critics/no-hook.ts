import type { CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { closingIn } from './closing-in.js';
import { FORMAT_LABEL } from './formatting.js';
import { cutOff, proseEnd } from './endings.js';
import { liveEnding } from './live-ending.js';
import { givesMeans } from './means-given.js';
import { narratorAsPlayer, narratorOnly } from './narrator-as-player.js';
import { compilePersona } from './pack-cache.js';
import { settles } from './scene-settles.js';
import { reportsDone, restatesMove } from './settled-address.js';
import { speaksForUser } from './speaks-for-user.js';
import { echoes, evidenceAt, resultFrom, sentences, SURE_CONFIDENCE, type Sentence } from './text.js';
import { narratesPlayerInThirdPerson } from './third-person.js';
import { voicesOf, within, type Range } from './voices.js';

// A question anywhere near the end: the player is asked something.
const QUESTION = /[?？]/;

// A request, offer, command or invitation (a sermon's "let us embrace our differences" asks nothing to be done; a verb
// after a parenthetical, "Reptiles, in particular, hold", has its subject before it): a sentence (or a clause after a vocative, or a sentence
// after a discourse marker: "So please sit") that opens on an imperative, "let's", "please", "pray",
// "shall we", a proposal ("perhaps we could"), or a speaker offering to do something with or for the
// player. The address alone ("you") asks nothing. Only a sentence's first word may be a marker: after
// a comma, "and try" is a second verb of the same subject, not a command. A stage direction opening the sentence
// ("(turns to the boy) Come on.") is not its first word: the line after it is.
const REQUEST_EN = new RegExp(
  [
    String.raw`(?:^(?:(?:so|now|then|well|oh),?\s+)?|(?<!\b(?:in\s+particular|however|of\s+course|too|though|in\s+fact|indeed|for\s+example|for\s+instance|at\s+least|as\s+well|in\s+turn|after\s+all|above\s+all))[,;:—–]\s*|["“'*(]\s*|^\s*(?:\([^()\n]*\)\s*)+)(?:let(?:'?s|\s+us)(?!\s+(?:all\s+)?(?:embrace|cherish|celebrate|strive|hope|remember|honou?r|treasure|rejoice)\b)|let\s+me|please|pray|kindly|come|follow|tell|show|take|give|try|look|listen|wait|stay|sit|join|help|meet|imagine|picture|enlighten|explain|hurry|hold|keep|hand|bring|read|open|go|run|hide|answer|choose|decide|promise|swear|guess|speak|say)\b(?!\s+(?:care|safe|well)\b)`,
    String.raw`\b(?:(?:perhaps|maybe)\s+(?:we|you)\s+(?:could|can|might|should)|I\s+wonder\s+if\s+(?:we|you)|shall\s+we|how\s+about|what\s+about|why\s+don'?t\s+(?:you|we)|would\s+you|will\s+you|could\s+you|can\s+you|care\s+to|feel\s+free|you\s+(?:should|must|need\s+to|have\s+to|ought\s+to)|if\s+you(?:'d|\s+would)?\s+like|whenever\s+you(?:'re|\s+are)\s+ready)\b`,
    String.raw`\bI(?:'ll|\s+will|\s+can|\s+could|'d\s+(?:be\s+happy|love)\s+to|\s+shall)\s+(?:\S+\s+){0,4}?(?:show|take|teach|help|bring|give|tell|find|introduce|guide|make|send|meet|look\s+it\s+up)\b[^.!?]*\b(?:you|we|us)\b`,
    // The speaker waiting to hear the player out ("I'm listening.", "I'm all ears"), not listening to something.
    String.raw`\bI(?:['’]m|\s+am)\s+(?:still\s+)?(?:listening|all\s+ears)\b(?!\s+to\b)`,
  ].join('|'),
  'i',
);

// Something left open or coming: an action in motion toward or with someone (a shared one too,
// "together we follow", unless it is already done), a new arrival or sound, a pending condition, a
// line that trails off.
const OPEN_EN =
  /\b(?:(?<!\b(?:can't|cant|can’t|cannot|couldn't|couldn’t)\s)waits?(?!\s+for\s+no\b)|waiting|offers?|offering|holds?\s+out|holding\s+out|extends?|extending|reaches?\s+for|reaching\s+for|turns?\s+to|expects?|until|unless|before|suddenly|someone|somebody|something|footsteps|knock(?:s|ing)?|scream(?:s|ing)?|whether|(?:lead|leading|leads|pull|pulling|pulls|drag|dragging|drags|guide|guiding|guides|beckon|beckoning|beckons)\s+(?:you|us|him|her|them)|(?:starts?|starting|begins?|beginning)\s+(?:to|[a-z]+ing)\b|about\s+to|we(?:'re|\s+are|(?:'ve|\s+have)\s+come|\s+came)\s+here\s+to|together,?\s+we\s+(?!(?:were|was|had|did)\b)[a-z]+(?<!ed)|rumou?r\s+has\s+it|they\s+say|invitation\s+(?:to|for)|invit(?:es?|ing)\s+(?:you|him|her|them|us))\b|[—–]\s*["”'*]?\s*$/i;

// A danger or a deed still under way at the end: "the ritual is wounded, but not yet broken", "the dark work is being
// completed", "may already be in motion". Something unfinished is left for the player to meet.
const UNDER_WAY =
  /\bnot\s+yet\s+(?:broken|over|done|finished|complete|dead|safe|gone|lost|won|ended)\b|\b(?:is|are)\s+(?:still\s+)?being\s+[a-z]+(?:ed|en)\b|\bmay\s+already\s+be\b/i;

// A counter-proposal anywhere in the reply ("I would much prefer if we drove"): it waits on the player's yes, whatever
// reasons follow it.
const COUNTER = /\bI(?:'d|\s+would)\s+(?:much\s+|really\s+|far\s+)?(?:prefer|rather)\s+(?:if\s+|that\s+)?we\b/i;

// A sentence that is only a cry to set off together, in the tongues English prose borrows it from: "Allons-y!", "Onward!".
const SET_OFF =
  /^["“'*]?\s*(?:allons-y|v[aá]monos|vamos|andiamo|onwards?|forward|off\s+we\s+go|away\s+we\s+go|let\s+us\s+go)\s*[!.…]*["”'*]?$/i;

// Chinese: a request or invitation (请, 不妨, 一起, 吧 closing a sentence, 欢迎 ...), an offer, or something left open or coming.
const HOOK_ZH =
  /(?<!申)请|不妨|何不|要不要|咱们|让我们|我们一起|一起来|跟我来|随我|帮我|告诉我|试试|(?<!受)欢迎|能否|可否|吧[。！!~…」”]|吧$|等着|等待|伸出|递给|递过|突然|忽然|脚步声|(?<!所)有人|什么东西|还没|据说|据传|听说|或许[^。！？]*(?:能|可以|会)|也许[^。！？]*(?:能|可以|会)|[—…]{1,2}[」”]?$/;

// Chinese: a command or direction at the head of a clause, as English opens a sentence on its
// imperative ("左转", "站住", "不然滚", "给我拿下", "不如去问问", "走吧，"): a verb of moving, stopping, watching
// or taking aimed at the one spoken to, "给我" + a verb, a "不如" proposal, a summons (来人), a task to remember
// (记得关门; 记得了 is memory). Mid-clause the same verbs report (他往前走), and "还不如" compares, so only a clause's
// first words count; 滚烫, 往后的日子, 小心翼翼 are not commands, and 接着 opening a clause is "then".
const DIRECTIVE_ZH = new RegExp(
  String.raw`(?:^|[，；：、「“『（(—])\s*(?:(?:不然|否则|要不|快|赶紧|赶快|马上|立刻|现在|那就|先)\s*)?` +
    String.raw`(?:站住|让开|闪开|跟上|跟紧|过来|进来|出去|滚(?![烫动滚圆])|走开|退后|退下|住手|住口|闭嘴|坐下|起来|蹲下|趴下|躲开|快跑|快走|` +
    String.raw`[左右]转|往[前后左右东南西北里外上下](?![的日年常])|小心(?!翼)|当心|留神|看好|拿着|收下|动手|拿下|等等|等一下|稍等|` +
    String.raw`给我(?=[\p{Script=Han}])|来人|记得(?=[\p{Script=Han}])(?!了)|(?:那|倒)?不如|(?:来|走|去|说|讲|试|跟上|回去|过来|进来|上来|下来)吧[，,])`,
  'u',
);

// Chinese: what the speaker offers to do for the player, as English "I'll show you" or "let me" (我能帮你, 让我看看, 我想为你做, 带你去,
// 这个送给你); a condition laid on the player, a threat or an offer waiting on them (如果你有, 你若敢, 再敢废话，我就); leave
// given to do as they like (想哭就哭, 想说就说).
const OFFER_ZH = new RegExp(
  String.raw`(?:帮|带|为|替|教|领)[你您](?![的那这之])|(?:送|交|留|借|还)给[你您]|(?:^|[\s，；：「“『（(—])让我(?!们)|` +
    String.raw`(?:如果|要是|若是|假如|倘若|万一|只要)[你您]|[你您](?:若|要是|如果|敢)(?!的)|(?:^|[\s，；：「“『（(—])(?:再|还)?敢|敢再|` +
    String.raw`想(\p{Script=Han}{1,2})就\1`,
  'u',
);

// Farewells, sign-offs and blessings: a closing, whatever imperative or "you" it is phrased in
// ("take care", "May your road be short", a good-night wish: "sleep well", a blessing on the player's spirit: "stay
// strong", "keep your chin up", "keep your faith alive").
const CLOSING =
  /^["“'*]?\s*may\s+(?:you|your)\b|\b(?:take\s+care|stay\s+safe|talk\s+(?:to\s+you\s+)?soon|see\s+you|good\s*night|(?:sleep|rest)\s+(?:well|tight|easy)|good-?bye|bye|farewell|until\s+next\s+time|sweet\s+dreams|cheers|xoxo|keep\s+you\s+(?:updated|posted)|stay\s+strong|keep\s+your\s+(?:heart|spirit|chin|hopes?|faith)\s+(?:open|strong|high|up|alive))\b|再见|晚安|保重|下次见|回头见/i;

// Taking one's leave: "Now, if you'll excuse me, I have experiments to conduct", "I must be going" (not "excuse me a
// moment"). A closing, as a farewell is, unless something comes with it or after it that the player can take up: a
// hook or the player spoken to besides the leave-taking's own "you" ("我先走一步，你随后跟上", "... or we leave without
// you"), or after it a question.
const LEAVE =
  /\bif\s+you(?:'ll|’ll|\s+will)\s+excuse\s+me\b(?!\s+(?:for\s+)?(?:a|one)\s+(?:moment|minute|second|sec)\b)|\bI\s+(?:must|should|have\s+to|need\s+to)\s+(?:be\s+going|take\s+my\s+leave|be\s+off)\b|\bI(?:'ll|’ll|\s+will)\s+leave\s+you\s+to\s+it\b|\bI\s+bid\s+you\s+(?:good\s*(?:day|night|evening)|farewell|adieu)\b|失陪了?|告辞|先走一步/i;

// The speaker's leaving told rather than said: "(turns to leave)", "she rises to go", "exits", "takes his leave", "before
// leaving". A closing as "if you'll excuse me" is, on the same terms.
const DEPARTS =
  /\b(?:turns?|turning|rises?|rising|stands?|standing|gets?\s+up|getting\s+up|moves?|moving)\s+to\s+(?:leave|go)\b|\b(?:exits|departs)\b|\btak(?:es?|ing)\s+(?:his|her|their|my)\s+leave\b|\b(?:before|after)\s+(?:exiting|leaving|departing)\b/i;

// The speaker going back to their own business: "back to" or "returns to" something of theirs, or "resumes" it. Sure
// only when the sentence says the business is taken up again ("again", "once more", "resumes"): "turns back to his
// daughter" turns to someone, "turns back to his desk again" does not. Settling or leaning back alone may be settling
// in to listen: a hint.
const BACK_TO =
  /\b(?:(?:turns?|turning|goes|going|gets?|getting|comes?|coming)\s+back\s+to|returns?\s+to|returning\s+to)\s+(?:his|her|their|my|the)\s+[a-z]+\b|\bresum(?:es|ing)\s+(?:his|her|their|my)\s+[a-z]+\b/i;
const AGAIN = /\b(?:again|once\s+more|resum(?:es|ing))\b/i;
const SETTLES_BACK = /\b(?:settles?|settling|leans?|leaning|sinks?|sinking)\s+back\b/i;
/** An act the withdrawing speaker begins ("beginning to read"): theirs, not something left for the player. */
const OWN_START = /\b(?:starts?|starting|begins?|beginning)\s+(?:to|[a-z]+ing)\b/gi;

// The player addressed or acted on: spoken to, named, or the one a gesture is aimed at.
const LATIN_ADDRESS = /\b(?:you|your|yours|yourself|ya)\b|\{\{user\}\}|\b(?:towards?|at)\s+(?:him|her|them)\b/i;
/** Any address, 你 included: a list's lead-in that says 你 puts the choices to the player ("你会："). */
const ADDRESS = new RegExp(`${LATIN_ADDRESS.source}|[你您]`, 'i');

// Chinese 你 that asks nothing of the player, as a statement of feeling asks nothing: the speaker's own present care for
// them (我陪你, 我给你擦泪; a 要, 会, 就 or 不 between makes it a deed to come, a promise or a threat, and 告诉你 or 问你 is
// something still to be said), a wish that someone else do something to them (那就让暗影陪你走完, 别让愧疚压垮你; not 让我,
// "let me", nor 让开, "make way"), or the player inside a time clause (风停时，就是你死时). Said of the player otherwise
// (你已触犯律令), or done to them by someone else (守卫打量着你), 你 is the player addressed, as English "you" is. The
// forms are not sure (别让他们发现你 is an instruction): an ending whose only 你 is of these kinds is a hint.
const OWN_CARE_ZH = /我(?:(?!要|会|就|将|定|必|得|能|可以|想|来|这就|马上|不|没|绝|决|非|告诉|问)[^，。！？；,!?;你我]){1,6}$/u;
const WISH_ZH = /让(?![我你您开路出])[^。！？!?你]+$/u;
const WHEN_ZH = /^[你您](?:们)?\p{Script=Han}{1,4}?(?:时|的时候)/u;

/**
 * Some 你 in the sentence is the player spoken to or acted on (see OWN_CARE_ZH for those that are not). The speaker's
 * own deed counts as care only where the speaker says it: narrated (in stars, brackets or outside quotes, "*我轻轻握住你的
 * 手*") it is a gesture aimed at the player.
 */
function youZh(s: Sentence, narrated: readonly Range[]): boolean {
  for (const m of s.text.matchAll(/[你您]/gu)) {
    const at = m.index ?? 0;
    const before = s.text.slice(0, at);
    const care = OWN_CARE_ZH.test(before) && !within(s.start + at, narrated);
    if (!care && !WISH_ZH.test(before) && !WHEN_ZH.test(s.text.slice(at))) return true;
  }
  return false;
}

// "you" that asks nothing: thanks, fillers ("if you will"), a wish that the answer helps (对你有所帮助), reminders of
// what was already said, and the player's own message spoken of as what is being answered ("to answer your question",
// "as your request asks"): it points back at their turn, not forward to the next one.
const IDLE_YOU =
  /\b(?:thank(?:s|\s+you)?|you\s+know|you\s+see|mind\s+you|if\s+you\s+will(?=\s*[,.;:!?—–)]|\s*$)|(?:I\s+)?tell\s+you|(?:I\s+)?told\s+you|bless\s+you|your\s+(?:question|request|query|inquiry|enquiry|details)s?)\b|谢谢你|谢谢您|对[你您]有所?帮助|告诉过你|跟你说过|刚告诉你|刚跟你说/gi;

// English-only patterns are compiled without the u flag: case-insensitive unicode \b is several times slower.
const WINDOW = 3;
/** Address counts in the last two sentences only: "you" early on is the past, not the ending. */
const ADDRESS_WINDOW = 2;
const SURE = 0.8;
const UNSURE = 0.6;

const THREE_LETTERS = /[\p{L}\p{N}][^\p{L}\p{N}]*[\p{L}\p{N}][^\p{L}\p{N}]*[\p{L}\p{N}]/u;
const TWO_HAN = /\p{Script=Han}{2}/u;
/** How much of the prose end is split into sentences: the window needs three, and they are rarely this long. */
const TAIL_CHARS = 900;

// A line that is an item of an enumerated list: "1. ...", "2、...", "B) ...", "- ...".
const LIST_ITEM = /^[ \t]*(?:\d{1,2}|[A-Za-z]|[一二三四五六七八九十]{1,2})[ \t]*[.．、)）][ \t]*$|^[ \t]*[-•][ \t]*$/u;
/** How many list items an ending may hold on top of the window: a menu is read with the line that offers it. */
const MAX_ITEMS = 9;

// A bulleted line whose bullet the sentence splitter kept: "- Additional figures approaching."
const BULLETED = /^[-•][ \t]+\S/u;

/** The sentence opens a line after an enumerator or a bullet, as an item of a list does. */
function listItem(prose: string, s: Sentence): boolean {
  const line = prose.lastIndexOf('\n', s.start - 1) + 1;
  const before = prose.slice(line, s.start);
  return LIST_ITEM.test(before) || (/^[ \t]*$/u.test(before) && BULLETED.test(s.text));
}

/** A sentence of the ending; `listed` when it is an item of the closing list or the line that introduces it. */
interface Read extends Sentence {
  listed: boolean;
}

// A line that introduces the closing list: "**Status updates:**", "Your options:".
const LEAD_LINE = /[:：][*_]*$/u;

/** The sentence is a whole line ending on a colon, as a list's heading is. */
function leadLine(prose: string, s: Sentence): boolean {
  return LEAD_LINE.test(s.text.trimEnd()) && /^[ \t]*(?:\n|$)/u.test(prose.slice(s.end));
}

/**
 * The last sentences worth reading as an ending: a stray "P." of "P.S." or a lone "Ah." says
 * nothing. A closing list does not fill the window: its items, and the heading line that introduces
 * them, are read together with the sentences before it, so choices offered after "What do you do?"
 * keep that question in view, and a game's closing status list keeps the scene it sums up.
 */
function tail(prose: string): Read[] {
  const from = Math.max(0, prose.length - TAIL_CHARS);
  const list = sentences(prose.slice(from));
  // Cut into the text, the first sentence may be a fragment: read it only when the text starts there.
  if (from > 0) list.shift();
  const out: Read[] = [];
  let counted = 0;
  let items = 0;
  let inList = true;
  for (let i = list.length - 1; i >= 0 && counted < WINDOW; i--) {
    const s = list[i];
    // A two-character Chinese sentence ("动手！", "走吧。") is a whole command; it is read, but like a stray "Ah." it
    // does not take a place in the window.
    const short = !THREE_LETTERS.test(s.text);
    if (short && !TWO_HAN.test(s.text)) continue;
    const at = { text: s.text, start: s.start + from, end: s.end + from, listed: false };
    out.unshift(at);
    if (short) continue;
    if (inList && items < MAX_ITEMS && listItem(prose, at)) {
      items++;
      at.listed = true;
    } else if (inList && items >= 2 && leadLine(prose, at)) {
      inList = false;
      at.listed = true;
    } else {
      inList = false;
      counted++;
    }
  }
  return out;
}

const names = new WeakMap<object, RegExp>();

/** The player's name forms as one regex, cached per persona. */
function playerName(ctx: CriticContext): RegExp {
  let re = names.get(ctx.persona);
  if (!re) {
    // Case matters: the player called "Man" is not every "man" in the reply.
    re = new RegExp(compilePersona(ctx.persona).source, 'u');
    names.set(ctx.persona, re);
  }
  return re;
}

/** A sentence that trails off ("a trajectory... *She looks up*"), not one broken by an ellipsis ("since...forever"). */
function trailsOff(prose: string, s: Sentence): boolean {
  return /(?:\.\.\.|…)$/u.test(s.text) && (s.end >= prose.length || /[\s"”'*]/u.test(prose[s.end]));
}

/** The line that introduces a closing list of two or more items, if the reply ends on one. */
function listLeadIn(prose: string, list: Sentence[]): string | undefined {
  let k = list.length;
  while (k > 0 && listItem(prose, list[k - 1])) k--;
  if (list.length - k < 2) return undefined;
  const first = prose.lastIndexOf('\n', list[k].start - 1);
  const before = prose.slice(0, Math.max(0, first)).trimEnd();
  return before.slice(before.lastIndexOf('\n') + 1);
}

/** Something left open or still under way: what a goodbye does not close. */
const stirs = (s: Sentence): boolean => OPEN_EN.test(s.text) || UNDER_WAY.test(s.text) || liveEnding(s.text) || closingIn(s.text);

/** "you" or 你 anywhere, fillers and thanks aside: the player addressed as the address rule has always read it. */
const spokenTo = (text: string): boolean => ADDRESS.test(text.replace(IDLE_YOU, ' '));

/** The player is spoken to or acted on: "you" in English, 你 in Chinese unless it asks nothing. */
function addressed(s: Sentence, narrated: readonly Range[]): boolean {
  const text = s.text.replace(IDLE_YOU, (m) => ' '.repeat(m.length));
  return LATIN_ADDRESS.test(text) || youZh({ ...s, text }, narrated);
}

// A verb told of the one named just before it, in the present or the past ("Oliver expresses", "Ronan stepped"); "is",
// "was", "has" and words that only end like a verb ("as", "towards", "yes") are not read.
const TOLD_OF = /^\s+(?!(?:is|was|has|as|yes|thus|plus|less|unless|across|towards|afterwards|always|perhaps|besides)\b)[a-z]+(?:s|ed)\b/u;

const allNames = new WeakMap<RegExp, RegExp>();

/**
 * The player named in the sentence as someone spoken to or acted on ("Oliver, look", "hands Oliver the key"), not only as
 * the subject a clause tells of ("as Oliver Chen expresses his dream"): told of, the player is narrated, not turned to.
 */
function namedAsAddressed(text: string, named: RegExp): boolean {
  let all = allNames.get(named);
  if (!all) {
    all = new RegExp(named.source, `${named.flags.replace('g', '')}g`);
    allNames.set(named, all);
  }
  for (const m of text.matchAll(all)) if (!TOLD_OF.test(text.slice((m.index ?? 0) + m[0].length))) return true;
  return false;
}

function hooks(prose: string, s: Sentence): boolean {
  return (
    REQUEST_EN.test(s.text) ||
    OPEN_EN.test(s.text) ||
    UNDER_WAY.test(s.text) ||
    liveEnding(s.text) ||
    closingIn(s.text) ||
    givesMeans(s.text) ||
    SET_OFF.test(s.text) ||
    HOOK_ZH.test(s.text) ||
    DIRECTIVE_ZH.test(s.text) ||
    OFFER_ZH.test(s.text) ||
    trailsOff(prose, s)
  );
}

/**
 * The last sentence tells the speaker withdrawing: leaving ("turns to leave"), or going back to their own business
 * again ("returns to her ledger once more"), both sure; settling back, or going back to something without "again", not.
 * The withdrawal must be all the sentence does: with it blanked out, nothing in it hooks or turns to the player.
 */
function withdraws(prose: string, last: Sentence): 'sure' | 'unsure' | undefined {
  // The prompt's label left in the direction ("(Your action: turns to leave)") is the formatting critic's finding, not
  // the player spoken to.
  const rest = (re: RegExp): Sentence => ({
    ...last,
    text: last.text.replace(new RegExp(re.source, 'gi'), ' ').replace(OWN_START, ' ').replace(FORMAT_LABEL, ' '),
  });
  const quiet = (s: Sentence): boolean => !QUESTION.test(s.text) && !hooks(prose, s) && !spokenTo(s.text);
  if (DEPARTS.test(last.text)) return quiet(rest(DEPARTS)) ? 'sure' : 'unsure';
  if (BACK_TO.test(last.text)) return quiet(rest(BACK_TO)) ? (AGAIN.test(last.text) ? 'sure' : 'unsure') : undefined;
  if (SETTLES_BACK.test(last.text) && quiet(rest(SETTLES_BACK))) return 'unsure';
  return undefined;
}

/** speaks-for-user is sure the reply decides the player's moves, and one of them is in its last sentence. */
function endsOnPlayersMove(text: string, ctx: CriticContext, last: Sentence): boolean {
  const told = speaksForUser(text, ctx);
  return (
    told.flagged && (told.confidence ?? 1) >= SURE_CONFIDENCE && told.evidence.some((e) => e.start >= last.start && e.start < last.end)
  );
}

/**
 * The ending gives the player nothing to answer: no question, request, offer, command or
 * invitation, no open action or new complication in the last sentences, and the player is not
 * addressed, named or acted on in the last two. Flat answers, statements
 * of feeling and farewells have none ("take care" is a closing, not a request). A reply cut off
 * mid-sentence is the formatting critic's finding, not this one's.
 */
export function noHook(text: string, ctx: CriticContext): CriticResult {
  if (cutOff(text)?.sure) return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
  // A game master's turn that plays the player's part as "I" ends on the player's own move, for the story to answer:
  // speaks-for-user's finding, with no narrator's ending to judge.
  if (narratorAsPlayer(text, ctx).length > 0) return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
  const prose = proseEnd(text);
  const list = tail(prose);
  if (list.length === 0) return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
  const last = list[list.length - 1];
  // Choices put to the player ("你会：", "What do you do?" and a numbered list) are the hook itself.
  const lead = listLeadIn(prose, list);
  if (lead !== undefined && (QUESTION.test(lead) || ADDRESS.test(lead.replace(IDLE_YOU, ' '))))
    return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
  // What is narrated apart from speech (stars, brackets, outside quotes); a plain reply may be either, so none of it.
  const voices = voicesOf(text);
  const narrated = voices.shape === 'plain' ? [] : voices.narration;
  // A question still asks, even before a goodbye; a request phrased as a farewell does not. Something that stirs after
  // the goodbye ("I bid you good night." Behind him, something scrapes ...) is still open.
  const leaving = list.findIndex((s) => LEAVE.test(s.text));
  // Told, a withdrawal is less plain than a spoken leave-taking: after a request or an offer it may be the speaker
  // waiting on the answer, so unsure.
  const told = withdraws(prose, last);
  const leavesTold = told === 'sure' && list.slice(0, -1).some((s) => hooks(prose, s)) ? 'unsure' : told;
  const closing =
    leavesTold !== undefined ||
    list.slice(-2).some((s, k, two) => CLOSING.test(s.text) && !two.slice(k + 1).some(stirs)) ||
    (leaving >= 0 &&
      !hooks(prose, list[leaving]) &&
      !spokenTo(list[leaving].text.replace(LEAVE, ' ')) &&
      list.slice(leaving + 1).every((s) => !QUESTION.test(s.text) && !hooks(prose, s) && !spokenTo(s.text)));
  if (!closing && COUNTER.test(prose)) return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
  const named = playerName(ctx);
  // The player addressed in the last sentences of prose, before a closing list, still counts.
  const spoken = list.filter((s) => !s.listed).slice(-ADDRESS_WINDOW);
  // A 你 near the end that asks nothing by its form (care, a wish, a time clause) still leaves the verdict unsure: the
  // same forms carry instructions and threats ("别让他们发现你", "等你想通了的时候，再来找我") that no pattern here reads.
  let quietYou = false;
  for (const [i, s] of list.entries()) {
    // A question that only says back the player's words ("心之所向？", "The dinner?") asks them nothing.
    if (QUESTION.test(s.text) && !echoes(s.text, ctx.playerInput)) return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
    if (closing) continue;
    if (hooks(prose, s)) return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
    if (i < list.length - ADDRESS_WINDOW && !spoken.includes(s)) continue;
    // A result reported to the player ("You've acquired the salt.") or their move told back ("as you ask about work")
    // speaks to them and hands them nothing.
    const done = reportsDone(s.text) || restatesMove(s.text, ctx.playerInput);
    if ((addressed(s, narrated) && !done) || namedAsAddressed(s.text, named))
      return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
    if (spokenTo(s.text) && !done) quietYou = true;
  }
  // A reply that writes the player's moves and ends on one ("He opens the letter.") took the player's turn: the ending
  // is theirs, not the narrator's to judge, and speaks-for-user's sure finding says so, as for a narrator playing "I".
  if (endsOnPlayersMove(text, ctx, last)) return { id: 'no-hook', flagged: false, score: 1, evidence: [] };
  const ending = list.slice(-2);
  // A story told of the player, never to them, ends on the scene as often as on a turn to the player: not sure.
  const third = !quietYou && narratesPlayerInThirdPerson(text, ctx);
  // A game master's turn that stops on the scene (a room, a find, a foe stunned) leaves the scene to answer, unless the
  // scene has come to rest or the game master closes it with a farewell ("Rest well, and prepare for a new day").
  const scene = !quietYou && !third && !closing && narratorOnly(ctx.pack) && !settles(last.text);
  const withdrawn = leavesTold === 'unsure';
  const why = quietYou
    ? 'the ending gives the player nothing to answer: its 你 only receives care or a wish, or sits in a time clause'
    : third
      ? 'the ending gives the player nothing to answer, in a story told of the player, never to them'
      : scene
        ? "the ending gives the player nothing to answer, in a game master's turn that stops on the scene"
        : withdrawn
          ? 'the ending gives the player nothing to answer: the speaker withdraws (leaves, settles back, turns back to something), maybe to wait on them'
          : 'the ending gives the player nothing to answer';
  return resultFrom(
    'no-hook',
    [evidenceAt(text, ending[0].start, last.end, why)],
    0.6,
    quietYou || third || scene || withdrawn ? UNSURE : SURE,
  );
}
