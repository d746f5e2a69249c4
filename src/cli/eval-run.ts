import { SkaldError } from './errors.js';

const todo = async (..._args: unknown[]): Promise<void> => {
  throw new SkaldError('not built yet.');
};
export const evaluate = todo;
export const compare = todo;
export const arena = todo;
