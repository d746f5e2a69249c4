/**
 * Where a story starts: the `session-start` record a new one writes, and what a resume reads back
 * from its log (the world it was played in, the player's name, the opening on screen).
 */
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import { namePlayer } from '../persona-name.js';
import { runSettings, type SessionDeps } from './deps.js';
import { SessionError } from './errors.js';
import { swipedOpening, type SessionRecord, type SessionStartRecord } from './records.js';

/** The opening `openingId` names, or the world's first; a SessionError naming the choices when there is none. */
export function findOpening(pack: WorldPack, openingId?: string): Opening {
  if (pack.openings.length === 0) throw new SessionError(`World "${pack.id}" has no opening to start from.`);
  if (!openingId) return pack.openings[0];
  const opening = pack.openings.find((o) => o.id === openingId);
  if (!opening)
    throw new SessionError(`World "${pack.id}" has no opening "${openingId}"; it has ${pack.openings.map((o) => o.id).join(', ')}.`);
  return opening;
}

/** What a new story's first record says: its world, opening, player, seed, narrator and settings. */
export function startRecord(id: string, at: number, deps: SessionDeps, opening: Opening, persona: PlayerPersona): SessionStartRecord {
  const { pack, provider } = deps;
  return {
    type: 'session-start',
    v: 1,
    id,
    at,
    packId: pack.id,
    packTitle: pack.title,
    openingId: opening.id,
    persona: persona.name,
    seed: deps.seed,
    provider: { id: provider.id, label: provider.label, offline: provider.offline, ...(provider.model ? { model: provider.model } : {}) },
    ...runSettings(deps),
    ...(deps.pacingProfile ? { pacingProfile: deps.pacingProfile } : {}),
  };
}

/** A log's start as a resume needs it: the record, and the world, player and opening it names. */
export interface ResumedStart {
  start: SessionStartRecord;
  pack: WorldPack;
  persona: PlayerPersona;
  opening: Opening;
}

/** The world and player a start record names in `pack` (a start rebuilt without a name keeps the pack's player). */
export function startPlayer(pack: WorldPack, start: SessionStartRecord): { pack: WorldPack; persona: PlayerPersona } {
  return namePlayer(pack, start.persona ? { ...pack.player, name: start.persona } : pack.player);
}

/** Reads the start of `records` against the world `pack` it is resumed in; a SessionError when they do not belong together. */
export function readStart(records: readonly SessionRecord[], pack: WorldPack): ResumedStart {
  const start = records[0];
  if (!start || start.type !== 'session-start')
    throw new SessionError('This session has no readable start record, so it cannot be resumed.');
  // A start record rebuilt from a damaged line may have lost its world, opening or name (empty).
  if (start.packId && start.packId !== pack.id)
    throw new SessionError(`This session was played in world "${start.packId}", not "${pack.id}".`);
  const named = startPlayer(pack, start);
  // An opening swiped to before the first turn replaces the one the story started with.
  const swiped = swipedOpening(records, (id) => named.pack.openings.some((o) => o.id === id));
  const found = findOpening(named.pack, swiped ?? (start.openingId || undefined));
  // An imported story keeps the opening it was written from until another is swiped to.
  const opening = start.openingText !== undefined && !swiped ? { ...found, text: start.openingText } : found;
  return { start, pack: named.pack, persona: named.persona, opening };
}
