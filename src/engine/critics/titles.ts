/**
 * Words that stand before a name without being one ("Mr Bennet", "Captain Reyes", "The Widow"): a
 * name's parts and first word are forms of the name, but not these, which every other name shares.
 */

const TITLE =
  /^(?:the|old|young|lady|lord|sir|dame|mister|mr|mrs|ms|miss|madam|madame|doctor|dr|professor|prof|reverend|rev|inspector|detective|captain|capt|colonel|col|sergeant|sgt|lieutenant|lt|commander|admiral|king|queen|prince|princess|master|mistress|father|mother|brother|sister|saint|st|uncle|aunt)\.?$/iu;

/** Whether `word` is a title or article, not a name of its own. */
export function isTitle(word: string): boolean {
  return TITLE.test(word.trim());
}
