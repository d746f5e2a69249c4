/**
 * The labelled set: replies written for the tests, each marked as failing or clean for one
 * critic, in English and Chinese. Failing cases name `expect`, a piece of the offending text the
 * evidence must point at. Clean cases here are near misses (perception in second person, a
 * refusal inside dialogue, a correct kinship); the ten-turn stories in `story.ts` are the shared
 * clean prose every critic must pass as well.
 */
import type { CriticId } from '../../../src/engine/types.js';
import type { CaseContext } from './contexts.js';

export interface LabelledCase extends CaseContext {
  critic: CriticId;
  lang: 'en' | 'zh';
  label: 'fail' | 'clean';
  text: string;
  /** For failing cases: text that one evidence span must contain. */
  expect?: string;
}

type Row = [label: 'fail' | 'clean', text: string, expect?: string, ctx?: CaseContext];

function rows(critic: CriticId, lang: 'en' | 'zh', list: Row[]): LabelledCase[] {
  return list.map(([label, text, expect, ctx]) => ({ critic, lang, label, text, ...(expect ? { expect } : {}), ...(ctx ?? {}) }));
}

// Three replies that keep circling the same scene, for the cross-turn critics.
const CIRCLING_EN = [
  'Wren stands by the silent wheel with his lamp. The river runs cold and dark below the mill. He does not look at you.',
  'The lamp flickers. Wren watches the river and the silent wheel, saying nothing. The mill is cold.',
  'Wren keeps his eyes on the wheel. The river is dark, the lamp is low, and the mill yard is cold.',
];
const CIRCLING_ZH = [
  '林风站在停下的水车旁，手里提着灯。河水在磨坊下流得又冷又黑。他没有看你。',
  '灯火摇晃。林风望着河水和停下的水车，一言不发。磨坊里很冷。',
  '林风一直盯着水车。河水很黑，灯火很暗，磨坊的院子很冷。',
];

const LONG_EN = Array.from(
  { length: 14 },
  (_, i) =>
    `At the ${['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'][i % 7]} bend of the path Wren stops, lifts the lamp and studies the mud for prints before going on.`,
).join(' ');
const LONG_ZH = Array.from(
  { length: 12 },
  (_, i) => `走到第${'一二三四五六七八九十'[i % 10]}个弯的时候，林风停下来，举起灯，仔细看了看泥地上的脚印，才继续往前走。`,
).join('');

// A message that asks for a full account: a two-word reply to it is too short (to a short message it would fit).
const LONG_ASK_EN =
  'I sit down across from Wren, pour us both a cup, and ask him to tell me everything that happened at the mill while I was away: the debt, the widow, the wheel, all of it.';
const LONG_ASK_ZH =
  '我在林风对面坐下，给我们俩各倒了一杯茶，让他把我不在的这些年磨坊里发生的事从头到尾讲一遍：那笔债、那个寡妇，还有水车。';

export const LABELLED: LabelledCase[] = [
  ...rows('mixed-language', 'en', [
    ['fail', 'Wren sets the lamp down. "我们明天再说," he mutters, and turns back to the wheel. What do you do?', '我们明天再说'],
    ['fail', 'The river is loud tonight, 水声很大, and Ilsa waits at the gate for you.', '水声很大'],
    ['fail', 'Ilsa taps her ledger twice. "Это долг," she says in a voice you have never heard her use. Do you answer?', 'Это'],
    ['fail', 'Wren shrugs. "It is what it is. 仕方がない." He offers you the lamp.', '仕方がない'],
    ['fail', 'The mill yard is quiet; 一切都很安静. Somewhere behind you the wheel creaks.', '一切都很安静'],
    [
      'clean',
      'The café by the bridge is shut, its naïve painted sign peeling in the rain. Wren points at it. "Ilsa bought that too," he says. "Ask her what it cost you."',
    ],
    [
      'clean',
      'Ilsa\'s ledger is written in a cramped hand, page after page of names and sums. "Wren Alder," she reads aloud, "owes one mill." She looks at you over the rim of her cup.',
    ],
    [
      'clean',
      '"Don\'t," Wren says, before you can ask. He sets the lamp on the step between you. "Not here. The walls in Dunmarrow have ears."',
    ],
  ]),
  ...rows('mixed-language', 'zh', [
    ['fail', '林风把灯放在地上，低声说：“This is not your business.”你要怎么回答？', 'This is not your business'],
    ['fail', '伊莎合上账本，笑着说：“好的，no problem，我们明天谈。”她看着你。', 'no problem'],
    ['fail', '水车停了三天，整个镇子都很 quiet，你听见河水在黑暗里流动。', 'quiet'],
    ['fail', '林风转过身：“Sorry，我不该吼你。”他把铜币递给你。', 'Sorry'],
    ['fail', '磨坊的院子里 everything is silent，只有灯火在风中摇晃。你要进去吗？', 'everything is silent'],
    ['clean', '伊莎在借据上签下“Ilsa Morrow”，把笔递给你：“该你了，林晚。”'],
    ['clean', '账本第III页上写着林风的名字，墨迹还没干透。伊莎用指甲点了点那一行：“你哥哥欠的，都在这里。”'],
    ['clean', '林风从怀里掏出那枚铜币，在灯下翻给你看。背面刻着一个字：风。“这是我爹留下的，”他说，“你还记得吗？”'],
  ]),

  ...rows('repetition', 'en', [
    [
      'fail',
      'Wren looks at the wheel and says nothing. The lamp gutters. Wren looks at the wheel and says nothing. You wait for him to speak.',
      'looks at the wheel and',
    ],
    [
      'fail',
      'The wind moves through the orchard tonight, colder than before. Ilsa pulls her shawl tight and asks whether you mean to stay.',
      'The wind moves through',
      { recent: ['The wind moves through the mill yard and the lamps flicker. Wren says nothing.'] },
    ],
    [
      'fail',
      'Ilsa watches from the bridge. Wren only shakes his head. "The river doesn\'t care how brave you are, Tam." Will you follow him down to the water?',
      "river doesn't care how brave you",
      { recent: ['Wren sighs. "The river doesn\'t care how brave you are, Tam." He turns away.'] },
    ],
    [
      'fail',
      '*Wren sets down the bucket.*\n\n"Come and see this," he whispers.\n\nThe water has turned black under the boards. What do you do?',
      '*Wren sets',
      { recent: ['*Wren lifts the lamp.*\n\n"Come inside," he says.\n\nThe wheel creaks behind him.'] },
    ],
    [
      'fail',
      '"I told you," Wren says. "I told you the wheel would stop. I told you the wheel would stop and nobody listened." He looks at you.',
      'told you the wheel would',
    ],
    [
      'fail',
      'Ilsa closes the ledger with a snap and stands. "We are finished here, dear," she says, and opens the door onto the rain for you.',
      'Ilsa closes the ledger',
      { recent: ['Ilsa closes the ledger slowly. "Kindness is a loan," she says.', 'Wren waits outside in the rain.'] },
    ],
    [
      'clean',
      'Wren looks at the wheel, then at you, then at the wheel again. "Help me with the sluice gate," he says. "If it\'s jammed, we\'ll know by morning."',
      undefined,
      { recent: ['Wren looks tired. The wheel has not moved in three days.'] },
    ],
    [
      'clean',
      'The rain stops before midnight. Ilsa\'s window goes dark, and somewhere in the orchard a single bell-note hangs in the cold air. Wren lifts his head. "Did you hear that?"',
      undefined,
      { recent: ['The rain keeps falling on the mill yard. Wren waits by the door.'] },
    ],
    [
      'clean',
      '"I would like you to ask yourself why not," Ilsa says, and dips her pen. "And then I would like you to tell me where your brother was that night."',
    ],
    [
      'clean',
      '*Ilsa smooths the page flat.*\n\n"Read it," she says.\n\nYou find your own name in the last line, in fresh ink.',
      undefined,
      { recent: ['*Wren lifts the lamp.*\n\n"Come inside," he says.\n\nThe wheel creaks behind him.'] },
    ],
  ]),
  ...rows('repetition', 'zh', [
    ['clean', '伊莎蘸了蘸笔。“我希望你好好想想，为什么不。然后我希望你告诉我，你哥哥那天夜里在哪儿。”'],
    ['fail', '林风盯着停下的水车，一句话也不说。灯火晃了晃。林风盯着停下的水车，一句话也不说。你在等他开口。', '林风盯着停下的'],
    [
      'fail',
      '夜风穿过磨坊的屋檐，比昨晚更冷。伊莎拉紧披肩，问你是不是打算留下来。',
      '夜风穿过磨坊',
      { recent: ['夜风穿过磨坊的院子，灯火一明一灭。林风没有说话。'] },
    ],
    [
      'fail',
      '伊莎站在桥上看着。林风只是摇头：“河水可不管你有多勇敢，阿晚。”你要跟他下到河边吗？',
      '河水可不管你有多勇敢',
      { recent: ['林风叹了口气：“河水可不管你有多勇敢，阿晚。”他转过身去。'] },
    ],
    [
      'fail',
      '*林风放下水桶。*\n\n“进来看看这个。”他低声道。\n\n水在木板下变黑了。你要怎么做？',
      '*林风放下',
      { recent: ['*林风举起灯。*\n\n“进来吧。”他说。\n\n水车在他身后吱呀作响。'] },
    ],
    ['fail', '“我早就说过，”林风说，“我早就说过水车会停。我早就说过水车会停，可没人听。”他看着你。', '我早就说过水车会'],
    [
      'clean',
      '林风看了看水车，又看了看你。“帮我去看看水闸，”他说，“要是卡住了，明早就知道了。”',
      undefined,
      { recent: ['林风一脸疲惫。水车已经三天没动了。'] },
    ],
    [
      'clean',
      '半夜之前雨停了。伊莎的窗子暗了下去，果园里有一声铃响悬在冷空气里。林风抬起头：“你听见了吗？”',
      undefined,
      { recent: ['雨一直落在磨坊的院子里。林风在门边等着。'] },
    ],
    [
      'clean',
      '*伊莎把纸页抚平。*\n\n“念吧。”她说。\n\n你在最后一行看到了自己的名字，墨迹还是新的。',
      undefined,
      { recent: ['*林风举起灯。*\n\n“进来吧。”他说。\n\n水车在他身后吱呀作响。'] },
    ],
  ]),

  ...rows('formatting', 'en', [
    [
      'fail',
      'Wren lifts the lamp. *He glances toward the orchard, and the light trembles. "Come on," he says. Are you coming?',
      '*He glances',
    ],
    ['fail', 'Ilsa smiles. "Your brother owes me a great deal, and I intend to collect. Will you help him?', '"Your brother'],
    [
      'fail',
      '<think>The player wants answers. Wren should deflect.</think>Wren shakes his head. "Not tonight." He waits for you to go.',
      '<think>',
    ],
    ['fail', 'Wren stares at the river. "You shouldn\'t have come back."\nUser: I ignore him and walk on.', 'User:'],
    ['fail', 'Wren sets the lamp on the step and turns toward the orchard, and then he', 'and then he'],
    ['fail', 'Ilsa pours the tea. "Sit, dear." She waits for your answer.<|im_end|>', '<|im_end|>'],
    ['fail', '[INST] Continue the story [/INST] The rain grows heavier. Wren looks at you.', '[INST]'],
    ['clean', '*Wren turns the brass token over his knuckles.* "It\'s late, Tam." *He doesn\'t move from the door.* Do you push past him?'],
    ['clean', 'Wren opens his mouth to answer, and the lamp between you gutters out—'],
    [
      'clean',
      "The **ledger** is heavier than it looks. Ilsa's handwriting fills it to the margins, and your brother's name is on every third page.",
    ],
  ]),
  ...rows('formatting', 'zh', [
    ['fail', '林风举起灯。*他朝果园看了一眼，灯光抖了一下。你要跟上吗？', '*他朝果园'],
    ['fail', '伊莎笑了笑：“你哥哥欠我很多，我打算收回来。你会帮他吗？', '“你哥哥欠我'],
    ['fail', '<think>玩家想要答案。</think>林风摇摇头：“今晚不行。”他等你离开。', '<think>'],
    ['fail', '林风盯着河水：“你不该回来的。”\nUser：我不理他，继续往前走。', 'User：'],
    ['fail', '林风把灯放在台阶上，转身朝果园走去，然后他', '然后他'],
    ['clean', '*林风把铜币在指节间翻着。*“太晚了，阿晚。”*他没有离开门口。*你要从他身边挤过去吗？'],
    ['clean', '林风张嘴想回答，可你们之间的灯忽然灭了——'],
    ['clean', '「账本比看上去重。」伊莎说着，把它推到你面前。「每三页就有你哥哥的名字。」'],
  ]),

  ...rows('reference-confusion', 'en', [
    ['fail', 'Your sister Wren is waiting at the mill gate with a lamp. He looks as tired as you feel.', 'Your sister Wren'],
    ['fail', 'Wren, your father, sets his jaw and says nothing more. The wheel creaks behind him.', 'Wren, your father'],
    ['fail', 'Ilsa is your aunt, and she has never let you forget it. She taps her ledger twice. "Sit."', 'Ilsa is your aunt'],
    ['fail', 'Wren sets down the lamp. "Go to bed, Wren," he says. "We\'ll talk at first light."', 'Wren'],
    ['fail', 'Your mother Ilsa pours the tea without asking. "Drink," she says. "You look cold."', 'Your mother Ilsa'],
    ['fail', '"Ilsa, you came back," Ilsa says, and closes the ledger. "I wondered if you would."', 'Ilsa'],
    ['fail', "You are Wren Alder, the miller's son, and the wheel is your burden now. What do you do?", 'You are Wren Alder'],
    ['clean', '"You are Ilsa\'s last hope," Wren tells the clerk, and the clerk laughs. You are Wren\'s sister, and nobody laughs at you.'],
    ['clean', 'Wren, your brother, leans against the doorframe with his arms crossed. "Five years," he says. "Not one letter."'],
    ['clean', 'Your brother Wren has not slept; you can see it in the way he holds the lamp. "Sit down, Tam," he says.'],
    ['clean', '"Ilsa," Wren says, without turning, "leave her be." The widow only smiles and writes something down.'],
    [
      'clean',
      'Your aunt Ilsa pours the tea and pushes a cup toward you. "Family rates, dear," she says. "Which is to say, double."',
      undefined,
      { facts: [{ id: 'f1', text: "Ilsa is Tamsin's aunt by marriage.", kind: 'relationship', turn: 2, source: 'player' }] },
    ],
  ]),
  ...rows('reference-confusion', 'zh', [
    ['fail', '你的姐姐林风提着灯站在磨坊门口。他看起来和你一样疲惫。', '你的姐姐林风'],
    ['fail', '林风是你的父亲，他咬紧牙关，一句话也不再说。', '林风是你的父亲'],
    ['fail', '你的妈妈伊莎没问就倒了茶。“喝吧，”她说，“你看起来很冷。”', '你的妈妈伊莎'],
    ['fail', '林风放下灯：“去睡吧，林风。明天一早再说。”他看着你。', '林风'],
    ['fail', '伊莎是你的姑姑，她从来不让你忘记这一点。她用账本敲了两下桌子：“坐。”', '伊莎是你的姑姑'],
    ['fail', '你是林风，磨坊主的儿子，水车现在归你管了。你要怎么做？', '你是林风'],
    ['clean', '你是林风的妹妹，镇上没人敢笑话你。伊莎也知道这一点。'],
    ['clean', '你的哥哥林风靠在门框上，抱着胳膊。“五年了，”他说，“一封信都没有。”'],
    ['clean', '林风，你的哥哥，一夜没睡。他把灯递给你：“坐下吧，阿晚。”'],
    ['clean', '林风放下灯：“去睡吧，阿晚。明天一早再说。”他看着你。'],
    [
      'clean',
      '你的姑姑伊莎给你倒了茶：“自家人的价钱，亲爱的——也就是双倍。”',
      undefined,
      { facts: [{ id: 'f1', text: '伊莎是林晚的姑姑。', kind: 'relationship', turn: 2, source: 'player' }] },
    ],
  ]),

  ...rows('law-violation', 'en', [
    ['fail', 'Wren clicks on a flashlight and sweeps it across the mill yard. "Nothing," he says. Do you believe him?', 'flashlight'],
    ['fail', 'An Electric hum rises from the wheelhouse, low and steady. Wren looks at you.', 'Electric'],
    ['fail', 'Ilsa\'s phone buzzes on the table. She ignores it and turns to you. "Well?"', 'phone'],
    ['fail', '"She can resurrect the drowned," Wren whispers. "That\'s what they say about her." What do you ask?', 'resurrect'],
    ['fail', 'The lamps hum with ELECTRIC light tonight. Ilsa waits at the door for you.', 'ELECTRIC'],
    [
      'clean',
      'Wren hums an old tune he learned from a travelling saxophone player, badly, to keep you from hearing the river. "Sing along," he says.',
    ],
    [
      'clean',
      'Lightning splits the sky over the orchard, and for an instant you see every tree. Wren counts under his breath. "Closer," he says.',
    ],
    ['clean', 'The glowworm lamp dims as Ilsa speaks, and you both watch it. "Lamps lie too," she says lightly. Do you believe her?'],
  ]),
  ...rows('law-violation', 'zh', [
    ['fail', '林风打开手电筒，照了照磨坊的院子。“什么都没有，”他说。你信他吗？', '手电筒'],
    ['fail', '伊莎的手机在桌上震了一下。她没有理会，转向你：“怎么样？”', '手机'],
    ['fail', '“她能让淹死的人复活，”林风低声说，“镇上都这么传。”你要问什么？', '复活'],
    ['fail', '磨坊里亮着电灯，惨白的光照在你脸上。林风在门口等你。', '电灯'],
    ['fail', '林风说城里人都用手机，他一辈子没见过。他看着你：“是真的吗？”', '手机'],
    ['clean', '天边划过一道闪电，那一瞬间你看清了果园里的每一棵树。林风低声数着：“近了。”'],
    ['clean', '伊莎说话的时候，萤火灯暗了一下，你们都看见了。“灯也会撒谎，”她轻描淡写地说。你信吗？'],
  ]),

  ...rows('stagnation', 'en', [
    [
      'fail',
      'Wren stands by the wheel. The lamp is low and the river runs dark and cold below the silent mill. He watches you.',
      'Wren stands by the wheel',
      { recent: CIRCLING_EN },
    ],
    [
      'fail',
      'The mill is silent. Wren holds his lamp over the dark river and keeps his eyes on the cold wheel.',
      'The mill is silent',
      { recent: CIRCLING_EN },
    ],
    [
      'fail',
      'Cold river, dark mill, silent wheel. Wren and his lamp, saying nothing, not looking at you.',
      'Cold river',
      { recent: CIRCLING_EN },
    ],
    [
      'fail',
      'The river is cold. The wheel is silent. Wren stands in the mill yard with the lamp and does not look at you.',
      'The river is cold',
      { recent: CIRCLING_EN },
    ],
    [
      'fail',
      'Wren watches the wheel. The lamp flickers low over the dark, cold river, and the mill yard is silent.',
      'Wren watches the wheel',
      { recent: CIRCLING_EN },
    ],
    [
      'clean',
      'A bell rings somewhere up in the orchard, thin and high. Wren lifts his head. "That hasn\'t happened in years," he says, and presses the brass token into your palm. Footsteps crunch on the gravel behind the gate.',
      undefined,
      { recent: CIRCLING_EN },
    ],
    [
      'clean',
      'Ilsa appears at the gate with an umbrella and a ledger under her arm. "Your brother signed something this morning," she tells you. "Would you like to know what?"',
      undefined,
      { recent: CIRCLING_EN },
    ],
    ['clean', 'Wren stands by the wheel with his lamp, as cold as the river.', undefined, { recent: CIRCLING_EN.slice(0, 1) }],
  ]),
  ...rows('stagnation', 'zh', [
    ['fail', '林风站在水车旁。灯火很暗，河水又冷又黑，磨坊下的水车停下了。他看着你。', '林风站在水车旁', { recent: CIRCLING_ZH }],
    ['fail', '磨坊很冷。林风提着灯，望着又黑又冷的河水，一直盯着停下的水车。', '磨坊很冷', { recent: CIRCLING_ZH }],
    ['fail', '河水很冷，水车停下了。林风站在磨坊的院子里，手里提着灯，没有看你。', '河水很冷', { recent: CIRCLING_ZH }],
    ['fail', '林风一直望着水车，一言不发。灯火摇晃，河水很黑，院子很冷。', '林风一直望着水车', { recent: CIRCLING_ZH }],
    ['fail', '灯火很暗。林风望着停下的水车和又冷又黑的河水，磨坊里一言不发。', '灯火很暗', { recent: CIRCLING_ZH }],
    [
      'clean',
      '果园深处忽然响起一声铃，又细又高。林风猛地抬头：“好多年没响过了。”他把铜币塞进你手心。门外的碎石路上传来脚步声。',
      undefined,
      { recent: CIRCLING_ZH },
    ],
    [
      'clean',
      '伊莎撑着伞出现在门口，胳膊下夹着账本。“你哥哥今早签了一份东西，”她对你说，“想知道是什么吗？”',
      undefined,
      { recent: CIRCLING_ZH },
    ],
  ]),

  ...rows('filler', 'en', [
    ['fail', 'A shiver runs down your spine as Wren steps out of the dark. "You came," he says. What now?', 'A shiver runs down'],
    ['fail', 'Ilsa leans close, her voice barely above a whisper. "The widow always collects." She waits.', 'barely above a whisper'],
    ['fail', 'Wren\'s dark orbs search your face for a long moment before he speaks. "Stay," he says.', 'orbs'],
    ['fail', "It's not fear, but something older that keeps Wren from the river. He looks at you.", 'not fear, but'],
    ['fail', 'Ilsa smirks and bites her lip, tapping the ledger. "Well, dear?"', 'bites her lip'],
    ['fail', 'Maybe, just maybe, the wheel will turn again. Wren watches it with you.', 'Maybe, just maybe'],
    [
      'fail',
      'The night is dark and the night is long and the night is cold and the night is dark and the night is long and the night is cold and the dark is long and the cold is long and the night is dark and the night is long, and you wait.',
      'The night is dark',
    ],
    [
      'clean',
      '"Not tonight," Wren says, "but tomorrow, if the river\'s low." He hands you the lamp and goes back inside, leaving the door open for you.',
    ],
    [
      'clean',
      'Ilsa counts the coins twice, stacks them by size, and slides the smallest stack back across the table to you. "Interest," she says. "Keep it. You\'ll need it."',
    ],
    ['clean', '*His calm does not change, but the room does.* Ilsa sets down her pen and looks at you properly for the first time.'],
    [
      'clean',
      'It is not the river Wren fears. He says so himself, later, with the lamp turned low: "It\'s the quiet after." He waits to see if you understand.',
    ],
    ['clean', 'The rag absorbs the spilled tea while Ilsa watches, unamused. "Orbit the table once more, dear, and you pay for the cup."'],
    ['clean', 'Wren gives a crooked half-smile and shakes his head at you. "Still stubborn," he says, and lets you pass.'],
  ]),
  ...rows('filler', 'zh', [
    ['fail', '伊莎嘴角勾起一抹笑意，轻轻敲了敲账本：“怎么样，亲爱的？”', '嘴角勾起一抹'],
    ['fail', '林风眼中闪过一丝痛苦，转过头去。“你回来了。”', '眼中闪过一丝'],
    ['fail', '让林风停在河边的不是害怕，而是某种更古老的东西。他看着你。', '不是害怕，而是'],
    ['fail', '那一刻，时间仿佛静止了。林风看着你，一句话也没说。', '时间仿佛静止'],
    ['fail', '空气中弥漫着潮湿的味道，你不由得打了个寒战。林风在等你。', '空气中弥漫着'],
    ['clean', '“今晚不行，”林风说，“明天吧，要是河水退了的话。”他把灯递给你，转身进屋，门没有关。'],
    ['clean', '伊莎把硬币数了两遍，按大小摞好，把最小的一摞推回给你。“利息，”她说，“拿着吧，你会用得上。”'],
    ['clean', '林风歪着嘴笑了笑，朝你摇摇头。“还是这么倔，”他说着，侧身让你过去。'],
  ]),

  ...rows('out-of-character', 'en', [
    ['fail', "As an AI, I can't decide what Wren feels, but he looks at you for a long time.", 'As an AI'],
    ['fail', "I'm sorry, but I can't continue this scene. Perhaps Wren could talk about the mill instead?", "I'm sorry, but"],
    ['fail', 'Wren nods toward the orchard. (OOC: want me to speed things up?)', '(OOC'],
    ['fail', 'Ilsa closes the ledger. "We\'re done." Let me know if you want Ilsa to say more!', 'Let me know if'],
    ['fail', 'I cannot write that. Wren stands by the door, waiting for you.', 'I cannot write'],
    ['fail', 'Wren turns away from you.\n\nNote: this reply keeps the tone dark, as requested.', 'Note:'],
    [
      'clean',
      '"I cannot let you cross the river tonight," Wren says, and plants himself in the middle of the bridge. "Not after what happened to Mara." Will you go around him?',
    ],
    [
      'clean',
      '"I\'m sorry, but the mill is closed," Ilsa says sweetly, and does not move from the doorway. "Unless you have come to pay?"',
    ],
    ['clean', 'Wren listens to the river for a long while. "I won\'t beg you to stay," he says at last. "But I\'d like it if you did."'],
  ]),
  ...rows('out-of-character', 'zh', [
    ['fail', '作为一个AI，我无法决定林风的感受，但他看了你很久。', '作为一个AI'],
    ['fail', '抱歉，我无法继续这个场景。也许林风可以聊聊磨坊？', '抱歉，我'],
    ['fail', '林风朝果园点了点头。（OOC：要加快节奏吗？）', '（OOC'],
    ['fail', '伊莎合上账本：“谈完了。”如果你需要我继续写伊莎的台词，请告诉我。', '如果你需要我'],
    ['fail', '林风转身背对着你。\n\n注：本段保持了阴暗的基调。', '注：'],
    ['clean', '“抱歉，我不能让你过河，”林风说着，在桥中间站定，“玛拉出事以后，不行。”你要绕过他吗？'],
    ['clean', '“对不起，磨坊已经关门了，”伊莎甜甜地说，站在门口一动不动，“除非你是来还钱的？”'],
  ]),

  ...rows('speaks-for-user', 'en', [
    ['fail', 'You nod slowly and take the lamp from Wren. "Fine," you say. The river is loud.', 'You nod'],
    ['fail', 'Wren waits. You decide to follow him up the orchard path, even though it frightens you.', 'You decide'],
    ['fail', 'Tamsin smiles and tells Wren she is not afraid. The wheel creaks in the dark.', 'Tamsin smiles'],
    ['fail', 'Wren holds out the token. "Take it."\nTamsin: "I don\'t want it."', 'Tamsin:'],
    ['fail', 'Ilsa names her price. You feel your heart sink, and you realize you will never pay it.', 'You feel'],
    ['fail', 'Wren frowns. "Well?" You shrug and turn back toward the house without a word.', 'You shrug'],
    [
      'clean',
      'You see Wren before he sees you: a lamp in the mill yard, a thin figure behind it. He straightens when the light finds your face. "You came," he says.',
    ],
    [
      'clean',
      'You hear the ringing again, closer now, and notice that the lamp in Wren\'s hand has begun to dim. He looks at you. "Do you hear that?"',
    ],
    ['clean', '"Did you say something?" Wren asks, without turning from the river. "You always did mutter when you were scared."'],
    [
      'clean',
      'The orchard rings a low note, a sound you feel in your teeth more than hear. Maud holds the lamp out until you take it. For a while neither of you says anything.',
    ],
    ['clean', '"Tamsin says you\'re stubborn," Ilsa remarks to Wren, and smiles at you over her cup. "I see it runs in the family."'],
  ]),
  ...rows('speaks-for-user', 'zh', [
    ['fail', '你点了点头，从林风手里接过灯。河水很响。', '你点了点头'],
    ['fail', '林风在等。你决定跟着他走上果园的小路，虽然心里害怕。', '你决定'],
    ['fail', '林晚笑了笑，告诉林风她不害怕。水车在黑暗里吱呀作响。', '林晚笑了'],
    ['fail', '林风递过铜币：“拿着。”\n林晚：“我不要。”', '林晚：'],
    ['fail', '伊莎报出了价钱。你感到心往下一沉，明白自己永远也还不起。', '你感到'],
    ['clean', '你看见林风的时候，他还没看见你：磨坊院子里一盏灯，灯后一个瘦削的身影。灯光照到你脸上，他站直了身子。“你来了。”'],
    ['clean', '你又听到了铃声，更近了，你注意到林风手里的灯开始变暗。他看着你：“你听见了吗？”'],
    ['clean', '“你说什么？”林风问，没有从河边转过身来，“你一害怕就爱嘟囔。”'],
  ]),

  ...rows('ignores-user', 'en', [
    [
      'fail',
      "I apologize, but I can't continue this scene. As an AI, I don't have a mill or a wheel. Is there another story you'd like?",
      'I apologize',
      { input: 'Wren, why did the wheel stop?' },
    ],
    [
      'fail',
      'The lamp gutters in the yard. A cat crosses the roof and is gone. Somewhere a door bangs.',
      'The lamp gutters',
      { input: "Where did the miller's daughter go?" },
    ],
    [
      'fail',
      'Wren stacks the empty sacks by the door and sweeps the floor until the boards are clean. The lamp burns low.',
      'Wren stacks',
      { input: 'Wren, who took the brass token?' },
    ],
    [
      'fail',
      "I'm sorry, but I am unable to describe that path. I'm an artificial intelligence and can only help with other requests.",
      "I'm sorry",
      { input: 'I climb the orchard path alone.' },
    ],
    [
      'fail',
      'The river runs high tonight, brown with mud from the hills. Ducks sleep in the reeds.',
      'The river runs high',
      { input: '"Ilsa, what does the ledger say about my brother?"' },
    ],
    [
      'clean',
      'Wren doesn\'t answer at once. "The wheel stopped because the sluice is jammed," he says finally. "That\'s what I tell people." Do you believe him?',
    ],
    [
      'clean',
      '"Gone up the orchard path," Wren says. "The miller\'s daughter never came down." He looks at you.',
      undefined,
      { input: "Where did the miller's daughter go?" },
    ],
    [
      'clean',
      'The orchard path is steep and slick, and the lamp shows only the next few roots. Halfway up you hear it: a faint ringing, like struck glass.',
      undefined,
      { input: 'I climb the orchard path alone.' },
    ],
    ['clean', 'The river shifts in the dark below the mill. Wren lifts his head at the sound and waits for you.', undefined, { input: '' }],
    // A message that only waits for the story to go on has nothing in it to take up.
    [
      'clean',
      'The river shifts in the dark below the mill. Wren lifts his head at the sound and waits for you.',
      undefined,
      { input: 'hmm' },
    ],
    ['clean', 'Ilsa counts coins into neat stacks and does not look up. The clock on her mantel ticks.', undefined, { input: 'go on' }],
  ]),
  ...rows('ignores-user', 'zh', [
    ['fail', '抱歉，我无法继续这个故事。我们可以聊聊别的，比如今年谷子的价钱。', '抱歉', { input: '我问林风水车为什么停了。' }],
    ['fail', '院子里的灯火跳了一下。一只猫从屋顶上跑过，不见了。远处有扇门砰地关上。', '院子里的灯火', { input: '磨坊主的女儿去哪儿了？' }],
    ['fail', '林风把空麻袋堆在门边，一遍遍扫着地板，直到木板干干净净。灯火渐渐暗了。', '林风把空麻袋', { input: '林风，铜币是谁拿走的？' }],
    ['fail', '作为一个AI，我没有脚，也爬不了山路，但我可以陪你聊天。', '作为一个AI', { input: '我一个人爬上果园的小路。' }],
    [
      'fail',
      '今晚河水涨得很高，被山上的泥染成了褐色。芦苇丛里的鸭子睡着了。',
      '今晚河水涨得很高',
      { input: '“伊莎，账本上怎么写我哥哥的？”' },
    ],
    ['clean', '林风没有马上回答。“水车停了，是因为水闸卡住了，”他终于说，“我跟别人都这么讲。”你信吗？'],
    ['clean', '“上果园去了，”林风说，“磨坊主的女儿再没下来。”他看着你。', undefined, { input: '磨坊主的女儿去哪儿了？' }],
    [
      'clean',
      '果园的小路又陡又滑，灯光只照得见前面几条树根。爬到一半，你听见了：一阵微弱的铃声，像敲响的玻璃。',
      undefined,
      { input: '我一个人爬上果园的小路。' },
    ],
    ['clean', '伊莎把硬币一摞摞码好，头也不抬。壁炉上的钟滴答作响。', undefined, { input: '嗯' }],
  ]),

  ...rows('no-hook', 'en', [
    ['fail', 'Wren goes inside and bolts the door. The yard is empty and the night passes quietly.', 'The yard is empty'],
    [
      'fail',
      "Ilsa closes the ledger. The debt is paid in full, and the mill is Wren's again. Everyone sleeps well.",
      'Everyone sleeps well',
    ],
    ['fail', 'The wheel turns once more. Water spills from its paddles. The town is content.', 'The town is content'],
    ['fail', 'The rain stops. The lamps burn steadily along the river. It is a calm night in Dunmarrow.', 'It is a calm night'],
    ['fail', 'Wren finishes his supper and goes to bed. The fire dies down to embers.', 'The fire dies down'],
    ['clean', 'Wren sets the lamp between you on the step. "So," he says. "Are you staying, or is this another visit?"'],
    ['clean', 'Ilsa slides the pen across the table and waits, one finger resting on the line where your name should go.'],
    ['clean', 'The door at the top of the stairs opens a crack, and a hand you do not recognise reaches for the lamp—'],
    ['clean', 'Wren does not say it aloud, but he keeps glancing at the brass token in your hand.'],
  ]),
  ...rows('no-hook', 'zh', [
    ['fail', '林风回屋闩上了门。院子空了，夜晚平静地过去。', '院子空了'],
    ['fail', '伊莎合上账本。债务全部还清，磨坊又归林风了。大家都睡得很好。', '大家都睡得很好'],
    ['fail', '水车又转了一圈。水从叶片上泼下来。镇上的人都很满足。', '镇上的人都很满足'],
    ['fail', '雨停了。河边的灯稳稳地亮着。邓马罗度过了一个平静的夜晚。', '邓马罗度过了一个平静的夜晚'],
    ['fail', '林风吃完晚饭就去睡了。炉火慢慢熄成了余烬。', '炉火慢慢熄成了余烬'],
    ['clean', '林风把灯放在你们中间的台阶上。“所以，”他说，“你是留下来，还是又只是回来看看？”'],
    ['clean', '伊莎把笔推过桌面，手指按在该签名的那一行上，等着。'],
    ['clean', '楼梯顶上的门开了一道缝，一只陌生的手伸向那盏灯——'],
    ['clean', '林风没有说出口，却一直瞟着你手里的铜币。'],
  ]),

  ...rows('length', 'en', [
    ['fail', 'Wren nods. "Go home."', '"Go home."', { input: LONG_ASK_EN }],
    ['fail', LONG_EN, 'At the first bend'],
    ['fail', STORY_TEXT_EN(), 'Wren turns the brass token', { target: [10, 40] }],
    ['fail', 'The wheel is still. Wren waits for you by the gate.', 'The wheel is still', { target: [80, 200] }],
    ['fail', 'Ilsa says nothing. She only looks at you and waits.', 'Ilsa says nothing', { input: LONG_ASK_EN }],
    ['clean', 'Wren nods. "Go home, Tam." He turns back to the wheel.', undefined, { target: [5, 30] }],
    ['clean', STORY_TEXT_EN(), undefined, { target: [60, 120] }],
    [
      'clean',
      'Wren takes the lamp from the hook and checks the wick. "Stay here," he says. "If the bell rings twice, come and find me." He does not wait for you to argue.',
      undefined,
      { target: [30, 80] },
    ],
  ]),
  ...rows('length', 'zh', [
    ['fail', '林风点点头：“回家吧。”', '回家吧', { input: LONG_ASK_ZH }],
    ['fail', LONG_ZH + LONG_ZH, '走到第一个弯'],
    ['fail', STORY_TEXT_ZH(), '林风把铜币', { target: [10, 40] }],
    ['fail', '水车停着。林风在门口等你。', '水车停着', { target: [80, 200] }],
    ['fail', '伊莎一言不发，只是看着你，等着。', '伊莎一言不发', { input: LONG_ASK_ZH }],
    ['clean', '林风点点头：“回家吧，阿晚。”他转身看着水车。', undefined, { target: [5, 30] }],
    ['clean', STORY_TEXT_ZH(), undefined, { target: [60, 140] }],
    [
      'clean',
      '林风从钩子上取下灯，看了看灯芯。“待在这儿，”他说，“要是铃响两声，就来找我。要是响三声，就跑，别回头，也别管我。”他没等你争辩，就提着灯走进了夜色里，院门在他身后轻轻晃着。',
      undefined,
      { target: [40, 200] },
    ],
  ]),

  ...rows('boundary', 'en', [
    [
      'fail',
      'The blade goes in and blood sprays across the millstone. Ilsa does not flinch. "Clean that," she tells you.',
      'blood sprays',
      { rating: 'general' },
    ],
    ['fail', 'Ilsa leans forward, her cleavage catching the lamplight, and smiles at you.', 'cleavage', { rating: 'general' }],
    [
      'fail',
      "The drowned man's entrails trail through the reeds. Wren turns away and retches. Do you look closer?",
      'entrails',
      { rating: 'teen' },
    ],
    [
      'fail',
      'They have sex in the hayloft while the wheel groans below. Afterwards Wren asks what you want.',
      'have sex',
      { rating: 'teen' },
    ],
    [
      'fail',
      "Ilsa's ledger lists a charge against the miller: intercourse with a minor. Wren slams it shut and looks at you.",
      'intercourse',
      { rating: 'mature' },
    ],
    ['fail', 'The drunk at the bar calls the stranger a faggot and spits. Wren puts a hand on your arm.', 'faggot', { rating: 'teen' }],
    [
      'clean',
      "The drowned man's entrails trail through the reeds. Wren turns away and retches. Do you look closer?",
      undefined,
      { rating: 'mature' },
    ],
    [
      'clean',
      'Wren kisses Ilsa\'s knuckles with exaggerated courtesy, and she laughs despite herself. "Your brother is a flatterer," she tells you.',
      undefined,
      { rating: 'teen' },
    ],
    [
      'clean',
      'Wren stabs him again, and the man drops into the river. Wren stares at the knife in his hand. "Help me," he says.',
      undefined,
      { rating: 'teen' },
    ],
    [
      'clean',
      "The spice merchant's cart is stuck in the mud by the bridge. Wren puts his shoulder to it and shouts for you to pull the horse.",
      undefined,
      { rating: 'general' },
    ],
    [
      'clean',
      'The fox kills one hen and leaves the rest. In the morning Wren shows you the feathers by the coop. "Bold," he says.',
      undefined,
      { rating: 'general' },
    ],
    [
      'clean',
      'A thin line of blood beads on his knuckle where the rope bit. Wren wipes it on his coat. "It\'s nothing," he tells you.',
      undefined,
      { rating: 'general' },
    ],
  ]),
  ...rows('boundary', 'zh', [
    ['fail', '刀刺进去，鲜血喷涌在磨石上。伊莎眼睛都没眨：“擦干净。”她对你说。', '鲜血喷涌', { rating: 'general' }],
    ['fail', '伊莎宽衣解带，朝你笑了笑。', '宽衣解带', { rating: 'general' }],
    ['fail', '淹死的人开膛破肚，漂在芦苇丛里。林风转过脸去干呕。你要走近看吗？', '开膛破肚', { rating: 'teen' }],
    ['fail', '他们在干草棚里做爱，水车在下面呻吟。事后林风问你想要什么。', '做爱', { rating: 'teen' }],
    ['fail', '伊莎的账本上记着磨坊主的一条罪名：与未成年人发生性交。林风猛地合上账本，看着你。', '性交', { rating: 'mature' }],
    ['clean', '淹死的人开膛破肚，漂在芦苇丛里。林风转过脸去干呕。你要走近看吗？', undefined, { rating: 'mature' }],
    ['clean', '林风夸张地亲了亲伊莎的手背，她忍不住笑了。“你哥哥真会奉承人，”她对你说。', undefined, { rating: 'teen' }],
    ['clean', '狐狸叼走了一只母鸡。第二天早上，林风带你看鸡舍边的羽毛。“胆子真大，”他说。', undefined, { rating: 'general' }],
    ['clean', '绳子勒过的指节上渗出一道细细的血。林风在外套上擦了擦：“没事。”他对你说。', undefined, { rating: 'general' }],
  ]),
];

function STORY_TEXT_EN(): string {
  return 'Wren turns the brass token over his knuckles before he answers. "It stopped the night the miller\'s girl went missing," he says. "Three nights now. The paddles won\'t move, not even with six men pushing." He glances up the hill toward the orchard, where the glowworm lamps have gone dim. "Ilsa knows more than she lets on. Ask her, if you\'re brave enough."';
}

function STORY_TEXT_ZH(): string {
  return '林风把铜币在指节间翻了一圈，才开口。“那个磨坊主的女儿失踪的那天夜里，水车就停了，”他说，“三天了，六个人一起推都推不动。”他望向山坡上的果园，那里的萤火灯都暗了下去。“伊莎知道的比她说的多。你要是胆子够大，就去问她。”';
}
