/**
 * The offline narrator read by the engine's own critics over a multi-turn story: what the critics
 * call a broken reply (speaking for the player, a broken law, mixed languages, no hook, ignoring
 * the player, repeating the last reply) must not be what a fresh `npm start` plays.
 */
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { CRITICS } from '../../../src/engine/critics/index.js';
import { loadLanguageDetector } from '../../../src/engine/critics/language-id.js';
import type { CriticContext } from '../../../src/engine/critics/context.js';
import type { Beat, Cadence, CriticId, StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { zhPack } from './zh-pack.js';
import { contextFor, planFor, requestFor } from './support.js';

// The critics run here directly, as a session runs them only after awaiting the detector.
await loadLanguageDetector();

const STRICT: CriticId[] = [
  'speaks-for-user',
  'law-violation',
  'mixed-language',
  'no-hook',
  'formatting',
  'out-of-character',
  'ignores-user',
  'boundary',
];
const BEATS: Array<[Beat, Cadence]> = [
  ['deepen', 'steady'],
  ['reveal', 'steady'],
  ['escalate', 'bold'],
  ['breathe', 'gentle'],
  ['complicate', 'steady'],
  ['resolve', 'gentle'],
];

function play(pack: WorldPack, inputs: string[], seed: number): Array<{ id: string; why: string; text: string }> {
  const problems: Array<{ id: string; why: string; text: string }> = [];
  const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
  for (let turn = 1; turn <= 12; turn++) {
    const input = inputs[(turn + seed) % inputs.length];
    const [beat, cadence] = BEATS[(turn + seed) % BEATS.length];
    const lore = pack.lore.filter((l) => l.constant || l.keys.some((k) => input.toLowerCase().includes(k.toLowerCase()))).map((l) => l.id);
    const plan = planFor(beat, cadence, { targetLength: pack.style.length });
    const context = contextFor(pack, { turn, playerInput: input, history: [...history], lore, seed });
    const replies = [0, 1, 2].map((i) => composeReply(context, requestFor(plan, `c${i}`), i).text);
    const recentReplies = history.filter((m) => m.role === 'narrator').map((m) => m.text);
    const ctx: CriticContext = { pack, persona: pack.player, plan, playerInput: input, recentReplies, history, facts: [], turn };
    for (const text of replies) {
      for (const id of STRICT) {
        const result = CRITICS[id](text, ctx);
        if (result.flagged) problems.push({ id, why: result.evidence.map((e) => `${e.why}: ${e.text}`).join('; '), text });
      }
      for (const e of CRITICS.repetition(text, ctx).evidence) {
        if (/last reply/.test(e.why)) problems.push({ id: 'repetition', why: `${e.why}: ${e.text}`, text });
      }
    }
    history.push({ role: 'player', text: input, turn }, { role: 'narrator', text: replies[turn % 3], turn });
  }
  return problems;
}

describe('offline narrator under the critics', () => {
  it('takes "and then?" as a cue to go on, not as a silence, and no strict critic flags the replies', () => {
    for (const [pack, inputs, silence] of [
      [miniPack(), ['And then?', 'What next?', 'Go on.'], /takes your silence|when nothing more comes|lets the quiet stretch/],
      [zhPack(), ['然后呢？', '后来呢？', '继续。'], /你的沉默|见你不语|没有打破这阵沉默/],
    ] as const) {
      for (const seed of [1, 2, 3]) {
        expect(play(pack, [...inputs], seed)).toEqual([]);
        for (const input of inputs) {
          const context = contextFor(pack, { turn: 3, playerInput: input, seed });
          for (const i of [0, 1, 2]) expect(composeReply(context, requestFor(planFor('deepen', 'steady')), i).text).not.toMatch(silence);
        }
      }
    }
  });

  it('plays twelve English turns that no strict critic flags', () => {
    const inputs = [
      'Why did the wheel stop?',
      'I pick up the lamp.',
      'I wait by the gate.',
      'Tell me about the ledger.',
      'I laugh and shake my head.',
      'Where is Ilsa tonight?',
    ];
    for (const seed of [1, 2, 3, 4, 5, 6]) expect(play(miniPack(), inputs, seed)).toEqual([]);
  });

  it('plays twelve Chinese turns that no strict critic flags', () => {
    const inputs = [
      '铜铃为什么不响了？',
      '我提着油灯往江边走。',
      '我在门口等着。',
      '告诉我掌柜去了哪里。',
      '我笑着摇了摇头。',
      '苏娘今晚在哪儿？',
    ];
    for (const seed of [1, 2, 3, 4, 5, 6]) expect(play(zhPack(), inputs, seed)).toEqual([]);
  });
});
