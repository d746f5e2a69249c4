/**
 * How the offline narrator echoes the player's words: a plural topic takes a plural verb, a
 * telling is heard rather than watched, an action is reflected in a whole sentence, and a
 * character asked about themselves does not repeat their own title back as if it were the player's.
 */
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { isPlural } from '../../../src/providers/offline/plural.js';
import { CRITICS } from '../../../src/engine/critics/index.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { zhPack } from './zh-pack.js';
import { BEAT_CADENCES, contextFor, planFor, requestFor } from './support.js';

function replies(input: string, seeds = 40, pack = miniPack(), over: Parameters<typeof contextFor>[1] = {}): string[] {
  const out: string[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const [beat, cadence] = BEAT_CADENCES[seed % BEAT_CADENCES.length];
    const c = contextFor(pack, { playerInput: input, seed, ...over });
    for (let i = 0; i < 3; i++) out.push(composeReply(c, requestFor(planFor(beat, cadence)), i).text);
  }
  return out;
}

describe('number agreement', () => {
  it('reads the head noun of a phrase', () => {
    for (const p of ['the glass trees', 'the Keepers', "the mother's letters", 'the children', 'your boots'])
      expect(isPlural(p), p).toBe(true);
    for (const p of ['the glass', 'the mill', 'Ossath', 'the news', 'the Glass Orchard', 'the crisis', 'Moss', 'the bus'])
      expect(isPlural(p), p).toBe(false);
  });

  it('asks "What are the glass trees to you?", never "What is the glass trees"', () => {
    const texts = replies('I ask Wren about the glass trees.', 24);
    for (const t of texts) expect(t).not.toMatch(/\bis the glass trees\b|\bthe glass trees (is|comes|was)\b/);
    expect(texts.some((t) => t.includes('"What are the glass trees to you, really?"'))).toBe(true);
    const singular = replies('I ask Wren about the mill.', 24);
    expect(singular.some((t) => t.includes('"What is the mill to you, really?"'))).toBe(true);
  });

  it('hints at a plural secret with a plural verb', () => {
    const base = miniPack();
    const pack = miniPack({ characters: base.characters.map((c) => (c.id === 'wren' ? { ...c, secrets: ['he burned her letters'] } : c)) });
    let hinted = 0;
    for (let seed = 0; seed < 60; seed++) {
      const reply = composeReply(
        contextFor(pack, { playerInput: 'I wait.', seed }),
        requestFor(planFor('reveal', 'steady', { actors: ['wren'] })),
        seed % 3,
      );
      expect(reply.text).not.toMatch(/the letters comes up/);
      if (/Whenever the letters come up/.test(reply.text)) hinted += 1;
    }
    expect(hinted).toBeGreaterThan(0);
  });
});

describe('echoes of what the player did and said', () => {
  it('reflects an action in a whole sentence, never "Walking toward the orchard, then."', () => {
    const texts = [...replies('I walk toward the orchard.', 15), ...replies('I walk away.', 15)];
    for (const t of texts) expect(t).not.toMatch(/(^|\n|[.!?] )[A-Z][a-z]+ing\b[^.!?"]*, then\./);
    expect(texts.some((t) => /\byou walking away\b/.test(t))).toBe(true);
  });

  it('hears what the player tells instead of following their eyes to it', () => {
    const pack = miniPack();
    for (let seed = 0; seed < 30; seed++) {
      const c = contextFor(pack, { playerInput: 'I tell Wren I came back for the harvest.', seed });
      for (let i = 0; i < 3; i++) {
        const ack = composeReply(c, requestFor(planFor('deepen', 'steady')), i).parts.find((p) => p.kind === 'ack');
        expect(ack?.text).toContain('harvest');
        expect(ack?.text).not.toMatch(/eyes follow yours|glances at|watches you telling|takes in the harvest/);
      }
    }
  });

  it("does not make a character repeat their own title back as if it were the player's", () => {
    const pack = miniPack();
    const opening = pack.openings[1];
    for (let seed = 0; seed < 30; seed++) {
      const c = contextFor(pack, { opening, playerInput: 'What do you know about the widow?', seed });
      for (let i = 0; i < 3; i++) {
        const text = composeReply(c, requestFor(planFor('deepen', 'steady', { actors: ['ilsa'] })), i).text;
        expect(text).not.toMatch(/"The widow[,.?]" Ilsa/);
        expect(text).not.toMatch(/What is the widow to you/);
        const critic = CRITICS['reference-confusion'](text, {
          pack,
          persona: pack.player,
          playerInput: c.playerInput,
          recentReplies: [],
          history: c.history,
          facts: [],
          turn: 1,
        });
        expect(critic.flagged, text).toBe(false);
      }
    }
  });

  it('never sets a kin word the player used beside a character\'s name ("your father, Wren")', () => {
    const pack = miniPack();
    for (const input of ['What do you know about my father?', 'I have a knife from my father.']) {
      for (let seed = 0; seed < 30; seed++) {
        const c = contextFor(pack, { playerInput: input, seed });
        for (let i = 0; i < 3; i++) {
          const text = composeReply(c, requestFor(planFor('deepen', 'steady')), i).text;
          expect(text).not.toMatch(/your father, (Wren|Ilsa)/);
          const critic = CRITICS['reference-confusion'](text, {
            pack,
            persona: pack.player,
            playerInput: input,
            recentReplies: [],
            history: c.history,
            facts: [],
            turn: 1,
          });
          expect(critic.flagged, text).toBe(false);
        }
      }
    }
  });

  it('in Chinese, gives a watched action its subject and does not take a self-introduction for an action', () => {
    const pack = zhPack();
    const acted = replies('我把油灯放在桌上。', 15, pack, {});
    for (const t of acted) expect(t).not.toMatch(/(^|[。！？\n])把油灯放在桌上(——|，)/);
    expect(acted.some((t) => t.includes('你把油灯放在桌上'))).toBe(true);
    for (const t of replies('我叫阿远。', 15, pack)) {
      expect(t).not.toMatch(/叫阿远(——|，陈伯|，苏娘)/);
      expect(t).not.toContain('“我叫阿远');
    }
  });
});
