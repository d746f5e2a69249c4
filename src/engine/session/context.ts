/**
 * What a turn sees of the story: the history along a branch, the critics' context, the session
 * id. Pure helpers shared by live play, regenerate and replay.
 */
import { resolveMacros } from '../macros.js';
import { cardMacroValues } from '../../world/card-fields.js';
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { CandidateVariant, Fact, Plan, Random, StoryMessage } from '../types.js';
import { variantsFor } from '../carousel/index.js';
import type { CriticContext } from '../critics/index.js';
import type { TurnNode } from './tree.js';

/** The opening as the first story message (turn 0), macros resolved (rolls from the story's seed). */
export function openingMessage(pack: WorldPack, opening: Opening, persona: PlayerPersona, seed?: number, startedAt?: number): StoryMessage {
  const char = pack.characters.find((c) => opening.characters.includes(c.id)) ?? pack.characters[0];
  const inScene = opening.characters.length > 0 ? pack.characters.filter((c) => opening.characters.includes(c.id)) : pack.characters;
  const names = {
    user: persona.name,
    char: char?.nickname ?? char?.name ?? '',
    group: inScene.map((c) => c.nickname ?? c.name),
    turn: 0,
    ...(seed !== undefined ? { seed } : {}),
    ...(startedAt !== undefined ? { now: startedAt } : {}),
  };
  const text = resolveMacros(opening.text, { ...names, ...cardMacroValues(char, pack, (t) => resolveMacros(t, names)) });
  return { role: 'narrator', text, turn: 0 };
}

/** The story along `nodes` (oldest first): the opening, then each input and its chosen reply. */
export function historyOf(opening: StoryMessage, nodes: readonly TurnNode[]): StoryMessage[] {
  const messages: StoryMessage[] = [opening];
  for (const node of nodes) {
    messages.push({ role: 'player', text: node.input.text, turn: node.number });
    const reply = node.candidates[node.chosen];
    if (reply) messages.push({ role: 'narrator', text: reply.text, turn: node.number });
  }
  return messages;
}

/** The critics' view of a candidate at a turn. */
export function criticContext(args: {
  pack: WorldPack;
  persona: PlayerPersona;
  plan: Plan;
  playerInput: string;
  history: StoryMessage[];
  facts: Fact[];
  turn: number;
}): CriticContext {
  // The last four replies, found from the end: the story's length does not matter.
  const recentReplies: string[] = [];
  for (let i = args.history.length - 1; i >= 0 && recentReplies.length < 4; i--) {
    if (args.history[i].role === 'narrator') recentReplies.unshift(args.history[i].text);
  }
  return { ...args, recentReplies };
}

/** Reply tokens asked for: room above the plan's target so a reply can finish its sentence. */
export function maxReplyTokens(plan: Plan): number {
  return Math.max(64, Math.ceil(plan.targetLength[1] * 1.5));
}

/** A session id sortable by time: `20261129-0435-ab12` (UTC). */
export function formatSessionId(ms: number, random: Random): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}-${suffix}`;
}

/** Exactly `n` variants: the carousel's, repeated with a numbered label if it offers fewer. */
export function variantsOf(plan: Plan, n: number, random: Random): CandidateVariant[] {
  const offered = variantsFor(plan, n, random);
  if (offered.length === 0)
    return Array.from({ length: n }, (_, i) => ({
      beat: plan.beat,
      cadence: plan.cadence,
      label: i === 0 ? 'planned' : `planned ${i + 1}`,
    }));
  const out = offered.slice(0, n);
  for (let i = out.length; i < n; i++) {
    const base = offered[i % offered.length];
    out.push({ ...base, label: `${base.label} ${Math.floor(i / offered.length) + 1}` });
  }
  return out;
}
