/**
 * Ambient and interior beats composed from parts rather than drawn from a fixed list: a source of
 * sound, light or weather (the ones the pack's own setting names first: its bells, its steam, its
 * snow), what it does, where, and how the people present take it; a body part, its movement, and
 * what it answers. A stock list of twenty sentences was told again and again over a long story
 * (more than half of a reply's sentences after twenty turns); the parts multiply into hundreds.
 *
 * Only people present in the scene are ever named: the composer passes '' for anyone who is not,
 * and a part that needs a name is left out without one.
 */
import type { WorldPack } from '../../world/types.js';
import type { Slots } from './templates/types.js';

interface Source {
  /** Words of the pack's setting that make this source belong to the place; none: anywhere. */
  cue?: RegExp;
  /** The source with its verb phrases, agreeing in number. */
  says: string[];
}

const SOURCES_EN: Source[] = [
  { says: ['the wind drops, then rises again', 'the wind finds a gap and whistles through it', 'the wind tugs at something loose'] },
  { says: ['a bird calls once', 'a bird shifts and settles'] },
  { says: ['water drips, slow and patient', 'water runs somewhere out of sight'] },
  { says: ['the light thins a little', 'the light catches on something and lets it go'] },
  { says: ['the cold creeps a little closer', 'the cold settles deeper'] },
  { says: ['a voice rises and falls, too far off to follow', 'someone laughs, too far off to hear why'] },
  { says: ['footsteps pass and fade', 'footsteps stop, then move on'] },
  { says: ['a board creaks under no one', 'a latch lifts and drops back'] },
  { cue: /\bbells?\b/i, says: ['a bell tolls once', 'a bell rings and falls silent'] },
  { cue: /\bsteam|hot springs?\b/i, says: ['steam drifts past in a slow veil', 'steam rises and thins'] },
  { cue: /\bsmok(e|ing)\b/i, says: ['smoke hangs low and sour', 'a thread of smoke drifts and frays'] },
  { cue: /\b(snow|frost|ice|winter)\b/i, says: ['frost ticks on the stone', 'the frost tightens its hold'] },
  {
    cue: /\b(gulls?|sea|harbou?r|wharf|tide)\b/i,
    says: ['a gull cries above the water', 'the tide turns with a long hush', 'a rope creaks against a post'],
  },
  { cue: /\brain\b/i, says: ['rain comes and goes in gusts', 'rain ticks against something hollow'] },
  { cue: /\b(lamps?|lanterns?|candles?)\b/i, says: ['a lamp gutters and steadies', 'a lantern sways and its light swings with it'] },
  { cue: /\b(fire|hearth|forge|ember)s?\b/i, says: ['the fire settles with a soft crack', 'an ember snaps and dies'] },
  { cue: /\b(orchard|trees?|leaves|branch(es)?)\b/i, says: ['leaves stir and go still', 'a branch knocks against another'] },
  { cue: /\bglass\b/i, says: ['glass chimes faintly, as if touched', 'something of glass rings thin and high'] },
  { cue: /\b(dragon|caldera|volcan\w*)\b/i, says: ['the ground trembles, faint as a held breath', 'a low rumble rolls up from far below'] },
];

const WHERE_EN = ['Somewhere close', 'Far off', 'Nearby', 'Out of sight', 'Just then', 'In the pause', 'For a moment'];

const SOURCES_ZH: Source[] = [
  { says: ['风声紧了一阵', '风从什么缝隙里钻过，呜呜作响'] },
  { says: ['有只鸟叫了一声', '有只鸟扑了扑翅膀'] },
  { says: ['水一滴一滴落在石头上', '有水声隐隐约约地流过'] },
  { says: ['光线暗了一暗', '光影晃了一下'] },
  { says: ['寒气又重了几分', '冷意一点点浸了上来'] },
  { says: ['有人说话，声音远得听不清', '有人笑了一声，又没了动静'] },
  { says: ['脚步声经过，渐渐远了', '脚步声停了停，又走开了'] },
  { says: ['木板轻轻响了一声', '门闩咔哒响了一下'] },
  { cue: /雪|霜|冰|冬/, says: ['雪落得更密了', '积雪压断了一根枯枝', '雪粒打在窗上，沙沙作响'] },
  { cue: /铃|钟/, says: ['檐下的铃响了两声', '远远传来一声钟响'] },
  { cue: /火|炉|灶/, says: ['炉火噼啪响了一下', '灶膛里的火苗跳了跳'] },
  { cue: /灯|烛/, says: ['灯火晃了晃，又稳住了', '烛泪顺着烛身慢慢淌下'] },
  { cue: /马/, says: ['马厩里的马打了个响鼻', '马蹄在槽边刨了两下'] },
  { cue: /山|松|林/, says: ['松涛一阵阵传来', '山风卷着松针掠过'] },
  { cue: /酒|茶/, says: ['酒香淡淡地飘过来', '茶水的热气慢慢散了'] },
];

const WHERE_ZH = ['远处', '不远处', '近处', '忽然', '片刻后', '静默里'];

/** The pack's own prose, where its place shows what it sounds and smells like. */
function placeText(pack: WorldPack): string {
  return [pack.setting, ...pack.lore.map((l) => l.text), ...pack.openings.map((o) => o.scene)].join(' ');
}

function sharesWord(a: string, b: string): boolean {
  const words = new Set(a.toLowerCase().match(/[a-z]{4,}/g) ?? []);
  return (b.toLowerCase().match(/[a-z]{4,}/g) ?? []).some((w) => words.has(w));
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A composed ambient beat for each source, place and ending: the sources the pack names first.
 * `name` (someone present, or '') may take note of it.
 */
export function ambientOf(pack: WorldPack, cjk: boolean): (s: Slots) => string[] {
  const text = placeText(pack);
  const sources = (cjk ? SOURCES_ZH : SOURCES_EN).filter((s) => !s.cue || s.cue.test(text));
  const own = sources.filter((s) => s.cue);
  const ordered = [...own, ...sources.filter((s) => !s.cue)];
  return ({ name }) => {
    const out: string[] = [];
    if (cjk) {
      const codas = [
        '',
        '，又归于沉寂',
        '，没有人去理会',
        '，随即消失了',
        '，过了一会儿才停',
        ...(name ? [`，${name}朝那边看了一眼`, `，${name}侧耳听了听`] : []),
      ];
      for (const src of ordered)
        for (const say of src.says) for (const where of WHERE_ZH) for (const coda of codas) out.push(`${where}，${say}${coda}。`);
      return out;
    }
    const codas = [
      '',
      ', and then nothing',
      ', and no one remarks on it',
      ', and the moment passes',
      ...(name ? [`, and ${name} glances toward it`, `, and ${name} lets it pass`] : []),
    ];
    for (const src of ordered) {
      for (const say of src.says) {
        for (const coda of codas) out.push(`${cap(say)}${coda}.`);
        for (const where of WHERE_EN) {
          // "Somewhere close, water runs somewhere out of sight": a place word is said once.
          if (sharesWord(where, say)) continue;
          for (const coda of codas) out.push(`${where}, ${say}${coda}.`);
        }
      }
    }
    return out;
  };
}

const BODY_EN: Array<[string, string[]]> = [
  ["'s hands", ['go still', 'tighten, then open']],
  ["'s jaw", ['sets', 'tightens, then eases']],
  ["'s shoulders", ['drop a fraction', 'rise and settle']],
  ["'s gaze", ['drops', 'drifts away and comes back', 'holds steady']],
  ["'s mouth", ['thins', 'softens at one corner']],
  ['', ['breathes out slowly', 'goes very still', 'draws a slow breath', 'looks down']],
];

const BODY_ZH: Array<[string, string[]]> = [
  ['的手指', ['微微收紧', '停在半空']],
  ['的目光', ['垂了下去', '移向别处，又转了回来', '定定地没有移开']],
  ['的眉头', ['皱了一下', '慢慢舒展开']],
  ['的嘴角', ['抿紧了', '动了动']],
  ['', ['轻轻吸了口气', '沉默了片刻', '低头看了一眼脚下']],
];

/**
 * A composed beat of what someone shows without saying: a body part, its movement, and what it
 * answers (the player's subject, someone else present looking on). `name` must be present.
 */
export function interiorOf(cjk: boolean): (s: Slots) => string[] {
  return ({ name, other, topic }) => {
    if (!name) return [];
    const out: string[] = [];
    if (cjk) {
      const codas = [
        '',
        '，像是想起了什么',
        '，半晌没有作声',
        '，随即又恢复如常',
        ...(other && other !== name ? [`，${other}在一旁看着`] : []),
      ];
      for (const [part, moves] of BODY_ZH) for (const move of moves) for (const coda of codas) out.push(`${name}${part}${move}${coda}。`);
      return out;
    }
    const codas = [
      '',
      ' for a moment',
      ', as if weighing something',
      ', and the moment passes',
      ...(topic && !/["“?]/.test(topic) ? [` at the mention of ${topic}`] : []),
      ...(other && other !== name ? [` while ${other} looks on`] : []),
    ];
    for (const [part, moves] of BODY_EN) for (const move of moves) for (const coda of codas) out.push(`${name}${part} ${move}${coda}.`);
    return out;
  };
}
