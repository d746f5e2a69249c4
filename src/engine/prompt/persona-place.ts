/**
 * Where the player's description goes, as SillyTavern's persona_description_position places it
 * (public/scripts/personas.js, authors-note.js): in the system prompt; at the top or bottom of the
 * author's note, on the turns that carry the note; `depth` messages from the end with a role; or
 * nowhere.
 */
import type { PlayerPersona } from '../../world/types.js';
import type { ChatMessage } from '../types.js';

/** SillyTavern's default depth for a persona placed in the chat. */
export const DEFAULT_PERSONA_DEPTH = 2;

export interface PersonaPlace {
  /** The description stays in the system prompt's persona section. */
  inSystem: boolean;
  /** In the author's note slot, before or after the note. */
  note?: 'top' | 'bottom';
  /** In the chat, this many messages from the end, as `role`. */
  depth?: number;
  role: ChatMessage['role'];
}

/** Where `persona`'s description goes. */
export function personaPlacement(persona: Pick<PlayerPersona, 'position' | 'depth' | 'role'>): PersonaPlace {
  const role = persona.role ?? 'system';
  switch (persona.position) {
    case 'authors_note_top':
      return { inSystem: false, note: 'top', role };
    case 'authors_note_bottom':
      return { inSystem: false, note: 'bottom', role };
    case 'depth':
      return { inSystem: false, depth: persona.depth ?? DEFAULT_PERSONA_DEPTH, role };
    case 'none':
      return { inSystem: false, role };
    case 'prompt':
    case undefined:
      return { inSystem: true, role };
  }
}
