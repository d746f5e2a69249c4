/** Scripted players for the pacing and planner tests. */

/** Long, introspective messages: feelings, senses, dialogue. */
export const SLOW_PLAYER = [
  'I set the lamp down slowly and look at Wren for a long moment. "You look tired," I say softly. I remember how he used to laugh in this yard, and my chest aches with it.',
  'I touch the cold rail of the wheel and listen to the river. "Do you remember the summer we built the raft?" I ask, and my voice trembles a little.',
  'I sit beside him on the step, close enough to feel the warmth of his shoulder. For a while I say nothing at all; I just breathe in the smell of wet wood and flour.',
  '"This place still smells the same," I say quietly, watching the glowworm light flicker across his face. "Like flour and rain and something I can never name."',
  'I wonder what he is not telling me. His hands keep turning that brass token, and I feel the old worry settle in my stomach like a stone.',
  'I lean my head against his arm and close my eyes. The rain is soft on the roof and I feel, for the first time in years, almost at home.',
  '"Tell me about Ilsa," I whisper, "but slowly. I want to understand how you feel about all of it, not just what happened."',
  "I hold his hand in both of mine and feel how cold it is, and I think about all the winters he spent here without me. I don't want to let go yet.",
];

/** Short imperatives and time skips. */
export const FAST_PLAYER = [
  'Open the mill door.',
  'Grab the lamp and go inside.',
  "Next morning, we ride to Ilsa's house.",
  'Kick the door in!',
  'Search the ledger. Skip the small talk.',
  'Chase her!',
  'Cut to the trial.',
  'Draw my knife and confront Ilsa.',
];

export const SLOW_PLAYER_ZH = [
  '我把灯轻轻放下，久久地看着他。“你看起来很累，”我轻声说。我想起小时候他在这个院子里笑的样子，心里一阵难过。',
  '我摸着冰冷的水轮，听着河水的声音。“你还记得我们一起造木筏的那个夏天吗？”我问，声音有些颤抖。',
  '我在他身边坐下，感觉到他肩膀的温暖。我们沉默了很久，我只是呼吸着湿木头和面粉的气味。',
  '我望着萤火虫灯的光在他脸上摇曳，心里有种说不出的温暖和不安，仿佛这些年从来没有离开过。',
];

export const FAST_PLAYER_ZH = ['打开磨坊的门。', '拿起灯冲进去！', '第二天，我们骑马去伊尔莎家。', '快进到审判。'];
