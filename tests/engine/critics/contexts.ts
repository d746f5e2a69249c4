/**
 * Contexts for the critic tests: the English mini pack, and a small Chinese pack with the same
 * shape (林晚 the player, 林风 her older brother, 伊莎 the widow), so every critic is exercised in
 * a language written without spaces.
 */
import type { CriticContext } from '../../../src/engine/critics/context.js';
import type { Fact, Plan } from '../../../src/engine/types.js';
import type { Rating, WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { loadLanguageDetector } from '../../../src/engine/critics/language-id.js';

// The critics' tests call them directly, as a session does only after awaiting the detector.
await loadLanguageDetector();

export function zhPack(overrides: Partial<WorldPack> = {}): WorldPack {
  const base = miniPack();
  return {
    ...base,
    id: 'mini-mill-zh',
    title: '小磨坊',
    language: 'zh-CN',
    summary: '一个水车停转、没人肯说原因的磨坊小镇。',
    setting: '邓马罗是寒河边的磨坊小镇。灯里烧的是萤火虫油。大水车三天前停了。',
    laws: [
      { id: 'no-electricity', text: '这里没有电，光来自萤火灯。', forbid: ['电灯', '手机', '手电筒'] },
      { id: 'dead-stay-dead', text: '死者不会复生，也不会说话。', forbid: ['复活'] },
    ],
    characters: [
      {
        ...base.characters[0],
        id: 'linfeng',
        name: '林风',
        aliases: ['阿风'],
        persona: '磨坊主的儿子，疲惫，护短，藏着一笔债。',
        relations: { player: '妹妹', ilsa: '债主' },
      },
      {
        ...base.characters[1],
        id: 'ilsa',
        name: '伊莎·莫罗',
        aliases: ['伊莎', 'Ilsa', 'Ilsa Morrow', '寡妇'],
        persona: '放贷记账的寡妇。',
        relations: { linfeng: '欠债人' },
      },
    ],
    openings: [
      {
        id: 'homecoming',
        title: '归家',
        scene: '黄昏，磨坊院子，水车静止。',
        text: '你回家的时候，水车一动不动。林风提着灯站在院子里，没有笑。“你来了，”他说。',
        characters: ['linfeng'],
      },
      {
        id: 'the-ledger',
        title: '账本',
        scene: '伊莎的客厅，雨打玻璃。',
        text: '伊莎给你倒了一杯你没要的茶。“你哥哥欠我不少，”她说，“谈谈吧？”',
        characters: ['ilsa'],
      },
    ],
    player: { name: '林晚', persona: '林风的妹妹，离家五年后从城里回来。', relations: { linfeng: '哥哥' } },
    ...overrides,
  };
}

export interface CaseContext {
  input?: string;
  recent?: string[];
  facts?: Fact[];
  target?: [number, number];
  rating?: Rating;
}

const packs = new Map<string, WorldPack>();

function packFor(lang: 'en' | 'zh', rating?: Rating): WorldPack {
  // One pack object per language and rating, as in a session: the critics cache per pack object.
  const key = `${lang}:${rating ?? ''}`;
  let pack = packs.get(key);
  if (!pack) {
    const overrides = rating ? { rating } : {};
    pack = lang === 'en' ? miniPack(overrides) : zhPack(overrides);
    packs.set(key, pack);
  }
  return pack;
}

function plan(target: [number, number]): Plan {
  return {
    beat: 'deepen',
    cadence: 'steady',
    directive: '',
    targetLength: target,
    tension: 0.5,
    actors: [],
    hook: '',
    reason: '',
  };
}

/** A critic context for one labelled case. */
export function contextFor(lang: 'en' | 'zh', c: CaseContext = {}): CriticContext {
  const pack = packFor(lang, c.rating);
  const recent = c.recent ?? [];
  return {
    pack,
    persona: pack.player,
    ...(c.target ? { plan: plan(c.target) } : {}),
    playerInput: c.input ?? (lang === 'en' ? 'I ask Wren why the wheel stopped.' : '我问林风水车为什么停了。'),
    recentReplies: recent,
    history: recent.map((text, i) => ({ role: 'narrator' as const, text, turn: i })),
    facts: c.facts ?? [],
    turn: recent.length + 1,
  };
}
