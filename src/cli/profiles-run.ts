import { SkaldError } from './errors.js';

const todo = async (..._args: unknown[]): Promise<void> => {
  throw new SkaldError('not built yet.');
};
export const list = todo;
export const add = todo;
export const use = todo;
export const remove = todo;
