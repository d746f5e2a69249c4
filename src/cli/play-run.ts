import type { PlayOptions } from './play.js';
import { SkaldError } from './errors.js';

export async function runPlay(_world: string | undefined, _options: PlayOptions): Promise<void> {
  throw new SkaldError('play is not built yet.');
}
