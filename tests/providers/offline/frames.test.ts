/**
 * Over a long story the offline narrator does not fall into a formula: a sentence frame ("What is
 * _ to you, really?", "_ leans closer.") used in the last replies is passed over while another is
 * free, whatever names and topics fill it, and the same seed and inputs still give the same story.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { Frames } from '../../../src/providers/offline/frames.js';
import { en } from '../../../src/providers/offline/templates/en.js';
import { loadPack } from '../../../src/world/load.js';
import type { Beat, Cadence, StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { contextFor, planFor, requestFor } from './support.js';

async function bundled(id: string): Promise<WorldPack> {
  const result = await loadPack(fileURLToPath(new URL(`../../../worlds/${id}/`, import.meta.url)), 'bundled');
  if (!result.ok) throw new Error(`${id} did not load`);
  return result.loaded.pack;
}

const BEATS: Array<[Beat, Cadence]> = [
  ['deepen', 'steady'],
  ['reveal', 'steady'],
  ['escalate', 'bold'],
  ['breathe', 'gentle'],
  ['complicate', 'steady'],
  ['resolve', 'gentle'],
];
const INPUTS_EN = [
  'I ask about the orchard.',
  'I pick up the lamp.',
  'I sit by the fire and wait.',
  'Why did the wheel stop?',
  'ok',
  'I walk to the window.',
  'Tell me about the note.',
  'I laugh and shake my head.',
];
const INPUTS_ZH = [
  '掌柜的，这雪什么时候能停？',
  '我把刀放在桌上，看着门口。',
  '我在火边坐下。',
  '那封信是谁写的？',
  '嗯',
  '我走到窗边看雪。',
  '我问阿珠断水剑的事。',
  '我笑了笑，没有说话。',
];
const TOPICS = /\b[Tt]he (orchard|lamp|fire|wheel|window|note|head)\b|刀|雪|信|断水剑|窗/g;

/** Forty turns, the kept reply added to the history each time, as the session would. */
function story(pack: WorldPack, inputs: string[], seed: number, turns = 40): string[] {
  const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
  const replies: string[] = [];
  for (let turn = 1; turn <= turns; turn++) {
    const input = inputs[(turn * 7 + seed) % inputs.length];
    const [beat, cadence] = BEATS[(turn + seed) % BEATS.length];
    const lore = pack.lore.filter((l) => l.constant || l.keys.some((k) => input.toLowerCase().includes(k.toLowerCase()))).map((l) => l.id);
    const context = contextFor(pack, { turn, playerInput: input, history: [...history], lore, seed });
    const text = composeReply(context, requestFor(planFor(beat, cadence, { targetLength: pack.style.length })), turn % 3).text;
    replies.push(text);
    history.push({ role: 'player', text: input, turn }, { role: 'narrator', text, turn });
  }
  return replies;
}

/** A sentence with its names, pronouns and topics blanked: what is left is its frame. */
function frameOf(sentence: string, pack: WorldPack): string {
  const names = pack.characters
    .flatMap((c) => [c.name, ...c.aliases, c.nickname ?? '', c.name.split(/\s+/)[0] ?? ''])
    .filter((n) => n.length > 1);
  let out = sentence;
  for (const n of names.sort((a, b) => b.length - a.length)) out = out.split(n).join('N');
  return out.replace(/\b(his|her|their)\b/g, 'P').replace(TOPICS, 'T');
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？]["”」]?)\s*|(?<=：)(?=“)/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 3);
}

/** Sentences whose frame appeared in one of the five replies before them, over all sentences. */
function repeatedFrames(replies: string[], pack: WorldPack): { repeated: number; total: number; examples: string[] } {
  let repeated = 0;
  let total = 0;
  const examples: string[] = [];
  replies.forEach((reply, i) => {
    const before = new Set(replies.slice(Math.max(0, i - 5), i).flatMap((r) => sentences(r).map((s) => frameOf(s, pack))));
    for (const s of sentences(reply)) {
      total += 1;
      if (before.has(frameOf(s, pack))) {
        repeated += 1;
        examples.push(s);
      }
    }
  });
  return { repeated, total, examples };
}

describe('sentence frames over a long story', () => {
  it('keeps frames from recurring within five replies over forty English turns (was about a quarter of all sentences)', async () => {
    const pack = await bundled('glass-orchard');
    for (const seed of [1, 2, 3]) {
      const { repeated, total, examples } = repeatedFrames(story(pack, INPUTS_EN, seed), pack);
      expect(repeated / total, examples.join(' | ')).toBeLessThan(0.06);
    }
  });

  it('does the same for a Chinese pack', async () => {
    const pack = await bundled('qingshan-inn');
    for (const seed of [1, 2, 3]) {
      const { repeated, total, examples } = repeatedFrames(story(pack, INPUTS_ZH, seed), pack);
      expect(repeated / total, examples.join(' | ')).toBeLessThan(0.06);
    }
  });

  it('ends no two replies within four turns on the same question frame', async () => {
    const pack = await bundled('glass-orchard');
    for (const seed of [1, 2, 3]) {
      const replies = story(pack, INPUTS_EN, seed);
      const endings = replies.map((r) => frameOf(r.trim().split('\n').pop() ?? '', pack).replace(/^N [^."]*\.\s+(?=")/, ''));
      endings.forEach((ending, i) => {
        for (let j = Math.max(0, i - 4); j < i; j++) expect(ending, `turn ${i + 1} and turn ${j + 1}`).not.toBe(endings[j]);
      });
    }
  });

  it('is still deterministic: the same seed and inputs give the same forty replies', async () => {
    const pack = await bundled('glass-orchard');
    expect(story(pack, INPUTS_EN, 4, 15)).toEqual(story(pack, INPUTS_EN, 4, 15));
  });

  it('counts a frame as used whatever fills it, and the last reply most', () => {
    const slots = { name: 'Wren', other: 'Ilsa', topic: 'the mill', pos: 'his', otherPos: 'her' };
    const frames = new Frames(['Nothing happens.', 'Maud waits. "What is the wheel to you, really?"'], false);
    const options = frames.render(en.hookQuestion, slots);
    const reused = options.find((o) => o.includes('What is the mill to you, really?'))!;
    const unused = options.find((o) => o.includes('Why the mill, and why now?') && o.startsWith('Wren leans closer.'))!;
    expect(frames.staleness(reused)).toBeGreaterThan(0);
    expect(frames.staleness(unused)).toBe(0);
    const older = new Frames(['"What is the wheel to you, really?"', 'Nothing happens.'], false);
    older.render(en.hookQuestion, slots);
    expect(older.staleness(reused)).toBeLessThan(frames.staleness(reused));
    // The verb agrees with the topic, and the frame is the same: "What are the glass trees to you?"
    const plural = new Frames(['Wren waits. "What are the glass trees to you, really?"'], false);
    plural.render(en.hookQuestion, slots);
    expect(plural.staleness(reused)).toBeGreaterThan(0);
  });
});
