import { SkaldError } from './errors.js';

const todo = async (..._args: unknown[]): Promise<void> => {
  throw new SkaldError('not built yet.');
};
export const get = todo;
export const set = todo;
export const list = todo;
export const path = todo;
