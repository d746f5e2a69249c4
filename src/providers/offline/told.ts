/**
 * Every sentence the story has told, word for word: over a long session the repetition check
 * (recent.ts) reads only the last few replies, and a narrator drawing on finite material came back
 * to the same sentences every seventh turn. A sentence told anywhere before is passed over while an
 * option not yet told exists. Short stock beats ("He nods.") are not counted: only a sentence long
 * enough that a reader recognises it again.
 */
import { splitSentences } from '../../text/sentences.js';

/** Long enough that telling it twice reads as a repeat: five words, or eight Han characters. */
export function substantial(sentence: string): boolean {
  return (sentence.match(/\p{Script=Han}/gu) ?? []).length >= 8 || sentence.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 5;
}

/** The substantial sentences of a text, paragraph by paragraph. */
export function sentencesOf(text: string): string[] {
  return text.split(/\n+/).flatMap(splitSentences).filter(substantial);
}

export class ToldSentences {
  private readonly told = new Set<string>();

  constructor(replies: readonly string[]) {
    for (const r of replies) for (const s of sentencesOf(r)) this.told.add(s);
  }

  /** How many of the text's substantial sentences the story has told already. */
  retold(text: string): number {
    return sentencesOf(text).filter((s) => this.told.has(s)).length;
  }

  /** True when this one sentence was told before, as it stands. */
  holds(sentence: string): boolean {
    return this.told.has(sentence);
  }

  /** True when some sentence of the text was told before, or the text itself was, as a part of one. */
  has(text: string): boolean {
    return this.retold(text) > 0;
  }
}
