/**
 * Packs and contexts for the speaks-for-user and reference-confusion tests: one character alone
 * with the player (the usual chat role-play), in English and Chinese, so who speaks is plain.
 */
import type { CriticContext } from '../../../src/engine/critics/context.js';
import { runCritics } from '../../../src/engine/critics/index.js';
import type { CriticId, CriticResult } from '../../../src/engine/types.js';
import type { PlayerPersona, WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { zhPack } from './contexts.js';

/** The mini pack with Ilsa alone (she), the player as given. */
export function ilsaAlone(player: Partial<PlayerPersona> = {}): WorldPack {
  const base = miniPack();
  const ilsa = {
    ...base.characters[1],
    persona: 'A widow who lends money. She keeps her ledgers herself and trusts nobody with her keys.',
  };
  return { ...base, characters: [ilsa], player: { ...base.player, ...player } };
}

/** The Chinese pack with 伊莎 alone (她), the player as given. */
export function yishaAlone(player: Partial<PlayerPersona> = {}): WorldPack {
  const base = zhPack();
  const yisha = { ...base.characters[1], persona: '放贷记账的寡妇。她自己管账，她的钥匙从不离身。' };
  return { ...base, characters: [yisha], player: { ...base.player, ...player } };
}

/** The mini pack told by a game master alone (the player is Tamsin): the shape of a table-top pack. */
export function gameMasterPack(name = 'Game Master'): WorldPack {
  const base = miniPack();
  const gm = { ...base.characters[0], id: 'gm', name, aliases: [], persona: 'Runs the table and voices everyone the party meets.' };
  return { ...base, characters: [gm] };
}

export interface Say {
  input?: string;
  recent?: string[];
}

/** A context for `pack` played as its own persona. */
export function ctxOf(pack: WorldPack, say: Say = {}): CriticContext {
  return {
    pack,
    persona: pack.player,
    playerInput: say.input ?? '',
    recentReplies: say.recent ?? [],
    history: [],
    facts: [],
    turn: 1,
  };
}

/** One critic's settled result, as a session sees it (unsure findings become hints). */
export function verdict(id: CriticId, text: string, ctx: CriticContext): CriticResult {
  return runCritics(text, ctx).find((r) => r.id === id)!;
}

/** The evidence texts joined, for `toContain` checks. */
export function evidenceText(r: CriticResult): string {
  return r.evidence.map((e) => e.text).join(' | ');
}
