/**
 * Every sentence the story has told, word for word: over a long session the repetition check
 * (recent.ts) reads only the last few replies, and a narrator drawing on finite material came back
 * to the same sentences every seventh turn. A sentence told anywhere before is passed over while an
 * option not yet told exists. Short stock beats ("He nods.") are not counted: only a sentence long
 * enough that a reader recognises it again, counted as the eval counts them (text/sentences.ts).
 */
import { substantialSentences } from '../../text/sentences.js';

export class ToldSentences {
  private readonly told = new Set<string>();

  constructor(replies: readonly string[]) {
    for (const r of replies) for (const s of substantialSentences(r)) this.told.add(s);
  }

  /** How many of the text's substantial sentences the story has told already. */
  retold(text: string): number {
    return substantialSentences(text).filter((s) => this.told.has(s)).length;
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
