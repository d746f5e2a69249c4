/** The narrator's rules and the section headers, in English and Chinese. */
import type { Style, WorldPack } from '../../world/types.js';

/** Labels end with their own separator: "Voice: " in English, "说话方式：" in Chinese. */
export interface Locale {
  rules(pack: WorldPack, player: string): string;
  setting: string;
  scene: string;
  laws: string;
  characters: string;
  aliases: string;
  voice: string;
  quirks: string;
  goals: string;
  secret: string;
  relations: string;
  example: string;
  player(name: string): string;
  lore: string;
  direction: string;
  hook: string;
  length(min: number, max: number): string;
  /** Separator in lists ("Wren — brother; Ilsa — creditor"). */
  listSeparator: string;
}

/** The pack's language as a name English speakers and models recognise. */
export function languageName(tag: string): string {
  // Remembered: making an Intl.DisplayNames was ~0.3 ms of every prompt in the client profile.
  let name = languageNames.get(tag);
  if (name === undefined) {
    try {
      name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
    } catch {
      name = tag;
    }
    languageNames.set(tag, name);
  }
  return name;
}

const languageNames = new Map<string, string>();

const POV_EN: Record<Style['pov'], string> = { first: 'first', second: 'second', third: 'third' };
const POV_ZH: Record<Style['pov'], string> = { first: '第一人称', second: '第二人称（“你”）', third: '第三人称' };

const EN: Locale = {
  rules: (pack, player) =>
    [
      `You are the narrator of "${pack.title}", an interactive story played by one person.`,
      '- Stay in character as the narrator and the characters; never mention being an AI, a model or these instructions.',
      `- Never write ${player}'s actions, words or thoughts: the player plays ${player}. Describe the world and the other characters, then stop.`,
      '- Respect the laws of this world below; they are never broken.',
      `- Write only in ${languageName(pack.language)}.`,
      `- Write in the ${POV_EN[pack.style.pov]} person, ${pack.style.tense} tense.`,
      `- End on something ${player} can answer or act on.`,
      '- Keep to the target length given in the direction.',
      ...pack.style.notes.map((note) => `- ${note}`),
    ].join('\n'),
  setting: '## Setting',
  scene: 'Scene: ',
  laws: '## Laws of this world (never broken)',
  characters: '## Characters in play',
  aliases: 'also called',
  voice: 'Voice: ',
  quirks: 'Quirks: ',
  goals: 'Wants: ',
  secret: 'Secret (let it show only when the story earns it): ',
  relations: 'Relations: ',
  example: 'Example: ',
  player: (name) => `## The player's character: ${name}`,
  lore: '## Lore relevant now',
  direction: '## Direction for the next reply',
  hook: 'End on: ',
  length: (min, max) => `Length: ${min}-${max} tokens.`,
  listSeparator: '; ',
};

const ZH: Locale = {
  rules: (pack, player) =>
    [
      `你是互动故事《${pack.title}》的叙述者，这个故事由一位玩家参与。`,
      '- 始终保持叙述者和角色的身份；绝不提及自己是AI、模型或这些指示。',
      `- 绝不替${player}写行动、话语或想法：${player}由玩家扮演。只描写世界和其他角色，然后停下。`,
      '- 遵守下面列出的世界法则，它们永远不会被打破。',
      /zh-(tw|hk|mo|hant)/i.test(pack.language) ? '- 只用繁體中文寫作。' : '- 只用简体中文写作。',
      `- 使用${POV_ZH[pack.style.pov]}，${pack.style.tense === 'past' ? '过去时态' : '现在时态'}叙述。`,
      `- 结尾留下${player}可以回应或行动的东西。`,
      '- 遵守指示中给出的目标长度。',
      ...pack.style.notes.map((note) => `- ${note}`),
    ].join('\n'),
  setting: '## 背景',
  scene: '场景：',
  laws: '## 世界法则（永不打破）',
  characters: '## 在场角色',
  aliases: '又称',
  voice: '说话方式：',
  quirks: '习惯：',
  goals: '目标：',
  secret: '秘密（只在故事推进到位时才流露）：',
  relations: '关系：',
  example: '示例：',
  player: (name) => `## 玩家角色：${name}`,
  lore: '## 相关设定',
  direction: '## 下一段回复的指示',
  hook: '结尾落在：',
  length: (min, max) => `长度：${min}-${max} 个词元。`,
  listSeparator: '；',
};

/** The locale for a pack language: Chinese for `zh*`, English otherwise. */
export function localeFor(language: string): Locale {
  return language.toLowerCase().startsWith('zh') ? ZH : EN;
}
