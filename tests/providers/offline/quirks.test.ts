/**
 * A pack's quirks and goals are notes for the narrator. The offline narrator shows a quirk as one
 * moment of behaviour ("Wren counts sacks under his breath."), never recites the note, and never
 * states the tell it hides ("when she is lying"), nor narrates a goal kept from the player.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { quirkAction } from '../../../src/providers/offline/quirks.js';
import { loadPack } from '../../../src/world/load.js';
import type { Beat, Cadence, StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { zhPack } from './zh-pack.js';
import { contextFor, planFor, requestFor } from './support.js';

async function bundled(id: string): Promise<WorldPack> {
  const result = await loadPack(fileURLToPath(new URL(`../../../worlds/${id}/`, import.meta.url)), 'bundled');
  if (!result.ok) throw new Error(`${id} did not load`);
  return result.loaded.pack;
}

const BEATS: Array<[Beat, Cadence]> = [
  ['breathe', 'gentle'],
  ['escalate', 'bold'],
  ['deepen', 'steady'],
  ['complicate', 'steady'],
  ['resolve', 'gentle'],
  ['reveal', 'steady'],
];

/** Every candidate of a twenty-turn story, each cast member leading in turn. */
function candidates(pack: WorldPack, inputs: string[], seeds: number[]): string[] {
  const out: string[] = [];
  for (const seed of seeds) {
    const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
    for (let turn = 1; turn <= 20; turn++) {
      const input = inputs[(turn + seed) % inputs.length];
      const [beat, cadence] = BEATS[(turn + seed) % BEATS.length];
      const actors = [pack.characters[turn % pack.characters.length].id];
      const context = contextFor(pack, { turn, playerInput: input, history: [...history], seed });
      const texts = [0, 1, 2].map(
        (i) => composeReply(context, requestFor(planFor(beat, cadence, { actors, targetLength: pack.style.length })), i).text,
      );
      out.push(...texts);
      history.push({ role: 'player', text: input, turn }, { role: 'narrator', text: texts[turn % 3], turn });
    }
  }
  return out;
}

describe('quirks as behaviour', () => {
  it('cuts the condition that makes a quirk a tell, and drops notes that only state a rule or a trait', () => {
    expect(quirkAction('counts sacks under his breath when he is upset', false)).toBe('counts sacks under his breath');
    expect(quirkAction("wears Corwin's iron wedding ring on a chain and touches it when she is lying", false)).toBe(
      "wears Corwin's iron wedding ring on a chain and touches it",
    );
    expect(quirkAction('flour lives in the creases of his knuckles however hard he scrubs', false)).toBe(
      'flour lives in the creases of his knuckles',
    );
    expect(quirkAction('turns her signet ring a quarter turn before she makes a decision', false)).toBe(
      'turns her signet ring a quarter turn',
    );
    // What is about to happen is behaviour, not a tell.
    expect(quirkAction('taps her ledger twice before answering', false)).toBe('taps her ledger twice before answering');
    expect(quirkAction('pours tea for guests and never drinks her own', false)).toBe('pours tea for guests');
    expect(quirkAction('wipes down any surface in front of him, even clean ones', false)).toBe('wipes down the surface in front of him');
    expect(quirkAction('keeps his scarred hands bare and in view, always', false)).toBe('keeps his scarred hands bare and in view');
    expect(quirkAction('calls Sable "crown-bearer" as if it were an insult, then apologises', false, 'Sable')).toBe(
      'calls you "crown-bearer" as if it were an insult, then apologises',
    );
    for (const note of [
      'never sits when others stand',
      'has no fear of rank and no manners about it',
      'remembers every name on first hearing and uses it too often',
      'cooks when he is anxious, whether or not anyone is hungry',
      'writes every conversation into her ledger afterwards, in green ink',
    ]) {
      expect(quirkAction(note, false), note).toBe('');
    }
    expect(quirkAction('撒谎的时候会揪自己的耳朵', true)).toBe('揪了揪自己的耳朵');
    // A note's choice ("棋盘或桌面") is one thing in a moment.
    expect(quirkAction('思考时用指节轻叩棋盘或桌面', true)).toBe('用指节轻叩棋盘');
    expect(quirkAction('说话前或许会停一停', true)).toBe('说话前或许会停一停');
    expect(quirkAction('taps the board or the table while he thinks', false)).toBe('taps the board');
    expect(quirkAction('每晚打烊前都要摸一摸墙上最末那个空铁钩', true)).toBe('摸了摸墙上最末那个空铁钩');
    expect(quirkAction('肩上永远搭着一条灰扑扑的布巾', true)).toBe('肩上搭着一条灰扑扑的布巾');
    for (const note of [
      '从不让人看她右手腕上那条青布底下',
      '谁说一个“死”字她都要啐一口，说不吉利',
      '听到“江湖”两个字眼睛就发亮',
      '记性极好，能一字不差复述别人三天前说过的话',
    ]) {
      expect(quirkAction(note, true), note).toBe('');
    }
  });

  it('never recites a Glass Orchard quirk that hides a tell, and still shows the quirks as actions', async () => {
    const pack = await bundled('glass-orchard');
    const texts = candidates(
      pack,
      ['I wait.', 'I ask Ilsa about the note.', 'I sit with Wren by the wheel.', 'Tell me about the orchard, Maud.', 'ok'],
      [1, 2],
    );
    const all = texts.join('\n');
    for (const c of pack.characters) {
      for (const q of c.quirks) if (quirkAction(q, false, pack.player.name) !== q) expect(all, q).not.toContain(q);
    }
    expect(all).not.toMatch(/when (he|she|they) (is|are) (lying|upset|anxious|thinking)/);
    expect(all).not.toMatch(/old habit shows/);
    expect(all).not.toMatch(/\bnever (stands|sits)\b/);
    expect(all).toContain('Wren counts sacks under his breath.');
    expect(all).toMatch(/Ilsa wears Corwin's iron wedding ring on a chain and touches it\./);
  });

  it('never recites a Qingshan Inn quirk that hides a tell or a secret', async () => {
    const pack = await bundled('qingshan-inn');
    const texts = candidates(pack, ['我等着。', '掌柜的，这雪什么时候能停？', '我在火边坐下。', '那封信是谁写的？', '嗯'], [1, 2]);
    const all = texts.join('\n');
    expect(all).not.toMatch(/撒谎的时候|有个习惯|从不让人看|记性极好|每天清晨/);
    expect(all).toMatch(/揪了揪自己的耳朵|用指节轻叩棋盘|摸了摸墙上最末那个空铁钩|肩上搭着一条灰扑扑的布巾/);
    for (const t of texts) expect(t).not.toMatch(/[A-Za-z]/);
    // The quirk is not told again by a line that already shows it ("*他用指节轻叩桌面。*").
    for (const t of texts) expect(t.includes('用指节轻叩棋盘') && t.includes('用指节轻叩桌面'), t).toBe(false);
  });
});

describe('goals kept from the player', () => {
  it('does not narrate a goal the character hides from the player, in either language', () => {
    const base = miniPack();
    const pack = miniPack({
      characters: base.characters.map((c) =>
        c.id === 'wren' ? { ...c, goals: ['pay Ilsa forty crowns without Tamsin finding out', 'restart the wheel'] } : c,
      ),
    });
    let shown = 0;
    for (let seed = 0; seed < 30; seed++) {
      const reply = composeReply(
        contextFor(pack, { playerInput: 'I wait.', seed }),
        requestFor(planFor('deepen', 'steady', { actors: ['wren'] })),
        seed % 3,
      );
      expect(reply.text).not.toContain('forty crowns');
      if (reply.text.includes('restart the wheel')) shown += 1;
    }
    expect(shown).toBeGreaterThan(10);
    const zh = zhPack();
    zh.characters = zh.characters.map((c) => (c.id === 'laochen' ? { ...c, goals: ['不让任何人知道她就是断水剑', '找回失踪的掌柜'] } : c));
    for (let seed = 0; seed < 30; seed++) {
      const text = composeReply(
        contextFor(zh, { playerInput: '我等着。', seed }),
        requestFor(planFor('deepen', 'steady', { actors: ['laochen'], targetLength: [80, 240] })),
        0,
      ).text;
      expect(text).not.toContain('断水剑');
    }
  });

  it('narrates a goal about the player in the second person', () => {
    const base = miniPack();
    const pack = miniPack({
      characters: base.characters.map((c) => (c.id === 'wren' ? { ...c, goals: ["keep Tamsin's share of the mill safe"] } : c)),
    });
    let shown = 0;
    for (let seed = 0; seed < 30; seed++) {
      const goal = composeReply(
        contextFor(pack, { playerInput: 'I wait.', seed }),
        requestFor(planFor('deepen', 'steady', { actors: ['wren'] })),
        seed % 3,
      ).parts.find((p) => p.kind === 'goal');
      if (!goal) continue;
      shown += 1;
      expect(goal.text).toContain('keep your share of the mill safe');
    }
    expect(shown).toBeGreaterThan(10);
  });
});
