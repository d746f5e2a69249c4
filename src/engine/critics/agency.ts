/**
 * Words that decide for someone: deliberate acts, speech and decided feelings, in English (with
 * every inflection, since replies also say "he open the door") and Chinese. Perception ("hears",
 * "sees", "notices", 听到, 看见) is the narrator's to describe and is left out on purpose.
 */

// Verbs whose -ed / -s forms follow the spelling rules below; irregular pasts are listed apart.
const REGULAR =
  'nod decide smile laugh reply answer agree whisper shout ask grab walk step reach realize realise wonder shrug sigh grin frown ' +
  'pull push kiss hug promise lean follow blush murmur respond hesitate swallow clench hand open close shut pick climb jump wave ' +
  'point touch kneel place lift drop knock call cry yell scream sneak rush hurry head storm slam unlock accept refuse start try ' +
  'offer grip squeeze stroke caress wrap embrace chuckle giggle smirk wink gasp groan whimper pout glare stare glance turn ' +
  'kick punch slap dash move return enter pour pocket unfold tear rip grasp clutch pat nudge tug shove toss sip taste delve ' +
  // Fighting: firing, aiming, dodging and striking are moves a player makes as much as opening a door.
  'fire aim reload dodge parry slash stab lunge charge fumble ' +
  // A voice raised (a roar is a yell), a touch given, a run at full speed: kin of yell, touch and dash above.
  'roar bellow growl snarl brush sprint';
const IRREGULAR: Record<string, string[]> = {
  say: ['said'],
  take: ['took', 'taken'],
  draw: ['drew', 'drawn'],
  tell: ['told'],
  think: ['thought'],
  run: ['ran'],
  go: ['went', 'goes'],
  leave: ['left'],
  sit: ['sat'],
  stand: ['stood'],
  read: [],
  write: ['wrote', 'written'],
  hold: ['held'],
  rise: ['rose'],
  get: ['got'],
  put: [],
  throw: ['threw'],
  begin: ['began'],
  give: ['gave'],
  bite: ['bit'],
  find: ['found'],
  shake: ['shook'],
  hide: ['hid'],
  lie: ['lay', 'lies'],
  slip: ['slipped'],
  spin: ['spun'],
  sling: ['slung'],
  fling: ['flung'],
  sweep: ['swept'],
  creep: ['crept'],
  shoot: ['shot'],
  swing: ['swung'],
  strike: ['struck'],
};
// Phrasal verbs whose bare form is a state or a perception ("he looks tired", "you look up").
const PARTICLE: Record<string, string> = { look: 'at|around|away|back|over|down|into|through|for' };

function inflect(base: string): string[] {
  const out = [base];
  const cvc = /[^aeiou][aeiou][bdgkmnprt]$/.test(base) && base.length <= 4;
  const stem = base.endsWith('e') ? base.slice(0, -1) : base.endsWith('y') && !/[aeiou]y$/.test(base) ? `${base.slice(0, -1)}i` : base;
  out.push(/(?:s|sh|ch|x|z|o)$/.test(base) ? `${base}es` : base.endsWith('y') && !/[aeiou]y$/.test(base) ? `${stem}es` : `${base}s`);
  out.push(`${stem}ed`);
  if (cvc) out.push(`${base}${base.slice(-1)}ed`);
  if (base.endsWith('e')) out.push(`${base}d`);
  return out;
}

function englishForms(): string[] {
  const forms = new Set<string>();
  for (const v of REGULAR.split(/\s+/)) for (const f of inflect(v)) forms.add(f);
  for (const [v, extra] of Object.entries(IRREGULAR)) {
    for (const f of [v, `${v}s`, ...extra]) forms.add(f);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

const ACTS: ReadonlySet<string> = new Set(englishForms());
const PHRASAL = new Map<string, RegExp>();
for (const [v, particles] of Object.entries(PARTICLE))
  for (const f of inflect(v)) PHRASAL.set(f, new RegExp(`^\\s+(?:${particles})\\b`, 'iu'));

/**
 * True when `word`, followed by `rest`, is an English act in any form: "opens", "opened", "open",
 * "looks at". A set lookup after a plain word match: a regex alternation of every form costs
 * forty times as much.
 */
export function isAct(word: string, rest = ''): boolean {
  const w = word.toLowerCase();
  if (ACTS.has(w)) return true;
  return PHRASAL.get(w)?.test(rest) ?? false;
}

/** Short adverbs that may sit between a subject and its verb. */
export const ADVERB_EN = '(?:\\s+(?:\\w+ly|then|just|finally|also|quickly|slowly|suddenly|still|again|now))?';

/** Chinese deliberate acts and speech (the verb right after the subject and an optional adverb). */
export const ACT_ZH =
  '(?:轻轻地?|缓缓地?|默默地?|慢慢地?|终于|也|便|就|又|立刻|连忙|赶紧|于是)?' +
  '(?:说道?|点了?点头|点头|摇了?摇头|决定|心想|想道|回答|答道|笑了|笑着|微笑|答应|拿起|走向|走到|走进|走出|转身|伸手|叹了口气|耸了耸肩|握住|' +
  '低声道|喊道|问道|打开|推开|关上|拉住|抱住|抱紧|吻了|亲了|坐下|站起|跑向|跑去|离开|拿出|接过|递给|看向|望向|抬起头|低下头)';

/**
 * Decided feelings and thoughts in the second person, English, read from the word after "you":
 * "you can't help but smile", "you find yourself laughing".
 */
export const FEELING_EN = /^(?:(?:can['’]?t|cannot|couldn['’]?t|can not) help but \p{L}+|(?:find|found|finds) yourself \p{L}+ing)/iu;

/** Chinese decided feelings after 你: 你心中一暖, 你不禁笑了, 你忍不住. */
export const FEELING_ZH =
  '(?:的)?心(?:中|里|头|底)?(?:一暖|一颤|一动|一紧|一酸|一沉|一痛|一软|一热|一惊|一跳|一荡|暗想|暗道|涌起|泛起|升起|生出)|' +
  '(?:不禁|忍不住|不由得?|情不自禁地?)|(?:感到|感觉到|意识到|明白了|心想|暗想)';
