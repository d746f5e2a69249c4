/**
 * Chinese fact patterns, anchored on 我 like the English ones on "I": what the player says of
 * someone else (他答应过我, 你的狗叫什么) is not theirs. Written in Chinese, whatever the pack's language.
 */
import type { Found, Pattern } from './fact-patterns.js';

const KIN =
  '哥哥|姐姐|弟弟|妹妹|妈妈|母亲|爸爸|父亲|好朋友|朋友|丈夫|妻子|老婆|老公|老师|师父|师傅|徒弟|儿子|女儿|爱人|恋人|未婚夫|未婚妻|敌人|表哥|表姐|表弟|表妹|叔叔|阿姨|爷爷|奶奶|外公|外婆|主人|队长|男朋友|女朋友';
const PETS = '狗狗|小狗|狗|小猫|猫咪|猫|马|鹦鹉|兔子|小鸟|鸟';
const RELATIONS = `${KIN}|${PETS}`;
/** Elders called by surname + title: 我蔡阿姨, 我聂叔叔. */
const TITLES = '叔叔|阿姨|伯伯|舅舅|姑姑|婶婶|姨妈|伯父|伯母|叔父|大爷|大妈';
/** Characters that end a clause or never start a surname. */
const NOT_SURNAME = '[^\\s，。！？、；：,.!?;:“”"「」（）()和与跟的在是也都就还被把给对向从为让叫说看想要会能这那个一不很最我你他她它们]';
/** A run of characters up to punctuation, a space or a conjunction. */
const WORD = '[^\\s，。！？、；：,.!?;:“”"「」（）()和与跟]';
/** A name: at most four characters, stopping at particles that follow names. */
const NAME = '[^\\s，。！？、；：,.!?;:“”"「」（）()和与跟很是的在了也就吗呢啊呀吧今，]{1,4}';
/** The object of a taste: up to eight characters, stopping at punctuation and sentence particles. */
const THING = '[^\\s，。！？、；：,.!?;:“”"「」（）()了吗呢啊吧呀]{1,8}';
const OCCUPATIONS =
  '铁匠|医生|大夫|郎中|演员|老师|教师|学生|农夫|农民|猎人|士兵|商人|厨师|侍卫|护士|警察|记者|画家|作家|歌手|剑客|书生|工人|木匠|渔夫|船夫|律师|侦探|法师|巫师|刺客|镖师|捕快|掌柜|店小二|乐师|程序员|工程师|司机|厨子|大厨|骑士|佣兵|守卫|护卫|保安';

/** The pronouns and demonstratives that make "我讨厌你这样" about the moment, not a taste. */
const NOT_THING = /^[你他她它我这那]/u;

const relation = (name: string, rel: string, player: string): Found | undefined =>
  /^[他她你它我个一很不在也都]/u.test(name) ? undefined : { text: `${name}是${player}的${rel}。`, subject: name, value: rel };

function promise(whole: string, content: string, player: string): Found | undefined {
  // "我答应你。" agrees to something said before; it commits to nothing the ledger can keep.
  if (content.replace(/^[过了你他她，,\s]+/u, '').length < 2) return undefined;
  const said = whole.trim();
  return { text: `${player}承诺：“${said}”。`, subject: said, value: '承诺' };
}

function taste(kind: '喜欢' | '讨厌' | '害怕', thing: string, player: string): Found | undefined {
  if (NOT_THING.test(thing)) return undefined;
  return { text: `${player}${kind}${thing}。`, subject: thing, value: kind };
}

export const CHINESE: Pattern[] = [
  {
    kind: 'name',
    regex: new RegExp(`(?:我叫|我的名字(?:是|叫)|(?:可以|就|请|都)叫我|吾乃|我乃|本人名叫)(${NAME})`, 'gu'),
    render: (m) => ({ text: `玩家角色名叫${m[1]}。`, subject: 'player', value: m[1] }),
  },
  { kind: 'relationship', regex: new RegExp(`(${WORD}{1,6})是我的?(${RELATIONS})`, 'gu'), render: (m, p) => relation(m[1], m[2], p) },
  {
    kind: 'relationship',
    regex: new RegExp(`我的?(${RELATIONS})(?:是|叫做|名叫|叫)(${NAME})`, 'gu'),
    render: (m, p) => relation(m[2], m[1], p),
  },
  {
    kind: 'relationship',
    regex: new RegExp(`我(?:有|养了?)(?:一个|一位|一只|一条|一匹|个|位|只|条|匹)?(${RELATIONS})[，,]?(?:叫做|名叫|叫)(${NAME})`, 'gu'),
    render: (m, p) => relation(m[2], m[1], p),
  },
  {
    kind: 'relationship',
    regex: new RegExp(`我(${NOT_SURNAME}(?:${TITLES}))`, 'gu'),
    render: (m, p) => ({ text: `${m[1]}是${p}的长辈。`, subject: m[1], value: '长辈' }),
  },
  { kind: 'promise', regex: /我(?:发誓|保证|答应过|答应|承诺|向你保证|许诺)([^。！？!?\n]*)/gu, render: (m, p) => promise(m[0], m[1], p) },
  { kind: 'promise', regex: /我(?:一定|必定|绝对)(?:会|要)([^。！？!?\n]{2,})/gu, render: (m, p) => promise(m[0], m[1], p) },
  {
    kind: 'promise',
    regex: /无论[^。！？!?\n]*?[，,]\s*(我们?(?:都|也)?会([^。！？!?\n]{2,}))/gu,
    render: (m, p) => promise(m[1], m[2], p),
  },
  {
    kind: 'possession',
    regex: new RegExp(`我(?:有|带着|拿着|随身带着|藏着|留着)((?:一|两|三)(?:把|个|本|块|枚|只|封|张|条|件|瓶|盏|根)(${WORD}{1,8}))`, 'gu'),
    render: (m, p) =>
      new RegExp(`^(?:${RELATIONS})`, 'u').test(m[2]) ? undefined : { text: `${p}有${m[1]}。`, subject: m[2], value: '拥有' },
  },
  {
    kind: 'place',
    regex: new RegExp(`我(来自|住在|出生在|出生于|生在|长在)(${WORD}{1,10})`, 'gu'),
    // "我住在这里很久了" points at the scene, not at a place the story can keep.
    render: (m, p) =>
      /^[这那]/u.test(m[2])
        ? undefined
        : m[1] === '住在'
          ? { text: `${p}住在${m[2]}。`, subject: 'home', value: m[2] }
          : { text: `${p}来自${m[2]}。`, subject: 'origin', value: m[2] },
  },
  {
    // "我是法国人", "我真的就是个可怜的英国人", "我是法国来的": a country, province, city or island the
    // player is of. The place must end as places do (国, 省, 市, 州, 岛, 镇, 村): "我是刚来的" and "我是个好人" name none.
    kind: 'place',
    regex:
      /我(?:真的|其实|本来|本|就|只|也|可)*是(?:从)?(?:个|一个|一名|一位)?(?:[^，。！？,.!?\s“”"]{1,6}的)?(\p{Script=Han}{1,4}?(?:国|省|市|州|岛|镇|村))(?:人|来的)/gu,
    render: (m, p) => ({ text: `${p}来自${m[1]}。`, subject: 'origin', value: m[1] }),
  },
  {
    kind: 'place',
    regex: new RegExp(`我(?:从小)?在(${WORD}{1,6}?)长大`, 'gu'),
    render: (m, p) => ({ text: `${p}在${m[1]}长大。`, subject: 'origin', value: m[1] }),
  },
  {
    kind: 'preference',
    regex: new RegExp(`我(?:也|还|就|最|很|特别|非常|真的|真|超|一直|挺|好)*(讨厌|喜欢|爱吃|爱喝|害怕|受不了|痛恨)(${THING})`, 'gu'),
    render: (m, p) => taste(/讨厌|受不了|痛恨/u.test(m[1]) ? '讨厌' : m[1] === '害怕' ? '害怕' : '喜欢', m[2], p),
  },
  {
    kind: 'preference',
    regex: new RegExp(`我(?:也|还)?(?:最|很|特别|非常|好)怕(${THING})`, 'gu'),
    render: (m, p) => taste('害怕', m[1], p),
  },
  {
    kind: 'other',
    regex: new RegExp(`(?:我|我叫${NAME}[，,])(?:可|也|本来)?是(?:个|一个|一名|一位|专业的|职业的?)*(${OCCUPATIONS})`, 'gu'),
    render: (m, p) => ({ text: `${p}是${m[1]}。`, subject: 'occupation', value: m[1] }),
  },
  {
    // "作为医生，我…", "身为骑士的我", "我身为捕快": a trade the player speaks from. Without 我 the
    // role may be the listener's ("作为医生，你应该…").
    kind: 'other',
    regex: new RegExp(
      `(?:我(?:作为|身为)(?:一名|一个|一位|个|名|位)?(${OCCUPATIONS})|(?:作为|身为)(?:一名|一个|一位|个|名|位)?(${OCCUPATIONS})(?:的我|[，,]?\\s*我))`,
      'gu',
    ),
    render: (m, p) => {
      const job = m[1] ?? m[2];
      return { text: `${p}是${job}。`, subject: 'occupation', value: job };
    },
  },
];
