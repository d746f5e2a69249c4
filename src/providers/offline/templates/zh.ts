/**
 * 中文叙述模板。人物只以第三人称行动；玩家只被注视、等待或询问，从不作为动作、言语或念头的主语。
 */
import type { Templates } from './types.js';

const MANNERS: Array<[RegExp, string]> = [
  [/轻|低|柔|缓|静/, '低声'],
  [/冷|淡|硬/, '淡淡地'],
  [/急|快/, '飞快地'],
  [/笑|戏|俏/, '笑着'],
  [/严|正|板/, '一字一句地'],
  [/whisper|soft|quiet|gentle/i, '低声'],
  [/dry|cold|flat/i, '淡淡地'],
];

export const zh: Templates = {
  ackQuestion: ({ name, topic }) => [
    `说到${topic}，${name}忽然沉默了。`,
    `${name}把${topic}这件事在心里掂量了很久。`,
    `“${topic}……”${name}低声重复了一遍。`,
    `${name}避开你的目光，片刻后才又看回来。`,
  ],
  ackAction: ({ name, topic }) => [
    `${name}的目光跟着落到${topic}上。`,
    `${name}看着${topic}，一时没有作声。`,
    `${topic}的事，${name}都看在眼里。`,
    `${name}慢慢打量着${topic}，像在看天色。`,
  ],
  ackEcho: ({ name, topic }) => [
    // "谁写的？……" doubles the pause: a question keeps its own mark.
    `“${topic}${/[？?！!]$/.test(topic) ? '' : '……'}”${name}把这句话低声重复了一遍。`,
    `“${topic}”——${name}把这几个字在心里过了一遍。`,
    // The quote closes its own sentence: "……秘密”云娘把……" would run into the next one.
    `${name}听清了：“${topic}${/[？?！!。…]$/.test(topic) ? '' : '。'}”`,
  ],
  ackTold: ({ name, topic }) => [
    `说到${topic}，${name}抬起了头。`,
    `${name}听你说完，把${topic}这几个字记在了心里。`,
    `“${topic}……”${name}低声念了一句。`,
  ],
  // The clause keeps its subject, "你": a bare "等着——" reads like a note, not a sentence.
  ackDoing: ({ name, topic }) => [
    `${name}看着你${topic}，没有作声。`,
    `你${topic}，${name}都看在眼里。`,
    `见你${topic}，${name}没有说什么。`,
    // "你笑着……" reads to the critics as narrating the player: this one keeps 你 after the clause.
    `${name}看着${topic}的你，没有作声。`,
  ],
  ackTerse: ({ name, terse }) =>
    terse === 'assent'
      ? [`${name}点点头，算是听到了你的答复。`, `${name}把这当成了默许。`, `对${name}来说，这就够了。`]
      : terse === 'refusal'
        ? [`${name}听出了你的拒绝，没有再勉强。`, `${name}没有争辩，由着你摇头。`]
        : terse === 'onward'
          ? [`${name}会意，接着往下说。`, `${name}顿了顿，又接着讲了下去。`, `${name}点点头，把话头接了回来。`]
          : [`${name}把你的沉默当作了回答。`, `${name}等了一会儿，见你不语，也就不再追问。`, `${name}没有打破这阵沉默。`],
  ackPlain: ({ name }) => [
    `${name}看了你好一会儿。`,
    `${name}没有说话，只是点了点头。`,
    `${name}静静地端详着你的脸。`,
    `${name}让沉默先替自己回答。`,
    `${name}又多看了你一会儿。`,
  ],
  answerLead: ({ name }) => [
    `${name}不慌不忙地开口。`,
    `${name}压低了声音。`,
    `${name}四下看了一眼，才回答。`,
    `${name}想了想，决定说一部分。`,
  ],
  noAnswer: ({ name }) => [
    `“我知道的，比我想知道的少。”${name}说。`,
    `“等只剩我们两个的时候再问吧。”${name}说。`,
    `“这事一句两句说不清。”${name}说。`,
    `“有些事，看见了才算数。”${name}说。`,
    `“现在不说这个。”${name}说。`,
  ],
  loreLead: () => ['这里的人都知道这些。', '这算不上什么秘密。', '随便问谁都说得出来。', '这地方什么都记得。'],
  sensory: () => [
    '不远处，木头轻轻响了一声。',
    '光线慢慢移动，像一次呼吸。',
    '空气里有灰尘和旧烟的味道。',
    '一阵凉风贴着皮肤掠过。',
    '四下安静，只剩细碎的声响。',
    '影子长长地斜在地上。',
    '远处有什么敲了两下，又停了。',
    '寒意在角落里慢慢聚拢。',
    '窗纸被风吹得轻轻作响。',
    '屋檐下的水一滴一滴落着。',
    '灯芯爆了一下，火苗跳了跳。',
    '墙角传来细微的窸窣声。',
    '风从门缝里钻进来，带着寒气。',
    '不知哪里的门吱呀响了一声。',
    '地上的光影慢慢挪了位置。',
  ],
  interior: ({ name }) => [
    `${name}的神色松动了一些。`,
    `${name}的手停了下来。`,
    `${name}缓缓吐出一口气。`,
    `那一瞬间，${name}显得很累。`,
    `${name}咬紧了牙，又慢慢放松。`,
    `${name}站着的样子里，藏着一道旧伤。`,
    `${name}垂下头，半晌没有说话。`,
    `${name}的嘴唇动了动，终究没有出声。`,
    `${name}的肩膀微微一沉。`,
    `${name}的神情恍惚了一瞬。`,
    `${name}深吸了一口气。`,
    `${name}站直了些。`,
  ],
  event: ({ name }) => [
    '外面忽然传来一声尖厉的喊叫。',
    '有人在门外重重地敲了三下。',
    '隔壁有什么东西摔在地上，碎了。',
    '一扇门被猛地撞开，冷风灌了进来。',
    '灯火一暗，四周霎时漆黑一片。',
    `门外有人高声喊着${name}的名字。`,
    '急促的脚步声一路逼近门口，又忽然停住。',
    '楼上传来一声闷响。',
    '远处的钟声急促地响了起来。',
    '窗外有人影一闪而过。',
    '一阵狂风把门窗撞得砰砰直响。',
  ],
  complication: ({ name, other }) => [
    `${name}的话还没说完，${other}就插了进来。`,
    `${other}不知何时已经站在一旁，盯着${name}。`,
    `${other}咳了一声，${name}便住了口。`,
    `${name}看了${other}一眼，两人之间有什么没有说破。`,
  ],
  entrance: ({ name, other }) => [
    `${other}来了，${name}便不再说话。`,
    `${other}不知何时已站在${name}身旁。`,
    `脚步声响起，${other}来了。${name}住了口。`,
  ],
  arrival: ({ name }) => [`脚步声近了，${name}来了。`, `没过多久，${name}也来了，看见你，停下了脚步。`, `${name}不知何时已站在不远处。`],
  departure: ({ name }) => [
    `${name}看了你一眼，转身离去，接下来怎么办，全看你了。`,
    `${name}没再多说，转身走了，只把一片安静留给你。`,
    `${name}点点头，出去了。下一步，由你来定。`,
  ],
  quietEvent: ({ name }) => [
    '门开了，有人带着一身寒气走了进来。',
    `外面有人喊了两声${name}的名字，并不着急。`,
    '炉上的水壶响了起来，一时谁也没去管它。',
    '一片云飘过，屋里的光暗了暗。',
    '楼上有脚步声走过，又停了。',
    '不远处有人笑了一声，笑声传了过来。',
    '门上响起轻轻的敲门声，不紧不慢。',
    '雨忽然下了起来，打在屋檐上噼啪作响。',
  ],
  quietStakes: () => [
    '这件事，比两人嘴上说的要紧。', '有些东西，正在这一刻悄悄定下来。', '这样的时刻，往后会被记起。',
    '接下来说出口的话，就收不回了。', '谁都不急，可这事要紧。',
  ],
  stakes: () => [
    '已经没有时间犹豫了。', '接下来发生的事，再也无法挽回。', '每一口气都变得要紧。', '再等下去已经不行了。',
    '事情已经到了眼前。', '这一步迈出去，就回不了头了。', '时候到了。',
  ],
  aloneAck: () => ['四下里只剩你一个人。', '这里再没有别人了。', '只有你自己的脚步声回应。', '此刻，这地方只属于你。'],
  aloneHook: () => ['接下来怎么做？', '往哪里去，全由你定。', '没有人拦着你。下一步呢？', '下一步，只看你自己。'],
  threadLead: () => ['就在这时，事情起了变化。', '偏偏在这个时候。', '还没等谁开口，局面就变了。', '毫无预兆地——', '转眼之间，一切都变了。'],
  revealHint: ({ name, secret }) => [
    `每当提到${secret}，${name}的手就会停住。`,
    `${name}差点说起${secret}，又咽了回去。`,
    `关于${secret}，${name}有一段从未讲过的往事。`,
    `${name}的目光朝${secret}的方向一扫，又移开了。`,
  ],
  revealTold: ({ name, detail }) => [`${name}压低声音，说了一件你从没听说过的事：${detail}`, `${name}终于开口：${detail}`, `${name}顿了顿，告诉你：${detail}`],
  goalLine: ({ name, goal }) => [`“我只想${goal}。”${name}说。`, `“我一定要${goal}。”${name}说。`, `“总有一天，我会${goal}。”${name}说。`],
  goalNarrated: ({ name, goal }) => [`${name}心里只有一个念头：${goal}。`, `看得出来，${name}一心想着${goal}。`, `${name}嘴上不说，心里却始终惦记着：${goal}。`],
  answerSpoken: ({ name, detail }) => [`${name}慢慢开口：“${detail}”`, `“${detail}”${name}说，“这事谁都知道。”`, `${name}叹了口气：“${detail}”`],
  answerNarrated: ({ name, detail }) => [`${name}简单说了几句：${detail}`, `照${name}的说法，${detail}`],
  resolve: ({ name }) => ['至少眼下，这件事算是过去了。', `${name}点了点头，像是有什么定了下来。`, '最难的一关，眼下算是熬过去了。', `你和${name}之间，有什么缓和了下来。`, '眼下，就先这样吧。', `${name}没有再追究下去。`],
  recall: ({ name, fact, just }) => {
    switch (fact.kind) {
      case 'name':
        return [`“${fact.name}……”${name}把这个名字低声念了一遍。`, `“${fact.name}。”${name}顿了顿，“记住了。”`, `“${fact.name}，我记下了。”${name}说。`];
      case 'promise': {
        const words = /[。！？…]$/.test(fact.words) ? fact.words : `${fact.words}。`;
        if (just) return [`“这话可是你答应的。”${name}说，“我记下了。”`, `${name}把你那句承诺掂量了好一会儿。`];
        return [`${name}没有忘记你那句话：“${words}”`, `“你答应过的，”${name}说，“我可记着呢。”`];
      }
      case 'kin': {
        const phrase = fact.ofPlayer ? `你的${fact.rel}，${fact.person}` : `${fact.person}的${fact.rel}`;
        return [`“${phrase}……”${name}把这句话记在了心里。`, `“${phrase}。我记下了。”${name}说。`];
      }
      case 'thing':
        return [`${name}的目光落在${fact.thing}上，停了一会儿。`, `“把${fact.thing}收好。”${name}说。`];
      case 'place':
        return [`“${fact.place}……”${name}若有所思，“难怪。”`, `${name}默默记下了${fact.place}这个地方。`];
    }
  },
  hookQuestion: ({ name, topic }) => {
    const gestures = [
      `${name}直直地看着你：`, `${name}等着：`, `${name}凑近了些：`, `${name}偏了偏头：`, `${name}压低声音：`, `${name}迎上你的目光：`,
      `${name}转过身来：`, `${name}放下手里的东西：`,
    ];
    const questions = topic
      ? [`“那${topic}的事，你打算怎么办？”`, `“${topic}呢？接下来怎么办？”`, `“为什么是${topic}，为什么是现在？”`,
          `“${topic}对你来说，到底算什么？”`, `“${topic}的事，你信得过我吗？”`, `“为了${topic}，值得吗？”`]
      : [`“那现在呢？”`, `“接下来，我们往哪儿走？”`, `“说实话，你到底想要什么？”`, `“你留下吗？”`, `“你在想什么，能告诉我吗？”`, `“走哪条路，你定吧？”`, `“你信得过我吗？”`, `“你要我怎么做？”`];
    return gestures.flatMap((g) => questions.map((q) => `${g}${q}`));
  },
  hookAction: ({ name }) => [
    `${name}朝你伸出手，等着。`, `${name}让开一步，把路留给你。`, `${name}望着你，等你的回答。`,
    `${name}转过身去，把下一步留给了你。`, `${name}不再说话，沉默等着你来打破。`, `${name}把这件事摆在你面前，接不接，由你。`,
    `${name}看着你，等你开口。`, `${name}把话头留给了你。`,
  ],
  hookFrom: ({ name, hook }) => [`${name}转向你：“${hook}”`, `${name}看着你：“${hook}”`],
  speak(name, line, manner, again) {
    if (line.startsWith('*')) return [line];
    if (again) return [`过了一会儿，${name}又说：${line}`, `${name}接着说：${line}`, `${name}顿了顿，又道：${line}`];
    return [`${name}${manner}说：${line}`, `${name}${manner}开口：${line}`];
  },
  quirk(name, quirk) {
    const q = quirk.trim().replace(/[。！.!]+$/, '');
    // "谁说一个‘死’字她都要啐一口" is a rule about them, not a moment: it is not narrated.
    if (/^(谁|只要|一旦|凡是|每当|无论|不管)/.test(q)) return '';
    return `${name}${q}。`;
  },
  manner(voice) {
    for (const [re, word] of MANNERS) if (re.test(voice)) return word;
    return '';
  },
  quote(line) {
    return /^[“「『"*]/.test(line) ? line : `“${line}”`;
  },
  terminate(text) {
    const t = text.trim();
    return /[。！？…”」』*：—]$/.test(t) ? t : `${t}。`;
  },
  space: '',
};
