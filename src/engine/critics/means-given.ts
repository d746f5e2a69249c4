/**
 * An ending that hands the player the way to do something, said as a rule rather than a command: "石像右眼，三叩即开"
 * (the statue's right eye; three knocks and it opens), "连按两下便亮", "Three knocks and it opens.", "Twist it twice and
 * the lid comes free." A count of some act, then what it opens or brings about: the player is told how, and doing it is
 * theirs. A result with no act counted ("门开了", "it opens at dawn") is a statement.
 */

const COUNT_ZH = '[一二两三四五六七八九十几数]';
// A counted act (三叩, 按两下, 转三圈, 敲三声), then 即/就/便 (可) and a result. The count must be of an act: "他三天就开了
//一家店" counts days and tells what happened.
const MEANS_ZH = new RegExp(
  String.raw`${COUNT_ZH}(?:下|次|声|遍|圈|回|叩|拜|击|敲|按|推|转)(?:之?后)?(?:即可|即|就|便)(?:可以?|能)?` +
    String.raw`(?:开|打开|开启|出现|现身|显现|通过|亮|响|进入|解开)`,
  'u',
);
// English: a count of some act, "and", then the thing giving way ("Three knocks and it opens", "Press twice and the
// panel slides back").
const MEANS_EN =
  /\b(?:once|twice|thrice|(?:two|three|four|five|six|seven)\s+(?:times|knocks|taps|turns|raps))\b[^.!?]{0,24}?\band\s+(?:it|the\s+\w+|a\s+\w+)\s+(?:will\s+)?(?:opens?|unlocks?|slides?\s+(?:open|back|aside)|swings?\s+open|gives?\s+way|comes?\s+free|lights?\s+up)\b/i;

/** The sentence tells the player how to make something happen. */
export function givesMeans(sentence: string): boolean {
  return MEANS_ZH.test(sentence) || MEANS_EN.test(sentence);
}
