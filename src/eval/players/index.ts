/** The simulated players: scripted offline, a model-driven agent otherwise. */
import type { Provider } from '../../engine/types.js';
import type { PlayerStyle } from '../types.js';
import { modelPlayer } from './model.js';
import type { SimulatedPlayer } from './player.js';
import { scriptedPlayer } from './scripted.js';

export type { PlayerContext, PlayerMove, SimulatedPlayer } from './player.js';
export { scriptedPlayer } from './scripted.js';
export { modelPlayer, cleanPlayerLine, playerPrompt } from './model.js';
export { pacingTruth, parseStyles, STYLE_INSTRUCTIONS } from './styles.js';

/** The player for a run: scripted when the provider is offline, the model agent otherwise. */
export function createPlayer(style: PlayerStyle, seed: number, provider: Provider): SimulatedPlayer {
  return provider.offline ? scriptedPlayer(style, seed) : modelPlayer(style, seed, provider);
}
