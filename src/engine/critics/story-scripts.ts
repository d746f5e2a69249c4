/**
 * Which writing systems a story's language uses, and the cheap checks that keep the language
 * detector for the few sentences that need it: a sentence made of the story language's commonest
 * words is the story language, whatever its rarer words are.
 */

/** Scripts the mixed-language critic tells apart (Unicode script names). */
export const SCRIPTS = [
  'Latin',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Cyrillic',
  'Greek',
  'Arabic',
  'Hebrew',
  'Thai',
  'Devanagari',
  'Bengali',
  'Tamil',
  'Armenian',
  'Georgian',
  'Ethiopic',
] as const;
export type ScriptName = (typeof SCRIPTS)[number];

const BY_LANGUAGE: Record<string, ScriptName[]> = {
  zh: ['Han'],
  yue: ['Han'],
  wuu: ['Han'],
  cmn: ['Han'],
  ja: ['Han', 'Hiragana', 'Katakana'],
  ko: ['Hangul', 'Han'],
  ru: ['Cyrillic'],
  uk: ['Cyrillic'],
  be: ['Cyrillic'],
  bg: ['Cyrillic'],
  mk: ['Cyrillic'],
  kk: ['Cyrillic'],
  mn: ['Cyrillic'],
  sr: ['Cyrillic', 'Latin'],
  el: ['Greek'],
  ar: ['Arabic'],
  fa: ['Arabic'],
  ur: ['Arabic'],
  he: ['Hebrew'],
  yi: ['Hebrew'],
  th: ['Thai'],
  hi: ['Devanagari'],
  mr: ['Devanagari'],
  ne: ['Devanagari'],
  bn: ['Bengali'],
  ta: ['Tamil'],
  hy: ['Armenian'],
  ka: ['Georgian'],
  am: ['Ethiopic'],
};

/** The scripts a language is written in; any other language is taken to be written in Latin. */
export function scriptsOf(language: string): ReadonlySet<ScriptName> {
  return new Set(BY_LANGUAGE[language] ?? ['Latin']);
}

/** A regex for runs of letters in any of `scripts`, words joined by spaces or hyphens. */
export function runRegex(scripts: readonly ScriptName[]): RegExp {
  const cls = scripts.map((s) => `\\p{Script=${s}}`).join('');
  return new RegExp(`[${cls}](?:[${cls}\\p{M}\\p{N}'’-]|[ \\t]+(?=[${cls}]))*`, 'gu');
}

/** Words so common in English that a sentence made mostly of them is English. */
export const COMMON_WORDS: Record<string, ReadonlySet<string>> = {
  en: new Set(
    (
      'a about above across after again against ago ah all almost alone along already also although always am among an and another ' +
      'any anyone anything are around as ask at away back be because been before behind being below beside best better between ' +
      'both but by can cannot could dear did do does done down during each either else enough even ever every eyes face far few ' +
      'first for from get give go going gone good got great had hand hands has have he head her here hers herself him himself his ' +
      'how however i if in indeed into is it its itself just keep know last least left less let like little long look made make ' +
      'man many may me might mine more most much must my myself near never new next no nor not nothing now of off oh old on once ' +
      'one only or other our ours out over own perhaps please quite rather really right said same say see seems she should since ' +
      'so some something still such sure take than that the their theirs them themselves then there these they thing things ' +
      'think this those though through time to too toward towards under until up upon us very voice want was way we well were ' +
      'what when where whether which while who whom whose why will with within without would yes yet you your yours yourself ' +
      "i'm i'll i've i'd you're you'll you've you'd he's she's it's we're they're that's there's what's don't doesn't didn't " +
      "can't couldn't won't wouldn't isn't aren't wasn't weren't haven't hasn't hadn't shouldn't let's"
    ).split(/\s+/),
  ),
};
