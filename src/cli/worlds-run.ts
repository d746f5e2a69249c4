import { SkaldError } from './errors.js';

const todo = async (..._args: unknown[]): Promise<void> => {
  throw new SkaldError('not built yet.');
};
export const list = todo;
export const show = todo;
export const validate = todo;
export const create = todo;
export const install = todo;
export const schema = todo;
