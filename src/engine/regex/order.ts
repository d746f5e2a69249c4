/**
 * Which regex scripts a story runs, in SillyTavern's order (its SCRIPT_TYPES, "ORDER MATTERS":
 * global, then the preset's, then the character's): the player's global scripts and their
 * chat-completion preset's run before the card's, each on the text the one before left.
 */
import type { RegexScript, WorldPack } from '../../world/types.js';

/** `pack` with the player's global and preset scripts before its own; the same pack when there are none. */
export function withPlayerScripts(pack: WorldPack, global: readonly RegexScript[], preset: readonly RegexScript[] = []): WorldPack {
  if (global.length === 0 && preset.length === 0) return pack;
  return { ...pack, regexScripts: [...global, ...preset, ...(pack.regexScripts ?? [])] };
}
