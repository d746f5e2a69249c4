/**
 * The compiling a story's first turn would otherwise do on the player's time, done ahead: a
 * critique of the opening compiles every critic's patterns for this pack and persona, the
 * boundary lexicon (which the opening's critique skips unless it holds a hint word) is run to
 * machine code (~0.1-0.2 s of the first reply that holds one), as is filler's stock-phrase regex
 * (both are made on first use, off the first frame), and counting its tokens loads
 * the encoder (~0.2 s). Then the planner's scene patterns for each character (who is named,
 * approached, leaving, sent away): ~0.13 s of a first turn's CPU with three candidates, measured in
 * process (BENCHMARKS.md). Running the fact patterns and pacing cues here as well made every later
 * turn ~60 ms slower in the same measure, so they are not. Only caches keyed by pack and text are
 * filled; nothing a turn can see changes.
 */
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import { critiqueCandidate, warmBoundary, warmFiller } from '../critics/index.js';
import { loadLanguageDetector } from '../critics/language-id.js';
import { neutralPlan, warmPlanner } from '../planner/index.js';
import { countTokens } from '../tokens.js';
import { criticContext } from './context.js';

/** Loads the language detector, then critiques and counts `opening` once. */
export async function warmCaches(pack: WorldPack, persona: PlayerPersona, opening: Opening): Promise<void> {
  await loadLanguageDetector();
  const plan = neutralPlan(pack, 0);
  const playerInput = opening.text.slice(0, 120);
  critiqueCandidate(opening.text, criticContext({ pack, persona, plan, playerInput, history: [], facts: [], turn: 0 }));
  warmBoundary();
  warmFiller();
  countTokens(opening.text);
  warmPlanner(pack);
}
