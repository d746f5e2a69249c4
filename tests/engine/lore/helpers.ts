import type { LoreEntry } from '../../../src/world/types.js';
import type { StoryMessage } from '../../../src/engine/types.js';

/** A lore entry with the loader's defaults, overridden per test. */
export function entry(id: string, overrides: Partial<LoreEntry> = {}): LoreEntry {
  return {
    id,
    keys: [],
    secondary: [],
    selectiveLogic: 'and_any',
    text: `Lore about ${id}.`,
    constant: false,
    priority: 0,
    enabled: true,
    caseSensitive: false,
    wholeWords: true,
    excludeKeys: [],
    ...overrides,
  };
}

/** Story messages from plain strings, alternating narrator/player, turns counted up from `first`. */
export function story(texts: string[], first = 0): StoryMessage[] {
  return texts.map((text, i) => ({ role: i % 2 === 0 ? 'narrator' : 'player', text, turn: first + Math.floor((i + 1) / 2) }));
}
