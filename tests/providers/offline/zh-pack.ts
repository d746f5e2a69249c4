/**
 * A small Chinese world pack for the offline narrator's tests: the mini mill's shape, written in
 * Chinese, with a law whose forbidden words are Chinese.
 */
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';

export function zhPack(): WorldPack {
  return miniPack({
    id: 'qing-tea',
    title: '青瓦茶馆',
    language: 'zh',
    summary: '山城里的一间老茶馆，掌柜失踪了三天。',
    setting: '雾城是一座建在江边的山城。夜里只点油灯。茶馆的铜铃三天前就不响了。',
    laws: [
      { id: 'no-guns', text: '这个世界没有火器。', forbid: ['手枪', '步枪', '子弹'] },
      { id: 'dead', text: '死者不会复生。', forbid: ['复活'] },
    ],
    lore: [
      {
        id: 'bell',
        keys: ['铜铃'],
        secondary: [],
        selectiveLogic: 'and_any',
        text: '铜铃是掌柜的祖父挂上的，据说只在有客人说谎时才会沉默。',
        constant: false,
        priority: 5,
        enabled: true,
        caseSensitive: false,
        wholeWords: true,
        excludeKeys: [],
      },
      {
        id: 'river',
        keys: ['江边'],
        secondary: [],
        selectiveLogic: 'and_any',
        text: '天黑以后，雾城没有人会去江边。',
        constant: true,
        priority: 0,
        enabled: true,
        caseSensitive: false,
        wholeWords: true,
        excludeKeys: [],
      },
    ],
    characters: [
      {
        id: 'laochen',
        name: '陈伯',
        aliases: ['老陈'],
        persona: '茶馆的老伙计，嘴硬心软。',
        voice: '说话慢，声音低，爱用老话。',
        quirks: ['用抹布反复擦同一张桌子'],
        goals: ['找回失踪的掌柜'],
        secrets: ['他欠了{{user}}父亲一条命'],
        relations: { player: '看着长大的孩子' },
        examples: ['“{{user}}，夜深了，江上的雾可不认人。”', '{{char}}: “茶凉了，就别再续了。”', '{{user}}: 陈伯，你怎么了？'],
      },
      {
        id: 'suniang',
        name: '苏娘',
        aliases: ['苏掌柜'],
        persona: '对门酒肆的老板娘，精明。',
        voice: '笑着说话，字字算计。',
        quirks: ['指尖轻敲账本两下'],
        goals: ['买下茶馆'],
        secrets: ['她见过掌柜离开'],
        relations: { laochen: '老对头' },
        examples: ['“人情也是账，小妹妹，我只是记下来罢了。”'],
      },
    ],
    player: { name: '阿青', persona: '掌柜的女儿，从省城回来。', relations: { laochen: '长辈' } },
    openings: [
      {
        id: 'return',
        title: '归来',
        scene: '黄昏，茶馆门口，铜铃无声。',
        text: '你回来的时候，铜铃没有响。陈伯站在门口，手里提着油灯。',
        characters: ['laochen'],
      },
    ],
    threads: [{ id: 'bell', title: '铜铃', hook: '半夜里，铜铃自己响了。', beats: ['黄昏时传来一声微弱的铃响。', '铃声拼出了一个名字。'] }],
    style: { pov: 'second', tense: 'present', length: [80, 240], notes: [] },
  });
}
