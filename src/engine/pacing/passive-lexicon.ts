/**
 * What a passive message is made of, as data: fillers and go-on cues that make a whole clause,
 * the leads of passive acts (a trailing `*` allows any ending: `wait*` is "waits", "waiting"),
 * the words stripped before a clause is read ("I", "just", "still"; "我", "静静地"), and the
 * Chinese marks that undo a passive lead ("等不及": cannot wait).
 */

export interface PassiveLexicon {
  /** Whole clauses that only acknowledge, assent or ask the story to go on. */
  fillers: string[];
  /** Clause openings that wait, listen, watch, stay or say nothing. */
  leads: string[];
  /** Words dropped from the front of a clause before it is read. */
  strip: string[];
}

const LET_OTHERS = ['him', 'her', 'them', 'it'].flatMap((who) =>
  ['talk*', 'speak*', 'finish*', 'continue*', 'go on', 'explain*', 'answer*'].map((v) => `let ${who} ${v}`));

export const PASSIVE_EN: PassiveLexicon = {
  fillers: [
    'ok', 'okay', 'k', 'kk', 'alright', 'all right', 'sure', 'fine', 'yes', 'yeah', 'yep', 'yup', 'uh huh', 'mhm',
    'mm', 'mmm', 'hm', 'hmm', 'hmmm', 'huh', 'eh', 'oh', 'ah', 'right', 'i see', 'got it', 'understood', 'of course',
    'true', 'very well', 'fair enough', 'makes sense', 'sounds good', 'sure thing', 'yes please', 'nod', 'nods',
    'and', 'and then', 'then', 'then what', 'what then', 'what next', 'what now', 'what happens next', 'next',
    'go on', 'keep going', 'continue', 'carry on', 'please continue', 'please go on', 'such as', 'like what',
    'tell me more', 'more', 'thanks', 'thank you', 'nothing', 'silence',
  ],
  leads: [
    'wait*', 'keep* wait*', 'keep* listen*', 'keep* watch*', 'keep* quiet', 'keep* silent', 'keep* still',
    'continue* wait*', 'continue* listen*', 'continue* watch*', 'continue* to wait', 'continue* to listen',
    'continue* to watch', 'listen*', 'watch*', 'observe*', 'look* on', 'stay*', 'remain*', 'stand* still',
    'stand* there', 'stand* silent*', 'stand* by', 'stand* where', 'stood still', 'stood there', 'sit* still',
    'sit* there', 'sit* quiet*', 'sit* silent*', 'sit* back', 'lean* against', 'lean* back', 'say* nothing',
    'said nothing', 'do nothing', 'does nothing', 'did nothing', 'doing nothing', "don't move", 'do not move',
    "didn't move", "don't answer", "don't reply", "don't speak", "don't react", "don't say anything",
    "don't interrupt", 'hold* my breath', 'hold* our breath', 'nod*', 'pause*', 'freeze', 'froze', 'frozen',
    'bide my time',
    ...LET_OTHERS,
  ],
  strip: [
    'i', 'we', "i'm", "we're", 'am', 'just', 'still', 'only', 'so', 'and', 'then', 'but', 'well', 'oh', 'ah', 'um',
    'uh', 'now', 'again', 'also', 'merely',
  ],
};

export const PASSIVE_ZH: PassiveLexicon = {
  fillers: [
    '嗯', '嗯嗯', '哦', '哦哦', '噢', '唔', '好', '好的', '好吧', '行', '行吧', '可以', '是', '是的', '对', '对的', '没错',
    '知道', '知道了', '明白', '明白了', '懂了', '原来如此', '原来是这样', '这样', '然后', '后来', '接着', '还有',
    '继续', '继续说', '你说', '你继续', '说', '讲', '请讲', '请说', '请继续', '说的对', '说得对', '你说的对', '你说得对',
    '您说的对', '您说得对', '说的是', '真好', '还行', '不错', '准备好', '我准备好', '谢谢', '多谢', '点头', '点点头',
    '等', '等着', '等待', '……', '。。。', '…',
  ],
  leads: [
    '等', '听', '看着', '望着', '注视', '静观', '观察', '站着', '坐着', '站在', '坐在', '留在', '待在', '呆在',
    '待着', '没说话', '没有说话', '不说话', '没吭声', '不吭声', '一言不发', '沉默', '一动不动', '不动', '点头', '点点头',
    '多留', '留下', '呆住', '愣住', '愣在', '吓呆', '被吓呆', '僵住', '屏住呼吸',
  ],
  strip: [
    '我们', '我', '就', '只是', '只', '还是', '仍然', '依然', '依旧', '仍', '还', '继续', '静静地', '静静', '默默地', '默默',
    '安静地', '一直', '那么', '那', '好的', '好', '嗯', '哦', '在这里', '在这儿', '在原地', '在一旁', '在旁边', '耐心地',
  ],
};

/** Chinese marks that make a passive-looking clause active: "等不及" is impatience, not waiting. */
export const UNDO_PASSIVE_ZH = ['等不及', '不再等', '不等', '等一下再', '等会儿再'];
