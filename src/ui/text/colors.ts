/**
 * Character colours: the pack's `color` hint when it is one Ink can draw, otherwise a colour from a
 * small palette chosen by a stable hash of the character's id, so a name keeps its colour across
 * sessions.
 */
import type { WorldPack } from '../../world/types.js';

const PALETTE = [
  'cyan',
  'magenta',
  'yellow',
  'green',
  'blueBright',
  'redBright',
  'cyanBright',
  'magentaBright',
  'greenBright',
  'yellowBright',
];
const NAMED = new Set([
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'gray',
  'grey',
  ...['red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'black'].map((c) => `${c}Bright`),
]);

/** A stable 32-bit hash (FNV-1a). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The colour for a character: its hint if valid, else the palette colour of its id. */
export function characterColor(id: string, hint?: string): string {
  if (hint && (/^#[0-9a-f]{6}$/i.test(hint) || NAMED.has(hint))) return hint;
  return PALETTE[hash(id) % PALETTE.length];
}

export interface NameColor {
  /** A name or alias as it appears in text. */
  name: string;
  color: string;
}

/** Every name and alias of the pack's characters with its colour, longest first (so "Old Tamsin" wins over "Tamsin"). */
export function nameColors(pack: WorldPack): NameColor[] {
  const out: NameColor[] = [];
  for (const c of pack.characters) {
    const color = characterColor(c.id, c.color);
    for (const name of [c.name, ...c.aliases, ...(c.nickname ? [c.nickname] : [])]) {
      if (name.trim().length >= 2) out.push({ name: name.trim(), color });
    }
  }
  return out.sort((a, b) => b.name.length - a.name.length);
}
