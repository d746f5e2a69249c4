/**
 * Who plays a story: the pack's own player, renamed by `--persona`; or, for a pack that names no
 * player (an imported card), the player's persona from the library (`skald personas`), so no
 * story is ever played by "You".
 */
import { activePersona, findPersona, type StoredPersona } from '../config/personas.js';
import type { PlayerPersona, WorldPack } from '../world/types.js';

export interface PlayerChoice {
  /** The pack to play: an open pack carries the chosen player as its own, so nothing is renamed. */
  pack: WorldPack;
  /** A name to rename the pack's own player to (a fixed pack under `--persona`). */
  persona?: PlayerPersona;
  /** The library persona used, if any. */
  library?: StoredPersona;
}

/**
 * The player of a new story (`requested` is `--persona` or `/persona`) or of a resumed one
 * (`resumedAs`, the name in its start record).
 */
export function choosePlayer(
  pack: WorldPack,
  requested: string | undefined,
  resumedAs?: string,
  env: NodeJS.ProcessEnv = process.env,
): PlayerChoice {
  const name = resumedAs ?? requested?.trim();
  if (!pack.player.open) {
    return name ? { pack, persona: { ...pack.player, name } } : { pack };
  }
  const library = name ? findPersona(name, env) : activePersona(env);
  const playAs = library?.name ?? name;
  if (!playAs) return { pack };
  const player: PlayerPersona = {
    ...pack.player,
    name: playAs,
    persona: library?.description || pack.player.persona,
    // A library persona brings where its description goes; the pack's own placement goes with its own description.
    ...(library?.description ? placementOf(library) : {}),
  };
  return { pack: { ...pack, player }, ...(library ? { library } : {}) };
}

/** A library persona's placement, replacing the pack's (absent: the system prompt). */
function placementOf(library: StoredPersona): Pick<PlayerPersona, 'position' | 'depth' | 'role'> {
  return { position: library.position, depth: library.depth, role: library.role };
}
