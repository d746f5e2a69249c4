import { SkaldError } from './errors.js';

export async function importCommand(_file: string, _options: { out?: string; into?: string; json?: boolean }): Promise<void> {
  throw new SkaldError('not built yet.');
}
