/**
 * The era a law puts the story in, read from the law's own words: "Nothing invented after 1827",
 * "Rome in the 40s BC", "the 1990s", "春秋末期（公元前六世纪末）", "十九世纪四十年代", "古代 ...
 * 没有任何近代器物". A law only has an era when it both names a time and says that later
 * things do not exist; a law that merely mentions a year ("she thinks it is 1994") has none.
 */

/** The latest year (negative for BC) a law allows, or null when the law does not bound an era. */
export function lawEra(text: string): number | null {
  if (!LATER_DENIED.test(text)) return null;
  const years = [...englishYears(text), ...chineseYears(text)];
  if (years.length === 0) return null;
  return Math.max(...years);
}

// "nothing ... after", "no modern ...", "before ...", 没有任何后世/现代/近代 ...
const LATER_DENIED =
  /\b(?:nothing|no|none)\b[^.;]{0,80}\b(?:after|later|since|modern|invented)\b|\bbefore (?:the )?(?:\d|invention)|\bpre-?(?:modern|industrial)\b|没有(?:任何)?(?:后世|现代|近代|后来)|(?:后世|现代|近代)的?(?:器物|知识|科技|东西)(?:都)?不(?:存在|会出现)/iu;

function englishYears(text: string): number[] {
  const out: number[] = [];
  // "73-71 BC", "44 BC", "the 40s BC", "400 BCE"
  for (const m of text.matchAll(/\b(\d{1,4})(s)?\s*(BC|BCE|AD|CE)\b/g)) {
    const n = Number(m[1]);
    const bc = m[3] === 'BC' || m[3] === 'BCE';
    out.push(bc ? -n : n + (m[2] ? 9 : 0));
  }
  // "1820s", "1827", "the 1990s" (four digits, not followed by BC)
  for (const m of text.matchAll(/\b(1\d{3}|20\d{2})(s)?\b(?!\s*(?:BC|BCE))/g)) out.push(Number(m[1]) + (m[2] ? 9 : 0));
  for (const [word, year] of ERA_WORDS) if (word.test(text)) out.push(year);
  return out;
}

const ERA_WORDS: Array<[RegExp, number]> = [
  [/\b(?:stone|bronze) age\b/i, -1000],
  [/\biron age\b/i, -100],
  [/\b(?:antiquity|ancient)\b/i, 400],
  [/\b(?:medieval|middle ages)\b/i, 1500],
  [/\brenaissance\b/i, 1600],
  [/\bpre-?industrial\b/i, 1760],
  [/\bvictorian\b/i, 1900],
];

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 六 -> 6, 十九 -> 19, 二十一 -> 21, and Arabic digits. */
function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 && s in DIGITS ? DIGITS[s] : null;
  const tens = ten === 0 ? 1 : DIGITS[s.slice(0, ten)];
  const ones = ten === s.length - 1 ? 0 : DIGITS[s.slice(ten + 1)];
  return tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

// Dynasties and periods with the year they ended.
const PERIODS: Array<[RegExp, number]> = [
  [/夏朝|夏代/, -1600],
  [/商朝|商代|殷商/, -1046],
  [/西周/, -771],
  [/东周/, -256],
  [/春秋/, -476],
  [/战国/, -221],
  [/秦朝|秦代/, -207],
  [/汉朝|汉代|西汉|东汉/, 220],
  [/三国/, 280],
  [/晋朝|西晋|东晋/, 420],
  [/南北朝/, 589],
  [/隋朝|隋代/, 618],
  [/唐朝|唐代|大唐/, 907],
  [/五代十国/, 960],
  [/宋朝|宋代|北宋|南宋/, 1279],
  [/元朝|元代/, 1368],
  [/明朝|明代|大明/, 1644],
  [/清朝|清代|大清/, 1911],
  [/民国/, 1949],
  [/古代|上古|远古/, 1840],
  [/中世纪|剑与魔法/, 1500],
];

const NUM = '(\\d+|[〇零一二两三四五六七八九十]+)';

function chineseYears(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(new RegExp(`(公元前)?${NUM}世纪(?:${NUM}十?年代)?`, 'gu'))) {
    const century = chineseNumber(m[2]);
    if (century === null) continue;
    if (m[1]) {
      out.push(-(century - 1) * 100);
      continue;
    }
    const decade = m[3] ? chineseNumber(m[3]) : null;
    out.push((century - 1) * 100 + (decade !== null ? decade + 9 : 99));
  }
  for (const m of text.matchAll(new RegExp(`(公元前)?${NUM}年(?!代)`, 'gu'))) {
    const n = chineseNumber(m[2]);
    if (n !== null && (m[1] || n >= 100)) out.push(m[1] ? -n : n);
  }
  for (const [word, year] of PERIODS) if (word.test(text)) out.push(year);
  return out;
}
