/**
 * Extractive fact finding in the player's own words: names, relationships, promises, possessions
 * and places, in English and Chinese. Deliberately conservative: a missed fact can be pinned with
 * `/remember`, a wrong one pollutes every later prompt.
 */
import { hashSeed } from '../random.js';
import type { Fact, FactKind } from '../types.js';

const RELATIONS_EN = [
  'best friend', 'older brother', 'younger brother', 'older sister', 'younger sister', 'little brother',
  'little sister', 'big brother', 'big sister', 'twin', 'mother', 'father', 'mom', 'mum', 'dad', 'sister',
  'brother', 'son', 'daughter', 'wife', 'husband', 'friend', 'lover', 'partner', 'fiancé', 'fiancée',
  'fiance', 'fiancee', 'uncle', 'aunt', 'cousin', 'grandmother', 'grandfather', 'grandma', 'grandpa',
  'niece', 'nephew', 'mentor', 'master', 'apprentice', 'enemy', 'rival', 'boss', 'teacher', 'student',
  'captain', 'guardian', 'dog', 'cat', 'horse',
];
const REL_EN = RELATIONS_EN.map((r) => r.replace(/ /g, '\\s+')).join('|');
/** A capitalised name of one or two words. */
const NAME_EN = "[A-Z][\\p{L}'\\-]+(?:\\s+[A-Z][\\p{L}'\\-]+)?";
/** Capitalised words that follow "I'm" without being names. */
const NOT_NAMES = new Set(['I', 'Not', 'So', 'Sorry', 'Here', 'Fine', 'Okay', 'OK', 'Just', 'Still', 'Back', 'Home', 'Ready', 'Sure', 'Done', 'Going', 'The', 'A', 'An', 'Your', 'His', 'Her', 'Their', 'Very', 'Really', 'Too', 'English', 'French', 'German', 'American', 'British', 'Chinese', 'Human', 'Afraid', 'Glad']);
const POSSESSION_STOP = /^(feeling|bad feeling|question|moment|minute|second|headache|look|word|few questions|hunch|right|chance|lot)\b/i;

const RELATIONS_ZH = '哥哥|姐姐|弟弟|妹妹|妈妈|母亲|爸爸|父亲|朋友|好朋友|丈夫|妻子|老婆|老公|老师|师父|师傅|徒弟|儿子|女儿|爱人|恋人|未婚夫|未婚妻|敌人|表哥|表姐|表弟|表妹|叔叔|阿姨|爷爷|奶奶|外公|外婆|主人|队长';
/** A run of characters up to punctuation, a space or a conjunction. */
const ZH_WORD = '[^\\s，。！？、；：,.!?;:“”"「」和与跟]';
/** A Chinese name: at most four characters, stopping at particles that follow names. */
const ZH_NAME = '[^\\s，。！？、；：,.!?;:“”"「」和与跟很是的在了也就吗呢啊呀吧今]{1,4}';

interface Pattern {
  kind: FactKind;
  regex: RegExp;
  render: (m: RegExpExecArray, player: string) => string | undefined;
}

const trimClause = (text: string, words = 8): string =>
  text.trim().split(/\s+/).slice(0, words).join(' ').replace(/[\s,;:]+$/, '');

const ENGLISH: Pattern[] = [
  { kind: 'name', regex: new RegExp(`\\b(?:[Mm]y name is|[Mm]y name's|[Cc]all me|[Tt]hey call me|[Nn]ame's)\\s+(${NAME_EN})`, 'gu'), render: (m) => `The player's character is named ${m[1]}.` },
  {
    kind: 'name', regex: new RegExp(`\\bI(?:'m| am)\\s+(${NAME_EN})\\b`, 'gu'),
    render: (m) => (NOT_NAMES.has(m[1].split(/\s+/)[0]) || /'s$/.test(m[1]) ? undefined : `The player's character is named ${m[1]}.`),
  },
  { kind: 'relationship', regex: new RegExp(`\\b(${NAME_EN}) is my (${REL_EN})\\b`, 'gu'), render: (m, p) => `${m[1]} is ${p}'s ${fold(m[2])}.` },
  {
    kind: 'relationship', regex: new RegExp(`\\b[Mm]y (${REL_EN}),?\\s+(?:is\\s+|was\\s+|named\\s+|called\\s+)?(${NAME_EN})`, 'gu'),
    render: (m, p) => `${m[2]} is ${p}'s ${fold(m[1])}.`,
  },
  {
    kind: 'relationship', regex: new RegExp(`\\bI(?:'m| am)\\s+(${NAME_EN})'s\\s+(${REL_EN})\\b`, 'gu'),
    render: (m, p) => `${p} is ${m[1]}'s ${fold(m[2])}.`,
  },
  { kind: 'promise', regex: /\bI\s+(promise|swear|vow|give you my word)\b([^.!?\n]*)/giu, render: (m, p) => `${p} promised: "${trimSentence(m[0])}".` },
  {
    kind: 'possession', regex: /\bI\s+(?:have|carry|keep|own|hold|still have|brought)\s+((?:a|an|the|my|two|three|some|this|that)\s+(?:(?!\s(?:and|but|while|so|then|because)\s)[^.,!?;\n])+)/giu,
    render: (m, p) => {
      const what = trimClause(m[1], 6);
      const noun = what.replace(/^(a|an|the|my|two|three|some|this|that)\s+/i, '');
      return POSSESSION_STOP.test(noun) ? undefined : `${p} has ${what.replace(/^my\s+/i, 'their ')}.`;
    },
  },
  {
    kind: 'place', regex: /\bI(?:'m| am)? ?(?:live|lived|grew up|was born|come|came|am from|'m from|live in)\s*(?:in|at|from)?\s+((?:the\s+)?[A-Z][^.,!?;\n]*)/gu,
    render: (m, p) => `${p} is from / lives in ${trimClause(m[1], 5)}.`,
  },
];

const CHINESE: Pattern[] = [
  { kind: 'name', regex: new RegExp(`(?:我叫|我的名字(?:是|叫)|叫我)(${ZH_NAME})`, 'gu'), render: (m) => `玩家角色名叫${m[1]}。` },
  { kind: 'relationship', regex: new RegExp(`(${ZH_WORD}{1,6})是我的?(${RELATIONS_ZH})`, 'gu'), render: (m, p) => (m[1].startsWith('他') || m[1].startsWith('她') || m[1] === '你' ? undefined : `${m[1]}是${p}的${m[2]}。`) },
  {
    kind: 'relationship', regex: new RegExp(`我的?(${RELATIONS_ZH})(?:是|叫|名叫)(${ZH_NAME})`, 'gu'),
    render: (m, p) => (/^[个一很不在也都]/.test(m[2]) ? undefined : `${m[2]}是${p}的${m[1]}。`),
  },
  { kind: 'promise', regex: /我(?:发誓|保证|答应你|答应|承诺|向你保证)[^。！？!?\n]*/gu, render: (m, p) => `${p}承诺：“${m[0].trim()}”。` },
  {
    kind: 'possession', regex: new RegExp(`我(?:有|带着|拿着|随身带着|藏着|留着)((?:一|两|三)(?:把|个|本|块|枚|只|封|张|条|件|瓶|盏|根)${ZH_WORD}{1,8})`, 'gu'),
    render: (m, p) => `${p}有${m[1]}。`,
  },
  { kind: 'place', regex: new RegExp(`我(?:来自|住在|出生在|生在|长在)(${ZH_WORD}{1,10})`, 'gu'), render: (m, p) => `${p}来自/住在${m[1]}。` },
];

function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

function trimSentence(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length > 24 ? `${words.slice(0, 24).join(' ')}…` : words.join(' ');
}

/** A stable id for a fact, so the same words give the same id across runs. */
export function factId(kind: FactKind, text: string): string {
  return `f-${kind.slice(0, 3)}-${hashSeed(kind, normaliseFact(text)).toString(36)}`;
}

/** The form facts are compared in when deduplicating. */
export function normaliseFact(text: string): string {
  return text.toLowerCase().replace(/[\s"“”'’.。!！?？,，]+/g, ' ').trim();
}

/**
 * Facts the player established in `text` at `turn`, deduplicated. `language` picks the phrasing
 * of the facts (`zh` writes them in Chinese); both languages' patterns are always tried, since
 * players mix them.
 */
export function extractFacts(text: string, turn: number, playerName: string, language: string): Fact[] {
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const zh = language.toLowerCase().startsWith('zh');
  for (const pattern of zh ? [...CHINESE, ...ENGLISH] : [...ENGLISH, ...CHINESE]) {
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m; m = pattern.regex.exec(text)) {
      const rendered = pattern.render(m, playerName);
      if (!rendered) continue;
      const key = normaliseFact(rendered);
      if (seen.has(key)) continue;
      seen.add(key);
      facts.push({ id: factId(pattern.kind, rendered), text: rendered, kind: pattern.kind, turn, source: 'player' });
    }
  }
  return facts;
}
