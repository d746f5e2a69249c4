/**
 * The rolling summary of what scrolled out of the prompt window. With a model it is the model's
 * summary; offline it is extractive: the most informative sentences (names, the player's actions,
 * new facts), one line each, oldest and least informative dropped first to stay within budget.
 */
import type { Fact, MemoryState, StoryMessage } from '../types.js';
import type { TokenCounter } from '../tokens.js';
import { extractFacts, factId } from './facts.js';
import { addFacts } from './ledger.js';
import { splitSentences } from '../../text/sentences.js';
import type { ModelFact, SummaryResult } from './summary-reply.js';

/** Tokens the summary may take when the caller does not say. */
export const DEFAULT_SUMMARY_TOKENS = 300;

export interface SummaryOptions {
  maxTokens: number;
  counter: TokenCounter;
  /**
   * A model summariser: previous summary plus the messages that scrolled out, to a new summary,
   * and (when it reports them) the facts the player established in those messages. `signal`
   * stops its request (the turn it is written for was stopped or saved nothing).
   */
  summarize?: (previous: string, messages: StoryMessage[], options?: { signal?: AbortSignal }) => Promise<string | SummaryResult>;
  /** Stops the model summariser's request; the extractive summary stands in, as for any failure. */
  signal?: AbortSignal;
  /** Who speaks in the player's messages, so extracted lines read "Tamsin: I ...". */
  playerName?: string;
  /** Character and place names worth keeping (the pack's characters). */
  names?: string[];
  language?: string;
}

const LINE = /^\[t(\d+)\]\s?/;

/**
 * The messages that have left the prompt window and are not yet in the summary: everything
 * before the last `windowMessages`, after `memory.summaryThrough`, a turn at a time. When the
 * window's edge falls between a player's line and its reply, the reply (still in the window) is
 * folded with it: the summary is through that turn afterwards, so a reply left for later would
 * count as summarised without ever being read, and with a window of that parity every reply was.
 */
export function scrolledOut(history: readonly StoryMessage[], memory: MemoryState, windowMessages: number): StoryMessage[] {
  const edge = Math.max(0, history.length - windowMessages);
  let end = edge;
  if (edge > 0) while (end < history.length && history[end].turn === history[edge - 1].turn) end++;
  const covered = (m: StoryMessage): boolean => (memory.summary === '' ? false : m.turn <= memory.summaryThrough);
  return history.slice(0, end).filter((m) => !covered(m));
}

/** The summary after an update, and the facts the summary model reported (in `facts` too). */
export interface SummaryUpdate extends MemoryState {
  /** Facts the model found in the scrolled-out messages, each with the turn it came from. */
  found: Fact[];
}

/**
 * Folds `scrolled` (the turn's batch, `summaryBatch`) into the summary, bounded to `maxTokens`. A
 * failing model summariser (a stopped request too) falls back to the extractive one, so a flaky
 * endpoint never loses memory. Facts the model reports join the ledger with `source: 'model'` and
 * the turn they came from.
 */
export async function updateSummary(memory: MemoryState, scrolled: StoryMessage[], options: SummaryOptions): Promise<SummaryUpdate> {
  if (scrolled.length === 0) return { ...memory, found: [] };
  const through = Math.max(memory.summaryThrough, ...scrolled.map((m) => m.turn));
  let summary: string | undefined;
  let found: Fact[] = [];
  if (options.summarize) {
    try {
      const result = await options.summarize(memory.summary, scrolled, options.signal ? { signal: options.signal } : {});
      const written = (typeof result === 'string' ? result : result.summary).trim();
      if (written) summary = trimToTokens(written, options.maxTokens, options.counter);
      if (typeof result !== 'string') found = modelFacts(result.facts, scrolled);
    } catch {
      summary = undefined;
    }
  }
  summary ??= extractiveSummary(memory.summary, scrolled, options);
  return { ...memory, summary, summaryThrough: through, facts: addFacts(memory, found).facts, found };
}

/**
 * The model's facts as ledger facts. A fact keeps the turn the model names when a player message
 * of that turn was among those it was shown; otherwise the last such turn.
 */
export function modelFacts(facts: readonly ModelFact[], shown: readonly StoryMessage[]): Fact[] {
  const turns = new Set(shown.filter((m) => m.role === 'player').map((m) => m.turn));
  if (turns.size === 0) return [];
  const last = Math.max(...turns);
  return facts.map((f) => {
    const text = f.text.replace(/\s+/g, ' ').trim();
    return {
      id: factId(f.kind, text),
      text,
      kind: f.kind,
      turn: turns.has(f.turn) ? f.turn : last,
      source: 'model' as const,
      subject: f.subject,
      value: f.value,
    };
  });
}

/** The extractive summary: previous lines plus the best sentences of `messages`, within budget. */
export function extractiveSummary(previous: string, messages: StoryMessage[], options: SummaryOptions): string {
  const lines = previous
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const perMessage = messages.map((m, index) => bestSentences(m, index, options));
  // About one sentence per message: a summary, not a transcript.
  const quota = Math.max(1, Math.ceil(messages.length * 0.75));
  // Long stories repeat themselves; summaries should not. A sentence that restates an older line
  // replaces it, so the summary stays current without saying the same thing twice.
  const known = lines.map((line) => contentWords(line.replace(LINE, '')));
  const replaced = new Set<number>();
  const batch: Array<Set<string>> = [];
  const chosen: Scored[] = [];
  for (const candidate of perMessage.flat().sort((a, b) => b.score - a.score || a.order - b.order)) {
    if (chosen.length >= quota) break;
    const words = contentWords(candidate.text);
    if (batch.some((other) => similar(words, other))) continue;
    known.forEach((other, index) => {
      if (similar(words, other)) replaced.add(index);
    });
    batch.push(words);
    chosen.push(candidate);
  }
  chosen.sort((a, b) => a.order - b.order);
  const kept = lines.filter((_, index) => !replaced.has(index));
  for (const sentence of chosen) kept.push(`[t${sentence.turn}] ${sentence.text}`);
  return boundLines(kept, options).join('\n');
}

interface Scored {
  text: string;
  turn: number;
  score: number;
  order: number;
}

function bestSentences(message: StoryMessage, messageIndex: number, options: SummaryOptions): Scored[] {
  const player = options.playerName ?? 'Player';
  return sentencesOf(message.text)
    .map((sentence, sentenceIndex) => {
      const text = clip(sentence);
      const shown = message.role === 'player' ? `${player}: ${text}` : text;
      return {
        text: shown,
        turn: message.turn,
        score: informativeness(text, message.role, options),
        order: messageIndex * 10_000 + sentenceIndex,
      };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 2);
}

/** Higher for names, the player's own actions and established facts; low for filler. */
function informativeness(sentence: string, role: StoryMessage['role'], options: SummaryOptions): number {
  let score = 1;
  const words = sentence.split(/\s+/).filter(Boolean);
  const cjk = (sentence.match(/[\u3400-\u9fff]/g) ?? []).length;
  const length = words.length + cjk / 2;
  if (length < 4) score -= 2;
  if (length >= 6) score += 1;
  // Capitalised words past the first are usually names: people, places, things that recur.
  const capitalised = words.slice(1).filter((w) => /^[A-Z][\p{L}'-]+/u.test(w) && w !== 'I').length;
  score += Math.min(3, capitalised) * 1.5;
  for (const name of options.names ?? []) if (name && sentence.includes(name)) score += 2;
  if (role === 'player') score += 2;
  if (extractFacts(sentence, 0, options.playerName ?? 'Player', options.language ?? 'en').length > 0) score += 3;
  if (/\d/.test(sentence)) score += 0.5;
  return score;
}

/** Lower-cased words of three letters or more, and CJK character pairs. */
function contentWords(text: string): Set<string> {
  const words = new Set((text.toLowerCase().match(/[\p{L}\p{N}']{3,}/gu) ?? []).filter((w) => !/[\u3400-\u9fff]/.test(w)));
  const cjk = text.match(/[\u3400-\u9fff]+/g) ?? [];
  for (const run of cjk) for (let i = 0; i + 1 < run.length; i++) words.add(run.slice(i, i + 2));
  return words;
}

/** Near-duplicates: most of the shorter sentence's words are in the other. */
function similar(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return large.size === 0;
  let shared = 0;
  for (const word of small) if (large.has(word)) shared += 1;
  return shared / small.size >= 0.75;
}

/** Sentences line by line (a line break ends one too), whitespace folded. */
function sentencesOf(text: string): string[] {
  return text.split(/\n+/).flatMap((line) => splitSentences(line.replace(/\s+/g, ' ')));
}

function clip(sentence: string, maxWords = 40): string {
  const words = sentence.split(' ');
  if (words.length > maxWords) return `${words.slice(0, maxWords).join(' ')}…`;
  return sentence.length > 300 ? `${sentence.slice(0, 300)}…` : sentence;
}

/** Drops lines, least valuable first (old and uninformative), until the whole fits `maxTokens`. */
function boundLines(lines: string[], options: SummaryOptions): string[] {
  let kept = [...lines];
  const total = (): number => kept.reduce((sum, line) => sum + options.counter.count(line) + 1, 0);
  let tokens = total();
  // Lines without a turn mark are a model-written summary this one was folded onto (its request
  // failed): prose, often the whole story so far on one line. Dropped whole, it took the story's
  // memory with it. It is cut from its oldest end instead, as trimToTokens cuts the model's own,
  // to leave room for the marked lines (the turns just folded among them).
  const prose = kept.filter((line) => !LINE.test(line));
  if (tokens > options.maxTokens && prose.length > 0) {
    const marked = kept.filter((line) => LINE.test(line));
    const room = options.maxTokens - marked.reduce((sum, line) => sum + options.counter.count(line) + 1, 0) - 1;
    const cut = room > 0 ? trimToTokens(prose.join(' '), room, options.counter) : '';
    kept = cut ? [cut, ...marked] : marked;
    tokens = total();
  }
  while (kept.length > 0 && tokens > options.maxTokens) {
    let worst = 0;
    let worstValue = Number.POSITIVE_INFINITY;
    kept.forEach((line, index) => {
      const body = line.replace(LINE, '');
      const role = body.startsWith(`${options.playerName ?? 'Player'}: `) ? 'player' : 'narrator';
      // Newer lines are worth more: the story's recent past matters more than its distant one.
      const value = informativeness(body, role, options) + (index / kept.length) * 3;
      if (value < worstValue) {
        worstValue = value;
        worst = index;
      }
    });
    tokens -= options.counter.count(kept[worst]) + 1;
    kept.splice(worst, 1);
  }
  return kept;
}

/** Cuts a model-written summary to `maxTokens`, dropping its oldest sentences first. */
function trimToTokens(text: string, maxTokens: number, counter: TokenCounter): string {
  if (counter.count(text) <= maxTokens) return text;
  const sentences = sentencesOf(text);
  while (sentences.length > 1 && counter.count(sentences.join(' ')) > maxTokens) sentences.shift();
  let joined = sentences.join(' ');
  // One enormous sentence: keep its tail, which is the most recent part of the story.
  while (joined.length > 0 && counter.count(joined) > maxTokens) joined = joined.slice(Math.ceil(joined.length * 0.2));
  return joined;
}
