/**
 * Sentences of a text, for the offline narrator's material and the extractive summary. A
 * sentence runs to its stops and the quotes or brackets that close after them (`"Not now."`,
 * `（好。）`), and an ellipsis is one stop, not three sentences: splitting right after the stop
 * left a quote's closing mark at the head of the next "sentence" (`" she asks.`).
 */

const SENTENCE = /[^.!?。！？…]+(?:[.!?。！？…]+["'”’」』)）*\]]*|$)/gu;

/** The sentences of one paragraph, punctuation kept, pieces without a letter or digit dropped. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const s = m[0].trim();
    if (s && /[\p{L}\p{N}]/u.test(s)) out.push(s);
  }
  return out;
}

/** Long enough that telling it twice word for word reads as a repeat, not a stock "He nods.": five words, or eight Han characters. */
export function substantial(sentence: string): boolean {
  return (sentence.match(/\p{Script=Han}/gu) ?? []).length >= 8 || sentence.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 5;
}

/** The substantial sentences of a text, paragraph by paragraph: what a reader would recognise if told again. */
export function substantialSentences(text: string): string[] {
  return text.split(/\n+/).flatMap(splitSentences).filter(substantial);
}

/** The last paragraph of a text (paragraphs apart by a blank line), trimmed: the line a reader answers. */
export function lastParagraph(text: string): string {
  return (
    text
      .trim()
      .split(/\n\s*\n/)
      .pop()
      ?.trim() ?? ''
  );
}
