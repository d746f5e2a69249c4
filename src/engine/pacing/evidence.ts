/**
 * The pacing estimate's evidence: short sentences a player would recognise about themselves
 * ("3 of the last 4 messages are short imperatives"), most decisive first.
 */
import type { PacingProfile } from '../types.js';
import type { MessageCues } from './cues.js';

/** What the model remembers of the session, for its evidence. */
export interface SessionRecord {
  messages: Array<{ turn: number; cues: MessageCues }>;
  stats: Record<string, number>;
  lastOoc?: { direction: 'slower' | 'faster'; turn: number };
}

/** How many recent messages the evidence reads. */
export const EVIDENCE_WINDOW = 4;

/** "once", "twice", "3 times". */
export function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
}

/** The evidence items for the current estimate. */
export function describeEvidence(record: SessionRecord, latestTurn: number, longTerm: PacingProfile): string[] {
  const items: string[] = [];
  const stats = record.stats;
  if (record.lastOoc) {
    const what = record.lastOoc.direction === 'slower' ? 'asked to slow down (OOC)' : 'asked to speed up (OOC)';
    items.push(record.lastOoc.turn === latestTurn ? what : `${what} on turn ${record.lastOoc.turn}`);
  }
  const recent = record.messages.slice(-EVIDENCE_WINDOW);
  const n = recent.length;
  if (n >= 2) {
    const of = (k: number): string => `${k} of the last ${n} messages`;
    const imperatives = recent.filter((m) => m.cues.shortImperative).length;
    const lingering = recent.filter((m) => m.cues.lingering).length;
    const waiting = recent.filter((m) => m.cues.waiting).length;
    const long = recent.filter((m) => m.cues.words >= 40).length;
    if (imperatives >= 2) items.push(`${of(imperatives)} are short imperatives`);
    if (lingering >= 2) items.push(`${of(lingering)} linger on feelings, senses or dialogue`);
    else if (long >= 2) items.push(`${of(long)} are long (40+ words)`);
    if (waiting >= 2) items.push(`${of(waiting)} only wait for the story to go on`);
    const words = recent.reduce((sum, m) => sum + m.cues.words, 0) / n;
    items.push(`messages average ${Math.round(words)} words`);
  }
  const skip = [...recent].reverse().find((m) => m.cues.timeSkip);
  if (skip) items.push(`skipped ahead in time ("${skip.cues.timeSkip}")`);
  const questions = recent.filter((m) => m.cues.worldQuestion).length;
  if (questions > 0) items.push(`asked about the world ${times(questions)}`);
  if (stats.keptCalmer) items.push(`kept the calmer candidate ${times(stats.keptCalmer)}`);
  if (stats.keptBolder) items.push(`kept the bolder candidate ${times(stats.keptBolder)}`);
  if (stats.rejectedBold) items.push(`swiped away a bold reply ${times(stats.rejectedBold)}`);
  if (stats.rejectedGentle) items.push(`swiped away a quiet reply ${times(stats.rejectedGentle)}`);
  if (stats.rejectedAtPivot) items.push(`regenerated at an emotional pivot ${times(stats.rejectedAtPivot)}`);
  if (stats.slowThoughtful) items.push(`took time over long replies ${times(stats.slowThoughtful)}`);
  if (stats.quickShort) items.push(`answered quickly and briefly ${times(stats.quickShort)}`);
  if (longTerm.turns > 0) {
    const lean = Math.abs(longTerm.score) < 0.15 ? 'is balanced' : longTerm.score > 0 ? 'leans fast' : 'leans slow';
    items.push(`long-term profile ${lean} (${signed(longTerm.score)} over ${longTerm.turns} turns)`);
  }
  return items;
}
