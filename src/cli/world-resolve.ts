import { resolveWorld, UnknownWorldError } from '../world/discover.js';
import { formatProblem, PackError } from '../world/problems.js';
import type { LoadedPack } from '../world/types.js';
import { InputError } from '../errors.js';
import { InstallRefused } from '../world/install.js';

/** Turns a world loader error into the CLI's input error: one sentence, problems below it. */
export function asInputError(error: unknown): never {
  if (error instanceof PackError) {
    // A single problem is already in the message; more go one per line below it.
    const details = error.problems.length > 1 ? error.problems.map((p) => `  ${formatProblem(p)}`) : [];
    throw new InputError(error.message, details);
  }
  if (error instanceof UnknownWorldError || error instanceof InstallRefused) throw new InputError(error.message);
  throw error;
}

/** A world by bundled or installed id, or by path; bad input becomes an `InputError`. */
export async function resolveWorldOrExit(idOrPath: string): Promise<LoadedPack> {
  try {
    return await resolveWorld(idOrPath);
  } catch (error) {
    return asInputError(error);
  }
}
