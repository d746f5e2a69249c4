/**
 * The offline narrator's rules of prose, shared by the composer: what may not be narrated, what
 * reads as a sensory detail, which gestures may not come twice in a reply, and how an authored
 * action line gets its subject back when it is lifted out of its card.
 */

// Narrating the player's speech, thoughts or decisions, even inside an authored line, is refused.
export const FOR_PLAYER_EN =
  /\byou\s+(say|said|says|think|thought|feel|felt|decide|decided|realize|realise|wonder|whisper|reply|answer|nod|smile)\b/i;
export const FOR_PLAYER_ZH = /你(说道|心想|觉得|感到|决定|想到|意识到|回答)/;
// The "not X, but Y" turn marks machine prose even in authored lines; such lines are passed over.
export const NOT_BUT = /\bnot\b[^.!?;:"“”]{1,40},\s*but\b|不是[^，。！？]{1,12}，而是/iu;
export const INSTRUCTION = /^(end|ask|leave|close|finish|give|let|offer|make|have|with|on|something|a|an|the new turn)\b/i;

// What the planner's hook text asks for, in either language.
export const ASKING_HOOK = /question|demand|threat|choose|choice|answer|问题|要求|威胁|选择|回应/i;
export const QUIET_HOOK = /quiet|look|settled|a hint|眼神|安静|尘埃落定|暗示/i;

// "I shake my head": a body part is no topic; what the player did with it is.
export const BODY = /\b(head|hands?|eyes?|shoulders?|arms?|face|feet|legs?|lips|mouth|hair|fingers?)$/i;
// Stems too common to tie a setting sentence to the scene.
export const COMMON = new Set([
  'happen',
  'know',
  'think',
  'want',
  'come',
  'going',
  'look',
  'make',
  'take',
  'tell',
  'said',
  'time',
  'thing',
  'every',
  'everything',
  'real',
  'life',
  'place',
  'still',
  'like',
  'just',
  'people',
]);
// A goal in the third person is narrated, never put in the character's mouth.
export const THIRD_PERSON_EN = /\b(he|him|his|himself|she|her|hers|herself|they|them|their|themselves)\b/i;
export const THIRD_PERSON_ZH = /[他她]/;
// A goal kept from the player ("without Tamsin finding out", "不让任何人知道") is the character's to hide:
// narrating it hands the player what the story should let them discover.
export const CONCEALED_EN =
  /\bwithout\b[^,.;]*\b(finding out|knowing|noticing|learning|seeing)\b|\bthough (he|she|they) (will|would|does|do|can|could)(n['’]t| not)\b|\bsecret(ly)?\b|\bbehind\b[^,.;]*\bback\b|\bnever (tell|let|know)/i;
export const CONCEALED_ZH = /不让[^，。]{0,4}知道|瞒着|暗中|偷偷|秘密|不能让/;
// Words of sound, light, smell and touch: a setting sentence carrying one reads as a detail of the scene.
export const SENSORY_EN =
  /\b(cold|warm|light|dark|smell|smells|smoke|ring|rings|ringing|sound|hum|wet|rain|wind|frost|fire|lamp|lamps|glow|night|nights|dusk|dawn|salt|fog|mist|snow|ice|creak|bell|bells|candle|shadow|shadows|steam|gull|gulls|tide)\b/i;
export const SENSORY_ZH = /[灯光冷雪风雨雾声响味香烟火夜暗寒霜铃]/;

// Gestures and states that should not come up twice in one reply, as stems.
const MOTIFS_EN: Array<[RegExp, string]> = [
  [/\bhands?\b/i, 'hand'],
  [/\bstill(s|ed)?\b/i, 'still'],
  [/\bjaw\b/i, 'jaw'],
  [/\bbreath(es|e)?\b/i, 'breath'],
  [/\beyes?\b/i, 'eye'],
  [/\bglances?\b|\blooks? away\b/i, 'glance'],
  [/\bface\b/i, 'face'],
  [/\bsilen(ce|t)\b|\bquiet(ly)?\b/i, 'quiet'],
  [/\bnods?\b/i, 'nod'],
  [/\btired\b/i, 'tired'],
  [/\bthroat\b/i, 'throat'],
  [/\bwaits?\b/i, 'wait'],
  [/\bwinc(e|es|ed|ing)\b/i, 'wince'],
];
const MOTIFS_ZH: Array<[RegExp, string]> = [
  [/手/, 'hand'],
  [/沉默|安静|不语/, 'quiet'],
  [/目光|眼/, 'eye'],
  [/叹|吐出一口气/, 'breath'],
  [/点头|点了点头/, 'nod'],
  [/等/, 'wait'],
];

/** The motifs a sentence touches. */
export function motifs(text: string, cjk: boolean): Set<string> {
  const out = new Set<string>();
  for (const [re, m] of cjk ? MOTIFS_ZH : MOTIFS_EN) if (re.test(text)) out.add(m);
  return out;
}

/**
 * An authored action ("*He stares down.*", "*The smile falls off his face.*") that opens a unit
 * with no name in it is read as the previous speaker's: its first pronoun becomes the name.
 */
export function nameActor(line: string, name: string, cjk: boolean): string {
  const action = /^\*([^*]+)\*/.exec(line);
  if (!action || !name || action[1].includes(name)) return line;
  let named: string;
  if (cjk) named = action[1].replace(/(他|她)(?!们)/, name);
  else if (/^(He|She)\b/.test(action[1])) named = action[1].replace(/^(He|She)\b/, name);
  else if (/^(His|Her)\b/.test(action[1])) named = action[1].replace(/^(His|Her)\b/, `${name}'s`);
  else if (/\b(his|her)\b/.test(action[1])) named = action[1].replace(/\b(his|her)\b/, `${name}'s`);
  else named = action[1].replace(/\b(he|she)\b/, name);
  return `*${named}*${line.slice(action[0].length)}`;
}

/** The first sentence of a reply, closing quote kept: replies should not open alike. */
export function firstSentence(text: string): string {
  const m = /^[^.!?。！？]*[.!?。！？]+["”」]?/.exec(text.trim());
  return (m ? m[0] : text.trim()).trim();
}
