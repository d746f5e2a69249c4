import { SkaldError } from './errors.js';

export async function doctor(_options: { profile?: string; json?: boolean }): Promise<void> {
  throw new SkaldError('not built yet.');
}
