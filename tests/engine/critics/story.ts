/**
 * Two ten-turn stories of realistic narrator prose (English and Chinese), each reply paired with
 * the player's message it answers. Every critic must pass every reply, with the earlier replies
 * as its recent history: the shared clean set of the labelled data.
 */
export interface StoryTurn {
  input: string;
  reply: string;
}

export const STORY_EN: StoryTurn[] = [
  {
    input: 'I ask Wren why the wheel stopped.',
    reply:
      'Wren turns the brass token over his knuckles before he answers. "It stopped the night the miller\'s girl went missing," he says. "Three nights now. The paddles won\'t move, not even with six men pushing." He glances up the hill toward the orchard, where the glowworm lamps have gone dim. "Ilsa knows more than she lets on. Ask her, if you\'re brave enough."',
  },
  {
    input: 'Then I will go to Ilsa tonight.',
    reply:
      'Wren catches your sleeve. "Tonight? Nobody crosses the river after dark, Tam." His grip is firm, then it loosens, and he looks away at the silent water. "Fine. Take the lamp, at least. If it dims while she talks, she is lying." He presses the cold brass handle into your palm and waits for you to decide.',
  },
  {
    input: "I cross the bridge and knock on Ilsa's door.",
    reply:
      'The bridge planks are slick with river spray, and the lamp throws your shadow long across them. Ilsa\'s house sits dark except for one window. Before your second knock, the door opens a hand\'s width. Ilsa looks at the lamp first, then at you. "Wren\'s sister," she says, tapping her ledger twice against the frame. "You had better come in before someone sees you."',
  },
  {
    input: '"What did you see the night the wheel stopped?"',
    reply:
      'Ilsa sets a cup of tea in front of you that you did not ask for. "That night I saw the miller\'s daughter walk up the orchard path with a lantern," she says, "and I saw her come back without it." She writes something in the ledger, blots it, and turns the book so you can read the figure. "That is what the answer costs, dear. Shall we discuss terms?"',
  },
  {
    input: 'I refuse to pay and walk out into the rain.',
    reply:
      'Rain hammers the porch as you leave, and the lamp hisses where the drops strike the glass. Behind you, Ilsa does not raise her voice. "The debt is owed, whether you pay or your brother does." Down by the river, a faint ringing drifts from the orchard, thin as a struck glass. It comes again, closer, and the lamp in your hand begins to dim.',
  },
  {
    input: 'I follow the ringing up to the orchard.',
    reply:
      'The orchard path climbs steeply, roots slick under the mud. The ringing grows louder with every tree, and now it has a rhythm, three short notes and a long one, over and over. At the top of the slope the trees stand in a ring around a dry well. Their bark is pale as bone. Something metal glints at the lip of the well, half buried in the leaves, just out of reach.',
  },
  {
    input: 'I pick up the metal thing from the well.',
    reply:
      'It is a brass token, cold metal, twin to the one Wren carries, worn smooth on one face. On the other face someone has scratched a name: MARA. The moment your fingers close around it, the ringing stops. The silence is worse. Down the slope, a lamp is bobbing up the path toward you, and a voice calls your name in a tone you have never heard Wren use.',
  },
  {
    input: '"Wren? Is that you?"',
    reply:
      '"Who else would be fool enough to climb up here after dark?" Wren lowers the lamp and sees what is in your hand. All the colour leaves his face. He does not reach for it. He steps back instead, as though the token might bite, and the trees around the well begin, very softly, to ring again. "Where did you find that, Tam?"',
  },
  {
    input: 'I tell him the truth: it was in the well.',
    reply:
      'Wren sits down hard on the edge of the well, lamp between his boots. "Mara was the miller\'s daughter," he says quietly. "She was going to marry me in the spring. Nobody knows that but Ilsa." He turns his own token over his knuckles, then holds it out beside yours. The two faces fit together like halves of a broken coin, and below you, in the dark, the great wheel groans once.',
  },
  {
    input: '*I put the two halves together.*',
    reply:
      'The halves lock with a click that carries into your teeth. For a moment nothing happens. Then the ringing in the orchard stops all at once, and far below, the mill wheel turns: one slow revolution, water spilling white from its paddles. Wren is on his feet. "That isn\'t possible," he whispers. "There\'s no one at the sluice." He looks at you. "Is there?"',
  },
];

export const STORY_ZH: StoryTurn[] = [
  {
    input: '我问林风水车为什么停了。',
    reply:
      '林风把铜币在指节间翻了一圈，才开口。“那个磨坊主的女儿失踪的那天夜里，水车就停了，”他说，“三天了，六个人一起推都推不动。”他望向山坡上的果园，那里的萤火灯都暗了下去。“伊莎知道的比她说的多。你要是胆子够大，就去问她。”',
  },
  {
    input: '那我今晚就去找伊莎。',
    reply:
      '林风一把拉住你的袖子。“今晚？天黑以后谁也不过河，阿晚。”他攥得很紧，过了一会儿才松开，转头看着沉默的河水。“好吧，至少把灯带上。她说话的时候灯要是暗了，就是在撒谎。”他把冰凉的铜灯柄塞进你手里，等你拿主意。',
  },
  {
    input: '我过了桥，去敲伊莎的门。',
    reply:
      '桥上的木板被河水溅得湿滑，灯光把你的影子拉得很长。伊莎的房子一片漆黑，只有一扇窗亮着。还没等你敲第二下，门就开了一道缝。伊莎先看了看灯，又看了看你。“林风的妹妹，”她说着，用账本在门框上敲了两下，“趁没人看见，快进来吧。”',
  },
  {
    input: '“水车停的那天晚上，你看见了什么？”',
    reply:
      '伊莎在你面前放了一杯你没要的茶。“那天晚上，我看见磨坊主的女儿提着灯笼走上果园的小路，”她说，“回来的时候，灯笼不见了。”她在账本上写了几笔，吸干墨迹，把本子转过来让你看那个数字。“这就是答案的价钱，亲爱的。我们谈谈条件吧？”',
  },
  {
    input: '我拒绝付钱，冒雨走了出去。',
    reply:
      '你离开时，大雨砸在门廊上，雨点打在灯罩上嘶嘶作响。“不付钱？”伊莎在身后说，声音一点也没有提高，“不管是你还是你哥哥来还，这笔债总得还。”河边的果园里飘来一阵微弱的铃声，细得像敲响的玻璃杯。铃声又响了一次，更近了，你手里的灯开始暗下去。',
  },
  {
    input: '我循着铃声走上果园。',
    reply:
      '果园的小路很陡，泥里的树根又湿又滑。越往上走，铃声越响，而且有了节奏：三短一长，一遍又一遍。坡顶的树围成一圈，中间是一口干井。树皮白得像骨头。井沿的落叶里半埋着什么东西，闪着金属的光，离你只差一步。',
  },
  {
    input: '我把井边那个金属的东西捡起来。',
    reply:
      '那个东西是一枚铜币，和林风带着的那枚一模一样，一面磨得光滑。另一面被人刻了一个名字：玛拉。你的手指刚一合拢，铃声就停了。寂静更可怕。坡下有一盏灯正沿着小路晃上来，有个声音在喊你的名字，那语气你从没听林风用过。',
  },
  {
    input: '“林风？是你吗？”',
    reply:
      '“除了我，还有谁会傻到天黑以后爬上来？”林风放低灯，看见了你手里的东西，脸上的血色一下子全没了。他没有伸手去拿，反而往后退了一步，好像那枚铜币会咬人。井边的树又轻轻地响了起来。“阿晚，你在哪儿找到的？”',
  },
  {
    input: '我告诉他实话：就在井里。',
    reply:
      '“就在井里……”林风重重地坐在井沿上，灯放在两只靴子中间。“玛拉是磨坊主的女儿，”他轻声说，“我们本来打算春天成亲。除了伊莎，没人知道。”他把自己的铜币在指节间翻过来，摆在你那枚旁边。两个面严丝合缝，像一枚断成两半的硬币。脚下的黑暗里，那架大水车忽然呻吟了一声。',
  },
  {
    input: '*我把两半铜币合在一起。*',
    reply:
      '两半铜币咔嗒一声扣在一起，震得你牙根发麻。有那么一会儿，什么也没发生。接着，果园里的铃声一下子全停了。远远的坡下，磨坊的水车转了起来：慢慢地转了一整圈，白色的水从叶片上泼下来。林风站了起来。“不可能，”他低声说，“水闸那边没有人。”他看着你。“有人吗？”',
  },
];
