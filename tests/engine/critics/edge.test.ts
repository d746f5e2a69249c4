import { describe, expect, it } from 'vitest';
import { repairReply, runCritics } from '../../../src/engine/critics/index.js';
import { CRITIC_IDS } from '../../../src/engine/types.js';
import { contextFor } from './contexts.js';
import { miniPack } from '../../fixtures/mini-pack.js';

describe('critics on degenerate input', () => {
  it('handle an empty reply and a reply of whitespace without throwing', () => {
    for (const text of ['', '   \n\n  ']) {
      for (const lang of ['en', 'zh'] as const) {
        const results = runCritics(text, contextFor(lang));
        expect(results.map((r) => r.id)).toEqual([...CRITIC_IDS]);
        // An empty reply is too short and answers nothing; nothing else can be said about it.
        expect(results.filter((r) => r.flagged).map((r) => r.id)).toEqual(['ignores-user', 'length']);
      }
    }
    expect(repairReply('', contextFor('en'))).toEqual({ text: '', repairs: [] });
  });

  it('bound the history they read: a hundred earlier replies cost what six do', () => {
    const old = 'Wren stands by the silent wheel with his lamp, and the river runs cold below the mill.';
    const recent = [
      ...Array.from({ length: 94 }, () => old),
      ...Array.from({ length: 6 }, (_, i) => `Ilsa counts coin number ${i} into the ledger by candlelight.`),
    ];
    const result = runCritics(old, contextFor('en', { recent })).find((r) => r.id === 'repetition')!;
    // The copy of a reply 7+ turns back is out of the window the critic reads.
    expect(result.flagged).toBe(false);
    const near = runCritics(old, contextFor('en', { recent: [...recent, old] })).find((r) => r.id === 'repetition')!;
    expect(near.flagged).toBe(true);
  });

  it('know the player by the nicknames the pack lists: a line spoken as "Tam:" is the model speaking for her', () => {
    const reply = 'Wren sets down the lamp and waits.\nTam: I never wanted the mill.\nThe wheel creaks once.';
    const flagged = (aliases?: string[]) => {
      const base = miniPack();
      const pack = { ...base, player: { ...base.player, ...(aliases ? { aliases } : {}) } };
      return runCritics(reply, { ...contextFor('en'), pack, persona: pack.player }).find((r) => r.id === 'speaks-for-user')!;
    };
    expect(flagged().flagged).toBe(false);
    const withNickname = flagged(['Tam']);
    expect(withNickname.flagged).toBe(true);
    expect(withNickname.evidence.map((e) => e.text).join(' ')).toContain('Tam:');
  });
});
