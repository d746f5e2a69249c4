/**
 * What the narrator said lately, as word n-grams (character n-grams for CJK), so a sentence that
 * would repeat a recent reply can be passed over. The sizes match the repetition critic's: a
 * shared run of seven words (ten CJK characters) reads as a repeat to a player too.
 */
import { tokens } from '../../engine/critics/text.js';

export class RecentReplies {
  private readonly grams = new Set<string>();
  private readonly n: number;
  /** Each reply's tokens joined, to find a short sentence said whole. */
  private readonly joined: string[];

  constructor(replies: readonly string[], cjk: boolean, n?: number) {
    this.n = n ?? (cjk ? 10 : 7);
    for (const r of replies) for (const g of this.gramsOf(r)) this.grams.add(g);
    this.joined = replies.map(
      (r) =>
        ` ${tokens(r)
          .map((t) => t.t)
          .join(' ')} `,
    );
  }

  /**
   * True when `text` shares a run of n words with a recent reply, or, being shorter than that,
   * was said whole (it would make a run with whatever follows it).
   */
  repeats(text: string, context = ''): boolean {
    // Runs that start in the preceding text and end in this one count; runs wholly before it do not.
    const before = tokens(context)
      .map((t) => t.t)
      .slice(-(this.n - 1));
    const own = tokens(text).map((t) => t.t);
    const all = [...before, ...own];
    for (let i = 0; i + this.n <= all.length; i++) {
      if (this.grams.has(all.slice(i, i + this.n).join(' '))) return true;
    }
    if (own.length > 0 && own.length < this.n) {
      const needle = ` ${own.join(' ')} `;
      return this.joined.some((j) => j.includes(needle));
    }
    return false;
  }

  /** True when `text` opens with the same first words as a recent reply. */
  opensLike(text: string, words: number): boolean {
    const own = tokens(text)
      .map((t) => t.t)
      .slice(0, words)
      .join(' ');
    return own.split(' ').length === words && this.joined.some((j) => j.startsWith(` ${own} `));
  }

  private gramsOf(text: string): string[] {
    const words = tokens(text).map((t) => t.t);
    const out: string[] = [];
    for (let i = 0; i + this.n <= words.length; i++) out.push(words.slice(i, i + this.n).join(' '));
    return out;
  }
}
