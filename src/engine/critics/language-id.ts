/**
 * Language identification for the mixed-language critic, from `eld` (Efficient Language
 * Detector): byte n-gram scores over 60 languages, accurate on sentences of a few words where
 * trigram detectors guess. The extra-small database (about 1 MB, ~0.2 s to evaluate) is loaded by
 * `loadLanguageDetector`, off the start-up path: a session awaits it before its first critique
 * (or while the player reads the opening), never before the first frame.
 */
type Eld = (typeof import('eld/extrasmall'))['eld'];

let detector: Eld | undefined;
let loading: Promise<void> | undefined;
let known: Set<string> | undefined;

/** Loads the detector once; every caller of the critics awaits this first (it is idempotent). */
export function loadLanguageDetector(): Promise<void> {
  return (loading ??= import('eld/extrasmall').then((m) => {
    detector = m.eld;
  }));
}

function eld(): Eld {
  if (!detector) throw new Error('The language detector is not loaded yet: await loadLanguageDetector() before running the critics.');
  return detector;
}

export interface LanguageGuess {
  /** ISO 639-1 code of the best language, '' when nothing was recognised. */
  language: string;
  /** eld's own verdict on whether the text carried enough evidence. */
  reliable: boolean;
  /** Best score minus the story language's score (0..1): how clearly it is not the story's. */
  margin: number;
}

/** The primary subtag of a BCP 47 tag, lower-cased: "en-GB" -> "en", "zh-Hans-CN" -> "zh". */
export function primaryLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** Whether the detector can recognise `language` (a primary subtag) at all. */
export function knownLanguage(language: string): boolean {
  known ??= new Set<string>(Object.values(eld().info().Languages));
  return known.has(language);
}

/** Identifies the language of `text` and compares it with `storyLanguage` (a primary subtag). */
export function identifyLanguage(text: string, storyLanguage: string): LanguageGuess {
  const result = eld().detect(text);
  if (!result.language) return { language: '', reliable: false, margin: 0 };
  const scores = result.getScores();
  const best = scores[result.language] ?? 0;
  const story = scores[storyLanguage] ?? 0;
  return { language: result.language, reliable: result.isReliable(), margin: Math.max(0, best - story) };
}
