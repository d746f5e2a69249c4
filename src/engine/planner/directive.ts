/**
 * The directive's wording, in the pack's language: one line per concern (beat, cadence, actors,
 * thread, pivot, hook), each with a fixed prefix so the carousel can swap the beat and cadence
 * lines for a variant without knowing the pack.
 */
import type { Beat, Cadence } from '../types.js';
import type { PivotKind } from './pivots.js';

export type DirectiveLanguage = 'en' | 'zh';

/** Chinese for zh packs; English for everything else. */
export function directiveLanguage(packLanguage: string): DirectiveLanguage {
  return /^(zh|cmn|yue|wuu)\b/i.test(packLanguage) ? 'zh' : 'en';
}

/** The language a directive was written in, read back from its text. */
export function languageOfDirective(directive: string): DirectiveLanguage {
  if (/^(情节|节奏)：/mu.test(directive)) return 'zh';
  if (/^(Beat|Cadence): /mu.test(directive)) return 'en';
  return /\p{Script=Han}/u.test(directive) ? 'zh' : 'en';
}

const BEAT_TEXT: Record<DirectiveLanguage, Record<Beat, string>> = {
  en: {
    escalate: 'escalate: raise the stakes; a threat sharpens or someone makes a move, and the danger is now.',
    complicate: 'complicate: put a new obstacle or a cost in the way of what the player is trying to do.',
    reveal: 'reveal: bring one new fact, secret or clue into the open, shown through action or dialogue.',
    breathe: 'breathe: let the moment rest; small gestures, the senses, what is left unsaid. Nothing new attacks.',
    deepen: 'deepen: turn to a relationship; let a character show something personal, a doubt, a memory, a want.',
    resolve: 'resolve: settle one open strand so the player feels progress, and leave the wider story open.',
  },
  zh: {
    escalate: '升级——提高赌注：威胁逼近，或有人采取行动，危险就在眼前。',
    complicate: '复杂化——给玩家正在做的事添上新的阻碍或代价。',
    reveal: '揭示——通过行动或对话，让一个新的事实、秘密或线索浮出水面。',
    breathe: '喘息——让这一刻停留：细小的动作、感官、未说出口的话。不要有新的威胁。',
    deepen: '深化——转向人物关系：让角色流露一点私人的东西，一个疑虑、一段回忆、一个渴望。',
    resolve: '收束——了结一条悬而未决的线，让玩家感到进展，同时让更大的故事保持开放。',
  },
};

const CADENCE_TEXT: Record<DirectiveLanguage, Record<Cadence, string>> = {
  en: {
    gentle: 'gentle: unhurried, a few lingering paragraphs; let pauses and small details carry the scene.',
    steady: 'steady: an even pace; one clear development, grounded in concrete detail.',
    bold: 'bold: brisk, short paragraphs; things happen on the page, no lingering, no recap.',
  },
  zh: {
    gentle: '舒缓——不急不慢，几段从容的描写；让停顿和细节撑起场景。',
    steady: '平稳——匀速推进；一个清楚的进展，落在具体的细节上。',
    bold: '明快——短段落，事情直接发生，不拖沓，不复述。',
  },
};

const PREFIX = {
  en: {
    beat: 'Beat: ',
    cadence: 'Cadence: ',
    actors: 'Actors: ',
    answer: 'Answer first: ',
    thread: 'Thread: ',
    goal: 'Goal: ',
    pivot: 'Pivot: ',
    hook: 'End on: ',
  },
  zh: {
    beat: '情节：',
    cadence: '节奏：',
    actors: '人物：',
    answer: '先回应：',
    thread: '线索：',
    goal: '目标：',
    pivot: '转折：',
    hook: '结尾：',
  },
} as const;

const PIVOT_TEXT: Record<DirectiveLanguage, Record<PivotKind, string>> = {
  en: {
    confession: 'the player has just confessed something; give it room and let the characters answer it honestly.',
    vow: 'the player has just made a vow; let it stand, and let the characters answer it in kind before anything else happens.',
    grief: 'the player is speaking of a loss; slow down, be gentle, and do not hurry past the grief.',
    reunion: 'this is a reunion; let the characters take in the moment before anything else happens.',
    apology: 'the player has apologised; let the apology land and the other character weigh it.',
    distress: 'the player is in tears or pleading; slow down and let the characters answer the feeling before anything else happens.',
  },
  zh: {
    confession: '玩家刚刚吐露心声；给它留出空间，让角色真诚地回应。',
    vow: '玩家刚刚许下誓言；让它立住，先让角色郑重回应，再发生别的事。',
    grief: '玩家在谈论失去；放慢，温柔一些，不要匆匆略过悲伤。',
    reunion: '这是一次重逢；先让角色好好感受这一刻，再发生别的事。',
    apology: '玩家道歉了；让这句道歉落地，让对方掂量它。',
    distress: '玩家在流泪或恳求；放慢，先让角色回应这份情绪，再发生别的事。',
  },
};

const HOOK_TEXT: Record<DirectiveLanguage, Record<Beat, string>> = {
  en: {
    escalate: 'a threat or demand from {actor} that {player} must answer now',
    complicate: 'a new obstacle that forces {player} to choose',
    reveal: 'what the revelation means for {player}, left as an open question',
    breathe: 'a quiet, open moment: a look or a small question from {actor}',
    deepen: 'a personal question from {actor} to {player}',
    resolve: 'a settled moment with a hint of what comes next for {player}',
  },
  zh: {
    escalate: '{actor}提出威胁或要求，{player}必须立刻回应',
    complicate: '一个新的阻碍，逼{player}做出选择',
    reveal: '这个发现对{player}意味着什么，留作一个悬而未决的问题',
    breathe: '一个安静而开放的瞬间：{actor}的一个眼神或一个小小的问题',
    deepen: '{actor}向{player}提出一个私人的问题',
    resolve: '一个尘埃落定的时刻，并暗示{player}接下来会遇到什么',
  },
};

/** The hook for a beat, with names filled in. */
export function hookFor(lang: DirectiveLanguage, beat: Beat, actor: string, player: string): string {
  return HOOK_TEXT[lang][beat].replaceAll('{actor}', actor).replaceAll('{player}', player);
}

/** The hook when a thread's beat comes in: the new turn of events, left for the player. */
export function threadHook(lang: DirectiveLanguage, threadBeat: string, player: string): string {
  const beat = threadBeat.trim().replace(/[.。!！;；]+$/u, '');
  return lang === 'zh' ? `新的变化（${beat}），留给${player}去回应` : `the new turn of events (${beat}), left for ${player} to react to`;
}

/** The hook when a character acts on a goal for a waiting player: what they did, left for the player. */
export function goalHook(lang: DirectiveLanguage, actor: string, player: string): string {
  return lang === 'zh' ? `${actor}刚刚的举动，留给${player}去回应` : `what ${actor} has just done, left for ${player} to react to`;
}

export function beatLine(lang: DirectiveLanguage, beat: Beat): string {
  return PREFIX[lang].beat + BEAT_TEXT[lang][beat];
}

export function cadenceLine(lang: DirectiveLanguage, cadence: Cadence): string {
  return PREFIX[lang].cadence + CADENCE_TEXT[lang][cadence];
}

export interface DirectiveParts {
  lang: DirectiveLanguage;
  beat: Beat;
  cadence: Cadence;
  /** Display names, leader first. */
  actors: string[];
  /** `hook` is the thread's premise, given when its first beat comes in. */
  thread?: { title: string; beat: string; hook?: string };
  /** A character (display name) acting on a goal, when a waiting player has spent every thread. */
  goal?: { actor: string; goal: string };
  pivot?: PivotKind;
  /** The player's questions this turn, quoted (planner/questions.ts). */
  questions?: string;
  hook: string;
  player: string;
}

function actorsLine(lang: DirectiveLanguage, actors: string[]): string | undefined {
  if (actors.length === 0) return undefined;
  const [lead, ...others] = actors;
  if (lang === 'zh') return `${PREFIX.zh.actors}由${lead}主导${others.length > 0 ? `；${others.join('、')}可以回应` : ''}。`;
  return `${PREFIX.en.actors}${lead} takes the lead${others.length > 0 ? `; ${others.join(', ')} may answer` : ''}.`;
}

/** The full directive for the prompt: what should happen, at what cadence, who acts, the hook. */
export function renderDirective(parts: DirectiveParts): string {
  const { lang } = parts;
  const lines = [beatLine(lang, parts.beat), cadenceLine(lang, parts.cadence)];
  const actors = actorsLine(lang, parts.actors);
  if (actors) lines.push(actors);
  if (parts.questions) {
    lines.push(
      lang === 'zh'
        ? `${PREFIX.zh.answer}${parts.player}问了「${parts.questions}」；先接住这个问题，再让别的事发生。`
        : `${PREFIX.en.answer}${parts.player} asked "${parts.questions}"; take that up before anything else happens.`,
    );
  }
  if (parts.thread) {
    lines.push(
      lang === 'zh'
        ? `${PREFIX.zh.thread}引入「${parts.thread.title}」${parts.thread.hook ? `（${parts.thread.hook}）` : ''}的下一步：${parts.thread.beat}`
        : `${PREFIX.en.thread}bring in the next beat of "${parts.thread.title}"${parts.thread.hook ? ` (${parts.thread.hook})` : ''}: ${parts.thread.beat}`,
    );
  }
  if (parts.goal) {
    lines.push(
      lang === 'zh'
        ? `${PREFIX.zh.goal}${parts.goal.actor}为自己想要的（${parts.goal.goal}）采取行动，不等${parts.player}开口。`
        : `${PREFIX.en.goal}${parts.goal.actor} acts on what they want (${parts.goal.goal}) without waiting for ${parts.player}.`,
    );
  }
  if (parts.pivot) lines.push(PREFIX[lang].pivot + PIVOT_TEXT[lang][parts.pivot]);
  lines.push(PREFIX[lang].hook + parts.hook + (lang === 'zh' ? '。' : '.'));
  lines.push(
    lang === 'zh'
      ? `只写角色和世界的言行；不要替${parts.player}说话、行动或思考。`
      : `Write only what the characters and the world do; never speak, act or think for ${parts.player}.`,
  );
  return lines.join('\n');
}

/**
 * Replaces the beat and/or cadence line of a directive, keeping everything else; a directive not
 * written by renderDirective (the neutral plan's) gets the changed lines in front.
 */
export function restyleDirective(directive: string, change: { beat?: Beat; cadence?: Cadence }): string {
  const lang = languageOfDirective(directive);
  const lines = directive.split('\n');
  const front: string[] = [];
  const replace = (prefix: string, line: string): void => {
    const at = lines.findIndex((l) => l.startsWith(prefix));
    if (at >= 0) lines[at] = line;
    else front.push(line);
  };
  if (change.beat) replace(PREFIX[lang].beat, beatLine(lang, change.beat));
  if (change.cadence) replace(PREFIX[lang].cadence, cadenceLine(lang, change.cadence));
  return [...front, ...lines].join('\n');
}
