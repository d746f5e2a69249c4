import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { compilePack } from './pack-cache.js';
import { blankFences, evidenceAt, firstToken, lastReplies, resultFrom, tokens, tokensOf, wholeEvidence, type Token } from './text.js';
import { wholeDirection } from './stage-direction.js';
import { boundedMemo } from '../../text/memo.js';
import { execAll } from '../../text/regexp.js';

// The speaker's own script prefix ("Socrates (thinking):", "Narrator:") is the format, not wording.
const SPEAKER_PREFIX = /^\s*[^\n(（:：]{1,40}(?:[(（][^)）\n]{1,24}[)）])?[ \t]*[:：]\s*/u;

/** How many leading tokens belong to a speaker prefix. */
function prefixTokens(text: string, toks: Token[]): number {
  const m = SPEAKER_PREFIX.exec(text);
  if (!m || /[.!?。！？]/u.test(m[0])) return 0;
  let k = 0;
  while (k < toks.length && toks[k].end <= m[0].length) k++;
  return k;
}

const normal = (s: string): string => s.replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();

/** n-gram sizes: words for Latin scripts, characters for CJK (a CJK character carries less). */
function sizes(cjk: boolean): { within: number; across: number; opening: number } {
  // Within a reply speech may repeat a short frame on purpose ("I would like you to ..." twice).
  return cjk ? { within: 8, across: 10, opening: 6 } : { within: 6, across: 7, opening: 4 };
}

/**
 * Whether a run said a second time inside the reply is a loop: a long run, or one of the labels'
 * seven words or more coming back within a few sentences. A shorter phrase said again further on
 * is a long answer restating its point ("0 means an event is impossible" in the definition and
 * again in the rules), a hint.
 */
function loops(run: number, gap: number, within: number): boolean {
  return run >= within + 3 || (run >= within + 1 && gap <= 40);
}

/** The sentence goes on past `end` (the words up to it are not all of it). */
function goesOn(text: string, end: number): boolean {
  return /^[\s,;:—–]*[\p{L}\p{N}]/u.test(text.slice(end, end + 4));
}

/** The words up to `end` close a sentence. */
function closesSentence(text: string, end: number): boolean {
  return /^["”'’*)\]]*(?:[.!?。！？]|\s*$)/u.test(text.slice(end, end + 4));
}

/**
 * A run copied from an earlier reply that is sure to be the prose going round: three words past the n-gram, or a whole
 * sentence. A shorter run inside a sentence ("the companion says, its voice carrying the weight of", "with the
 * expression of a man who just") is as often a narrator describing the same room or gesture in its stock frame as a
 * loop (labellers split on them), so alone it is a hint.
 */
function sureRun(text: string, from: Token, to: Token, words: number, across: number, back: number): boolean {
  if (words >= across + 3 || (opensSentence(text, from.start) && closesSentence(text, to.end))) return true;
  // A whole stage direction ("(leans back in bed, a faraway look in his eyes)") copied from the last reply or the one
  // before it is the same beat again, as a whole sentence is. From further back it is as often the character's standing
  // pose coming back ("leans against the bar, arms crossed"): a hint.
  return back <= 1 && wholeDirection(text, from.start, to.end, true);
}

/** The words at `start` open a sentence. */
function opensSentence(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start).replace(/["“”'‘’*(\s]+$/u, '');
  return before === '' || /[.!?。！？\n]$/u.test(before);
}

// An assistant's sign-off or disclaimer said again ("Let me know if you have any other questions",
// "As an AI language model, I ...") is a formula, not the story going round: out-of-character's to flag.
// So is a game master's standing prompt to the player ("What would you like to do next?").
const FORMULA =
  /\blet me know if\b|\bI hope (?:this|that) helps\b|\bas an? (?:ai|artificial intelligence)\b|\blanguage model\b|\bAI assistant\b|\bwhat (?:would you like to|do you want to|will you|do you|shall we|should we) do(?: next| now)?\b/i;

// A game master's standing question asking what the player wants next ("Is there anything else you would like to do at
// the base?"): varied turn by turn around the same words, a part of it copied is the formula coming back, not a loop.
const STANDING_QUESTION = /\b(?:would|do) you (?:like|want|wish)\b|\banything else\b/i;

/** The sentence around `start`..`end`, from the stop before it to the stop after it. */
function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(text.lastIndexOf('\n', start - 1), ...['.', '!', '?'].map((c) => text.lastIndexOf(c, start - 1))) + 1;
  const stop = /[.!?\n]/u.exec(text.slice(end));
  return text.slice(from, stop ? end + stop.index + 1 : text.length);
}

/** A copied run that is part, not all, of a standing question to the player: sure only whole. */
function partOfStandingQuestion(text: string, from: Token, to: Token): boolean {
  if (opensSentence(text, from.start) && closesSentence(text, to.end)) return false;
  const sentence = sentenceAround(text, from.start, to.end).trim();
  return sentence.endsWith('?') && STANDING_QUESTION.test(sentence);
}

/** Whether a copied run is formula and not much else: fewer than `least` words outside its formula sentences. */
function formulaOnly(run: string, least: number): boolean {
  if (!FORMULA.test(run)) return false;
  const rest = run.split(/(?<=[.!?。！？])\s+/u).filter((sentence) => !FORMULA.test(sentence));
  return tokens(rest.join(' ')).length < least;
}

interface Features {
  grams: Set<number>;
  /** The texts of its list items ("1. Look for another way in"), normalised. */
  items: Set<string>;
  opening: string;
  shape: string;
  layout: string;
  /** The reply without spaces, punctuation or case, to see a short reply repeated whole. */
  whole: string;
}

/** A 32-bit FNV-1a hash of a word. */
function wordHash(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// The arrays this critic computes on are built in typed arrays and plain loops, not with map, filter
// and join: the arrays those make changed shape with the reply ("wrong map"), and each change
// deoptimised `repetition` in the middle of a session, three times in 200 turns, each recompile of
// it ~80 ms of a compiler thread (BENCHMARKS.md, h/perf16). The values are the same.

/** Each word's `wordHash`. */
function hashesOf(words: readonly string[]): Uint32Array {
  const out = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = wordHash(words[i]);
  return out;
}

/**
 * n-grams of the hashed words as numbers (two independent 26-bit polynomial hashes packed into one safe integer),
 * so comparing a reply against six others builds no strings; a collision needs both to agree.
 */
function gramList(hs: Uint32Array, n: number): Float64Array {
  const out = new Float64Array(Math.max(0, hs.length - n + 1));
  for (let i = 0; i + n <= hs.length; i++) {
    let a = 0;
    let b = 0;
    for (let k = i; k < i + n; k++) {
      a = (Math.imul(a, 31) + hs[k]) | 0;
      b = (Math.imul(b, 1_000_003) ^ hs[k]) | 0;
    }
    out[i] = (a & 0x3ffffff) * 0x4000000 + (b & 0x3ffffff);
  }
  return out;
}

/** A paragraph's kind: a thought in brackets, an action (asterisks or parentheses), speech, or narration. */
function kindOf(p: string): string {
  return p.startsWith('[') ? 'T' : /^[*(（]/u.test(p) ? 'A' : /^["“「]/u.test(p) ? 'S' : 'N';
}

/**
 * The paragraph skeleton: each paragraph's kind and first word (`shape`), and the kinds alone (`layout`); both empty
 * below three paragraphs.
 */
function shapeOf(text: string): { shape: string; layout: string } {
  if (!/\n\s*\n/.test(text)) return { shape: '', layout: '' };
  const paras: string[] = [];
  for (const piece of text.split(/\n\s*\n/)) {
    const p = piece.trim();
    if (p) paras.push(p);
  }
  if (paras.length < 3) return { shape: '', layout: '' };
  let shape = '';
  let layout = '';
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    const kind = kindOf(p);
    shape += `${i > 0 ? '|' : ''}${kind}:${firstToken(p) ?? ''}`;
    layout += kind;
  }
  return { shape, layout };
}

/**
 * A layout the reply and every recent reply keep ("[thought]", "(Your action: ...)", "(Your thought: ...)" each
 * turn, as a card or a harness asks) is the model's format, not a repeat: its paragraphs open on the same labels
 * whatever they say, so the same skeleton says nothing; copied content inside it is still read as runs.
 */
function keptLayout(layout: string, recent: readonly Features[]): boolean {
  return layout !== '' && recent.length >= 2 && recent.every((r) => r.layout === layout);
}

// A line of an enumerated list, the item's text in group 1: "1. ...", "2、...", "B) ...", "- ...".
const ITEM = /^[ \t]*(?:(?:\d{1,2}|[A-Za-z]|[一二三四五六七八九十]{1,2})[ \t]*[.．、)）][ \t]*|[-•][ \t]+)(\S[^\n]*)$/gmu;

interface Menu {
  start: number;
  end: number;
  items: string[];
}

/** Runs of two or more list items (blank lines between them allowed): the choices a reply offers. */
function menusOf(text: string): Menu[] {
  const menus: Menu[] = [];
  let open: Menu | undefined;
  for (const m of execAll(ITEM, text)) {
    const start = m.index ?? 0;
    if (open && text.slice(open.end, start).trim() === '') {
      open.end = start + m[0].length;
      open.items.push(normal(m[1]));
      continue;
    }
    open = { start, end: start + m[0].length, items: [normal(m[1])] };
    menus.push(open);
  }
  return menus.filter((m) => m.items.length >= 2);
}

/**
 * The run lies inside a list of choices that offers something the earlier reply's did not: a menu
 * that keeps a standing option ("3. Give up") while its others change is a new menu, not a loop.
 */
function changedMenu(menus: readonly Menu[], start: number, end: number, before: Set<string>): boolean {
  const menu = menus.find((m) => start >= m.start && end <= m.end);
  return menu !== undefined && menu.items.some((item) => !before.has(item));
}

// Words before a command's verb that say nothing of which command it is: "I ask", "then go", "*I turn".
const LEAD = new Set(['i', 'we', 'then', 'and', 'so', 'now', 'me', 'let', 'lets', "let's"]);

/** The command word of a player's message: its first word past a subject or a connective ("ask" of "I ask Wren ..."). */
function commandOf(input: string): string {
  const words = input.toLowerCase().match(/[\p{L}'’]+/gu) ?? [];
  return words.find((w) => !LEAD.has(w)) ?? '';
}

/**
 * The player message each recent reply answered, aligned with `lastReplies(ctx.recentReplies)` ('' where the
 * history holds none): a reply that carries out the same command the same way ("ask the companion about ..."
 * -> "You turn to the companion, ...") repeats the player's move, not its own words.
 */
function promptsOf(ctx: CriticContext, count: number): string[] {
  const prompts: string[] = [];
  let last = '';
  for (const m of ctx.history) {
    if (m.role === 'player') last = m.text;
    else if (m.role === 'narrator') {
      prompts.push(last);
      last = '';
    }
  }
  const aligned = prompts.slice(Math.max(0, prompts.length - count));
  return [...Array<string>(Math.max(0, count - aligned.length)).fill(''), ...aligned];
}

// A reply that opens on the player as its subject ("You turn to the companion", "*You step ...", 你走进) narrates
// the player's move, and a sentence of it copied restates the same command; a whole opening sentence copied that
// tells the character's own gesture ("*pauses mid-polish, cloth stilling in my hands as I ...*") is the character
// doing the same thing again, whatever the player wrote (its first four words alike are still left alone).
const OPENS_ON_PLAYER = /^[\s*_"“'‘「(]*(?:you|your)\b|^[\s*_"“「(（]*你/iu;

/** Where the reply's first sentence ends: an opening that restates the player's move lives there. */
function firstSentenceEnd(text: string): number {
  const m = /[.!?。！？](?=[\s"”'’*)]|$)/u.exec(text);
  return m ? m.index + 1 : text.length;
}

const featuresEn = boundedMemo(64, (s: string) => features(s, false));
const featuresZh = boundedMemo(64, (s: string) => features(s, true));

/** The tokens' words. */
function wordsOf(toks: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of toks) out.push(t.t);
  return out;
}

function openingOf(words: string[], n: number, skip: number): string {
  return words.length >= skip + n ? words.slice(skip, skip + n).join(' ') : '';
}

function features(text: string, cjk: boolean): Features {
  const n = sizes(cjk);
  const toks = tokens(text);
  const words = wordsOf(toks);
  return {
    grams: new Set(gramList(hashesOf(words), n.across)),
    items: new Set(menusOf(text).flatMap((m) => m.items)),
    opening: openingOf(words, n.opening, prefixTokens(text, toks)),
    ...shapeOf(text),
    whole: normal(text),
  };
}

/**
 * Repeated n-grams inside the reply, and the same long n-grams, opening or paragraph skeleton as a
 * recent reply, or a short reply that is a recent one again. A speaker prefix is not part of the
 * opening; fenced blocks (a card's status bar) are not read.
 */
export function repetition(raw: string, ctx: CriticContext): CriticResult {
  const { result, copy } = analyse(raw, ctx);
  remember(ctx, raw, copy);
  return result;
}

/**
 * How much of a reply is an earlier reply said again: the share of its words inside the runs `repetition` quotes as
 * copied from the last few replies, and the reply most of them came from (0 = the last reply, 1 = the one before).
 */
export interface Copy {
  share: number;
  /** Words in the reply (fenced blocks left out). */
  words: number;
  back: number;
  /** The player's message that reply answered ('' where the history holds none). */
  prompt: string;
}

/** A reply this much of which is runs copied from earlier replies is one of them said again. */
const MIN_COPIED = 0.8;
/** Shorter replies said again ("Yes.", a nod) may be an answer: a copy is read on replies, not lines. */
const MIN_COPY_WORDS = 20;

/** The reply is an earlier reply (or a splice of several) said again whole or nearly whole. */
export function copiedWhole(copy: Copy): boolean {
  return copy.share >= MIN_COPIED && copy.words >= MIN_COPY_WORDS;
}

// What `repetition` found, kept for the other critics of the same candidate (stagnation, ignores-user), which run
// after it with the same context: the overlap is computed once. Checked against the replies it was computed on.
const copies = new WeakMap<CriticContext, { recent: string[]; input: string; byText: Map<string, Copy> }>();

function remember(ctx: CriticContext, raw: string, copy: Copy): void {
  let entry = copies.get(ctx);
  if (!entry || !sameReplies(entry.recent, ctx) || entry.input !== ctx.playerInput) {
    entry = { recent: lastReplies(ctx.recentReplies), input: ctx.playerInput, byText: new Map() };
    copies.set(ctx, entry);
  }
  // A turn critiques its raw and its repaired candidate: a few texts per context at most.
  if (entry.byText.size >= 8) entry.byText.clear();
  entry.byText.set(raw, copy);
}

function sameReplies(recent: readonly string[], ctx: CriticContext): boolean {
  const now = lastReplies(ctx.recentReplies);
  return now.length === recent.length && now.every((r, i) => r === recent[i]);
}

/** How much of `raw` copies the last few replies: what `repetition` measured on it, computed here if it has not run. */
export function copyOf(raw: string, ctx: CriticContext): Copy {
  const entry = copies.get(ctx);
  const known = entry && sameReplies(entry.recent, ctx) && entry.input === ctx.playerInput ? entry.byText.get(raw) : undefined;
  if (known) return known;
  const { copy } = analyse(raw, ctx);
  remember(ctx, raw, copy);
  return copy;
}

function analyse(raw: string, ctx: CriticContext): { result: CriticResult; copy: Copy } {
  const text = blankFences(raw);
  const cjk = compilePack(ctx.pack).cjk;
  const n = sizes(cjk);
  const toks = tokensOf(text);
  const words = wordsOf(toks);
  const evidence: CriticEvidence[] = [];
  const restated: CriticEvidence[] = [];
  // Copied runs too short to be sure alone.
  const short = new Set<CriticEvidence>();

  // Within: an n-gram seen earlier in this reply, extended over the whole repeated run.
  // Each word hashed once for both n-gram sizes.
  const hashes = hashesOf(words);
  const within = gramList(hashes, n.within);
  const first = new Map<number, number>();
  const seen = new Map<number, number>();
  let asked: Set<number> | undefined;
  for (let i = 0; i < within.length; i++) {
    const at = first.get(within[i]);
    if (at === undefined) {
      first.set(within[i], i);
      continue;
    }
    if (at + n.within > i) continue;
    let k = i + 1;
    while (k < within.length && (first.get(within[k]) ?? i) < i) k++;
    // A run holding the player's own words, said back twice (in the answer and again in its
    // summary), answers the question; a third time is a loop.
    const times = (seen.get(within[i]) ?? 1) + 1;
    seen.set(within[i], times);
    asked ??= new Set(gramList(hashesOf(wordsOf(tokensOf(ctx.playerInput))), n.within));
    if (times === 2 && within.slice(i, k).some((g) => asked?.has(g))) {
      i = k - 1;
      continue;
    }
    const piece = evidenceAt(text, toks[i].start, toks[k - 1 + n.within - 1].end, 'repeated within the reply');
    // Words said again to open a new sentence that goes on differently are a figure of speech ("Then what am I
    // to do with this rage? What am I to do with ten years ...?"), not the reply going round; a whole sentence again is.
    const run = k - 1 + n.within - i;
    const parallel = times === 2 && opensSentence(text, piece.start) && goesOn(text, piece.end) && goesOn(text, toks[at + run - 1].end);
    (!parallel && (times >= 3 || loops(run, i - at, n.within)) ? evidence : restated).push(piece);
    i = k - 1 + n.within - 1;
  }

  const recent = lastReplies(ctx.recentReplies);
  const feat = cjk ? featuresZh : featuresEn;
  const skip = prefixTokens(text, toks);
  const skeleton = shapeOf(text);
  const mine = { opening: openingOf(words, n.opening, skip), ...skeleton, whole: words.length < n.across ? normal(text) : '' };
  const format = keptLayout(
    skeleton.layout,
    recent.map((r) => feat(blankFences(r))),
  );
  const withinFound = evidence.length;
  let wholeShort = false;
  const keys = gramList(hashes, n.across);
  // Words already quoted as copied from a newer reply; an older reply is still read everywhere else.
  const covered = new Uint8Array(keys.length);
  // The copied runs quoted so far by where they start, to let an older reply's longer run take one's place.
  const runs = new Map<number, { end: number; piece: CriticEvidence }>();
  const menus = menusOf(text);
  const prompts = promptsOf(ctx, recent.length).reverse();
  const command = commandOf(ctx.playerInput);
  const opening = firstSentenceEnd(text);
  const onPlayer = OPENS_ON_PLAYER.test(text);
  // Words inside a quoted copied run, and how many each earlier reply gave.
  const copied = new Uint8Array(toks.length);
  const given = new Uint32Array(recent.length);
  const mark = (from: number, to: number, back: number): void => {
    for (let t = from; t < to; t++) {
      if (copied[t] === 1) continue;
      copied[t] = 1;
      given[back]++;
    }
  };
  // How many recent replies open the same way, and whether the last one does.
  let openings = 0;
  let openedLast = false;
  for (const [back, prev] of recent.slice().reverse().entries()) {
    const other = feat(blankFences(prev));
    const ago = back === 0 ? 'the last reply' : `a reply ${back + 1} turns ago`;
    // The same command carried out again opens the same way; past its first sentence the reply is its own.
    const sameMove = command.length > 1 && command === commandOf(prompts[back] ?? '');
    // A reply too short for the n-grams can still be the last reply again, word for word.
    if (keys.length === 0 && mine.whole.length > 0 && mine.whole === other.whole) {
      evidence.push(wholeEvidence(text, `the whole reply repeats ${ago}`));
      mark(0, toks.length, back);
      wholeShort ||= toks.length < (cjk ? 3 : 2);
      break;
    }
    if (mine.opening && mine.opening === other.opening && !FORMULA.test(mine.opening) && !sameMove) {
      openings++;
      openedLast ||= back === 0;
      const end = toks[skip + n.opening - 1].end;
      if (!evidence.some((e) => e.start === toks[skip].start)) evidence.push(evidenceAt(text, toks[skip].start, end, `opens like ${ago}`));
    }
    for (let i = 0; i < keys.length; i++) {
      const newer = covered[i] === 1 ? runs.get(i) : undefined;
      if ((covered[i] === 1 && !newer) || !other.grams.has(keys[i])) continue;
      // Extend over the whole shared run so one copied sentence is one piece of evidence.
      let j = i + n.across;
      while (j < toks.length && other.grams.has(keys[j - n.across + 1])) j++;
      // A newer reply held the start of this run ("leans in, his voice taking on a"), an older one all of it ("... a
      // conspiratorial tone)"): the older reply's whole run is quoted and judged, not its first words.
      if (newer) {
        if (j <= newer.end) continue;
        evidence.splice(evidence.indexOf(newer.piece), 1);
        short.delete(newer.piece);
        // Gone from the evidence: a still older reply must not splice it again (indexOf -1 would take the last piece).
        runs.delete(i);
      }
      covered.fill(1, i, Math.min(j, keys.length));
      if (changedMenu(menus, toks[i].start, toks[j - 1].end, other.items)) continue;
      if (sameMove && onPlayer && toks[j - 1].end <= opening) continue;
      const run = evidenceAt(text, toks[i].start, toks[j - 1].end, `repeats ${ago}`);
      if (formulaOnly(run.text, n.across)) continue;
      evidence.push(run);
      runs.set(i, { end: j, piece: run });
      if (!sureRun(text, toks[i], toks[j - 1], j - i, n.across, back) || partOfStandingQuestion(text, toks[i], toks[j - 1])) short.add(run);
      mark(i, j, back);
    }
    if (mine.shape && mine.shape === other.shape && !format) {
      evidence.push(evidenceAt(text, 0, Math.min(text.length, 40), `same paragraph structure as ${ago}`));
    }
  }
  // "Yes." or "好的" said twice may be an answer, not yet a loop: a one-word whole repeat is a hint.
  // Four words that narrate the player's own move ("You turn to the ...") open replies to many commands alike: alone,
  // with nothing else copied, the same opening is a hint.
  // Short copied runs, alone or beside such an opening, are a hint too. So are four words opening one older reply
  // alike ("The words hang in ..." six turns back): among six replies a common frame recurs by chance; a habit is the
  // last reply opened the same way, or two of them.
  const playersMove = /^you\b/i.test(mine.opening);
  const habit = openedLast || openings >= 2;
  const weak = (e: CriticEvidence): boolean => short.has(e) || ((playersMove || !habit) && e.why.startsWith('opens like'));
  const unsure = (withinFound === 0 && wholeShort && evidence.length === 1) || (evidence.length > 0 && evidence.every(weak));
  // A run may span a blanked block: the evidence quotes the reply as written.
  if (text !== raw) for (const e of evidence) e.text = raw.slice(e.start, e.end);
  let from = 0;
  for (let b = 1; b < given.length; b++) if (given[b] > given[from]) from = b;
  const share = toks.length === 0 ? 0 : sumOf(given) / toks.length;
  const copy: Copy = { share, words: toks.length, back: from, prompt: prompts[from] ?? '' };
  if (evidence.length === 0 && restated.length > 0) return { result: resultFrom('repetition', restated, 0.3, 0.5), copy };
  return { result: resultFrom('repetition', evidence, 0.3, unsure ? 0.5 : 0.9), copy };
}

function sumOf(xs: Uint32Array): number {
  let n = 0;
  for (const x of xs) n += x;
  return n;
}
