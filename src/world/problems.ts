/**
 * Problems found in a pack, and how they read: `world.yaml:14:5 characters[1].relations.morrow:
 * no character with id "morrow"`. Every loader and importer reports through these.
 */
import { oneLine } from '../text/sanitize.js';
import type { PackProblem } from './types.js';

/** Formats a field path like `characters[1].relations.morrow`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** One line per problem: `file:line:column path: message`, with `warning:` before warnings. */
export function formatProblem(p: PackProblem): string {
  let where = p.file;
  if (p.line !== undefined) where += `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}`;
  const field = p.path ? ` ${p.path}:` : '';
  const prefix = p.severity === 'warning' ? 'warning: ' : '';
  // File names, keys and messages come from the pack: one plain line, whatever they hold.
  return oneLine(`${prefix}${where}${field} ${p.message}`);
}

/** Splits problems into errors and warnings. */
export function partitionProblems(problems: readonly PackProblem[]): { errors: PackProblem[]; warnings: PackProblem[] } {
  return {
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}

/** A pack that cannot be loaded. The message is one line; `problems` holds every detail. */
export class PackError extends Error {
  readonly problems: PackProblem[];

  constructor(problems: PackProblem[], what = 'The world pack') {
    const errors = problems.filter((p) => p.severity === 'error');
    const first = errors[0] ?? problems[0];
    const count = errors.length || problems.length;
    const summary =
      count === 1 && first
        ? `${what} is invalid: ${formatProblem(first)}`
        : `${what} is invalid (${count} problems); run \`skald worlds validate\` on it to see them all.`;
    super(summary);
    this.name = 'PackError';
    this.problems = problems;
  }
}
