import { SkaldError } from './errors.js';

export async function critique(_options: { world: string; json?: boolean }): Promise<void> {
  throw new SkaldError('not built yet.');
}
