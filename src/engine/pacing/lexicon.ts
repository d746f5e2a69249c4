/**
 * The cue lexicons the pacing model reads players' messages with, as data: English words are
 * matched on word boundaries (a trailing `*` allows any ending: `attack*` matches "attacked"),
 * Chinese phrases anywhere, since Chinese has no spaces between words.
 */

export interface PacingLexicon {
  /** Verbs of doing: moving, fighting, taking, opening. */
  action: string[];
  /** Feelings, senses and introspection: what a slow-burn player lingers on. */
  feeling: string[];
  /** Phrases that skip story time forward. */
  timeSkip: string[];
  /** Words that open a question about the world (who, where, what happened). */
  worldQuestion: string[];
  /** Messages that only wait for the story to go on. */
  waiting: string[];
  /** Inside an out-of-character note: asking for a slower story. */
  oocSlower: string[];
  /** Inside an out-of-character note: asking for a faster story. */
  oocFaster: string[];
  /** Compounds that contain a cue but are none ("听说": heard that; "抱歉": sorry), blanked before reading. */
  ignore?: string[];
}

export const ENGLISH: PacingLexicon = {
  action: [
    'go', 'run*', 'ran', 'attack*', 'open*', 'grab*', 'take', 'takes', 'took', 'draw*', 'drew', 'fight*', 'fought',
    'kick*', 'push*', 'climb*', 'jump*', 'search*', 'follow*', 'chase*', 'break*', 'broke', 'shoot*', 'shot',
    'hit*', 'leave', 'leaves', 'leaving', 'enter*', 'charge*', 'sprint*', 'dash*', 'storm*', 'smash*', 'stab*',
    'slash*', 'strike*', 'struck', 'flee*', 'fled', 'rush*', 'head', 'heads', 'move', 'moves', 'get out', 'get in',
    'get away', 'get up', 'punch*', 'bolt*', 'lunge*', 'slip through', 'slip past', 'slip away', 'arrive*', 'arriving',
    'buy', 'bought', 'destroy*', 'disarm*', 'wrestl*', 'suddenly', 'transform*', 'materializ*', 'portal', 'go back',
    'going back', 'head back', "let's go", "let's move", "let's do this", 'shall we go', 'set out', 'enough talk',
    'no more talk', 'at once',
    'cross*', 'burst*', 'force*', 'pull*', 'throw*', 'threw', 'steal*', 'stole', 'hide', 'hides', 'hid',
    'sneak*', 'snuck', 'escape*', 'tackle*', 'duck*', 'dodge*', 'shove*', 'demand*', 'confront*', 'hurry',
    'hurries', 'hurried', 'unlock*', 'kill*', 'fire', 'fires', 'fired', 'ride*', 'rode', 'investigate*',
    'check*', 'find', 'finds', 'found', 'look for', 'set off', 'sets off', 'walk*', 'step*', 'seize*',
  ],
  ignore: ['breakfast', 'breakthrough', 'wonderful', 'lightly', 'lighting', 'drawn to'],
  feeling: [
    'feel*', 'felt', 'heart*', 'afraid', 'fear*', 'love*', 'remember*', 'wonder', 'wondered', 'wondering', 'smile*',
    'sigh*', 'quiet*', 'gentl*', 'warm*', 'cold', 'smell*', 'scent*', 'taste*', 'touch*', 'listen*', 'soft*',
    'kiss*', 'caress*', 'cuddl*', 'squeez*', 'pat', 'pats', 'stroke', 'strokes', 'stroking', 'sob*', 'cry', 'cried',
    'crying', 'tears', 'sorry', 'care about', 'relax*', 'confess*', 'never told', 'goodbye', 'died', 'grave', 'funeral',
    'mourn*', 'think of', 'thinking of', 'thought of', 'long moment', 'homesick*', 'stirs',
    'memory', 'memories', 'miss', 'missed', 'lonely', 'alone', 'ache*', 'regret*', 'grief', 'sad*',
    'happy', 'glad', 'breath*', 'breathe*', 'linger*', 'hesitat*', 'trembl*', 'shiver*', 'blush*', 'heartbeat',
    'longing', 'tender*', 'silence', 'silent*', 'gaze*', 'eyes', 'voice', 'imagin*', 'dream*', 'nervous*', 'ashamed', 'guilt*', 'relief', 'relieved', 'comfort*',
    'hold', 'holds', 'held', 'hug*', 'embrace*', 'lean*', 'rain', 'light', 'wind',
  ],
  timeSkip: [
    'next morning', 'the next day', 'next day', 'cut to', 'skip', 'skip ahead', 'skipping', 'later that night',
    'later that day', 'fast forward', 'fast-forward', 'hours later', 'days later', 'weeks later', 'a week later',
    'the following day', 'the following morning', 'time skip', 'timeskip', 'meanwhile', 'at dawn', 'by nightfall',
    'the next evening', 'some time later', 'later on', 'for hours', 'for a few hours', 'for few hours',
    'for several hours', 'for days', 'all night long',
  ],
  worldQuestion: ['who', 'what', 'where', 'why', 'how', 'when', 'which', 'is there', 'are there', 'what happened'],
  waiting: [
    'ok', 'okay', 'k', 'hmm', 'hm', 'mm', 'mhm', 'wait', 'i wait', 'waits', 'go on', 'continue', 'and',
    'and then', 'then', 'then what', 'what then', 'what next', 'what happens next', 'yes', 'yeah', 'sure', 'nod', 'nods', 'i nod', '*nods*', 'uh huh', 'right', 'next',
    '...', '…', '.', 'i listen', 'listen', 'i keep listening', 'keep going',
  ],
  oocSlower: [
    'slow down', 'slower', 'slow it down', 'take it slow', 'take your time', 'more detail', 'more details',
    'more description', 'more descriptive', 'linger', 'less action', 'more dialogue', 'more talking',
    'slow burn', 'not so fast', 'too fast', 'calmer', 'quieter', 'breathe', 'savor', 'savour', 'let it breathe',
    'more emotion', 'more feelings', 'slow the pace', 'slower pace',
  ],
  oocFaster: [
    'faster', 'speed up', 'speed it up', 'more action', 'skip ahead', 'get to the point', 'move on', 'move it along',
    'hurry', 'hurry up', 'pick up the pace', 'too slow', 'less talking', 'less description', 'cut to the chase',
    'something happen', 'make something happen', 'get going', 'quicker', 'bolder', 'more plot', 'fast forward',
    'less detail', 'skip', 'skip to', 'time skip', 'jump ahead', 'jump to', 'something happen',
  ],
};

export const CHINESE: PacingLexicon = {
  action: [
    '走', '跑', '冲', '打', '攻击', '拿', '抓', '打开', '推', '追', '跳', '拔', '砍', '离开', '进入', '搜',
    '踢', '闯', '逃', '夺', '偷', '藏', '杀', '射', '扔', '爬', '翻', '拉', '砸', '刺', '出发', '前往',
    '赶', '找', '查', '去', '上前', '动手', '开枪', '撞', '抢', '骑', '前行', '勇往直前', '冲进',
  ],
  feeling: [
    '心', '感觉', '觉得', '想起', '回忆', '温柔', '眼泪', '泪', '微笑', '笑', '叹气', '叹', '安静', '闻', '听',
    '轻轻', '害怕', '思念', '想念', '孤独', '寂寞', '难过', '伤心', '开心', '温暖', '冷', '呼吸', '颤抖',
    '脸红', '沉默', '凝视', '望着', '看着', '犹豫', '梦', '拥抱', '抱', '雨', '风', '光', '声音', '默默',
    '心跳', '不安', '愧疚', '后悔', '担心', '哽咽', '痛苦', '感动', '握住', '陪', '想你', '目送', '背影', '抚摸',
    '对不起', '关切',
  ],
  ignore: [
    '听说', '听上去', '听起来', '好听', '打理', '打算', '打听', '去年', '过去', '放心', '细心', '小心', '冷笑', '冷哼',
    '冷漠', '抱拳', '抱歉', '风俗', '拿到', '找麻烦', '推理', '开心', '听你', '听不懂', '听懂',
  ],
  timeSkip: [
    '快进', '第二天', '次日', '翌日', '跳过', '几天后', '数日后', '一周后', '几个小时后', '当晚', '那天晚上',
    '转眼', '时间跳跃', '第二天早上', '天亮后', '与此同时', '不久后', '过了几天', '一晃',
  ],
  worldQuestion: ['谁', '什么', '哪里', '哪儿', '为什么', '怎么', '何时', '发生了什么', '有没有', '是不是'],
  waiting: ['继续', '继续说', '嗯', '嗯嗯', '哦', '好', '好的', '然后呢', '然后', '后来呢', '接着呢', '还有呢', '等', '等待', '等着', '接着', '点头', '……', '。。。', '…'],
  oocSlower: [
    '慢一点', '慢点', '放慢', '慢慢来', '慢下来', '节奏慢', '多一些描写', '多点描写', '多些描写', '细腻', '多点对话',
    '多一些对话', '少点动作', '太快了', '别太快', '不要太快', '多点情感', '多一些情感',
  ],
  oocFaster: [
    '快一点', '快点', '加快', '节奏快', '节奏快一点', '多点动作', '多一些动作', '快进', '跳过', '推进剧情', '推进',
    '太慢了', '别拖', '少点描写', '直接', '进入正题', '赶紧', '加速',
  ],
};
