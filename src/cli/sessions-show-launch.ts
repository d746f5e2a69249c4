/**
 * `skald sessions show <id> [--json]` answered before the CLI is read, as `--version` is
 * (launch.ts): for a story the lean reader vouches for, the id is resolved, the log read and the
 * story printed by the same code the CLI's `show` runs (sessions-show-lean.ts), without loading
 * commander, every command's declarations, the careful loader and its schema (~70-90 ms of start-up
 * a `show` paid before reading a byte, BENCHMARKS.md). Anything else goes to the CLI, which
 * answers as it always has: another command line (`--verbose`, `--help`, another option), an id
 * that does not resolve, a log it cannot read or the lean reader does not vouch for (then the CLI
 * goes straight to the careful loader, whose warnings are the player's). An imported story's
 * greeting and asides load the importer's reading of them only for such a story.
 */
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { readLeanStory } from '../store/lean-story.js';
import { resolveSessionId } from '../store/list.js';
import { sessionPath } from '../store/session-paths.js';
import { quietOnClosedPipe } from './closed-pipe.js';
import { refuseLean, showLeanStory } from './sessions-show-lean.js';

/** The id and form of a command line this path answers: `sessions show <id>` with `--json` or not, before or after the id. */
export function quickShowArgs(args: readonly string[]): { id: string; json: boolean } | undefined {
  if (args[0] !== 'sessions' || args[1] !== 'show' || args.length < 3 || args.length > 4) return undefined;
  const rest = args.slice(2);
  const ids = rest.filter((arg) => arg !== '--json');
  if (ids.length !== 1 || ids[0].startsWith('-')) return undefined;
  return { id: ids[0], json: rest.length === 2 };
}

/**
 * V8 doubles its young generation when enough survives a scavenge; for this one read of a whole log
 * it grows to its largest at once: a 10,000-turn `--json` show scavenged 14 times instead of 21, and
 * took less CPU in 24 of 25 and 26 of 31 paired rounds (-4-5%, BENCHMARKS.md). Put back to V8's own
 * factor when the CLI takes over, whose cap (young-generation.ts) is made for a long session.
 */
const LOAD_GROWTH = 16;
const V8_GROWTH = 2;

/**
 * Prints the story and says true, or says false having printed nothing, for the CLI to answer.
 * `write` takes the whole output (stdout).
 */
export async function showQuickly(
  args: readonly string[],
  write: (text: string | Buffer) => void = (text) => void process.stdout.write(text),
): Promise<boolean> {
  const asked = quickShowArgs(args);
  if (!asked) return false;
  setFlagsFromString(`--semi-space-growth-factor=${LOAD_GROWTH}`);
  const shown = await output(asked);
  if (shown === undefined) {
    setFlagsFromString(`--semi-space-growth-factor=${V8_GROWTH}`);
    return false;
  }
  quietOnClosedPipe();
  write(shown);
  return true;
}

/** What show prints for the story `asked` names, or undefined for the CLI to answer. */
async function output(asked: { id: string; json: boolean }): Promise<string | Buffer | undefined> {
  let id: string;
  let path: string;
  try {
    id = resolveSessionId(asked.id);
    path = sessionPath(id);
  } catch {
    return undefined;
  }
  const bytes = await readFile(path).catch(() => undefined);
  if (!bytes) return undefined;
  try {
    const story = readLeanStory(bytes);
    if (!story) {
      refuseLean(path);
      return undefined;
    }
    const imported = story.start.imported ? (await import('./sessions-show-imported.js')).importedView(story.start) : undefined;
    return showLeanStory(story, id, asked.json, imported);
  } catch {
    // Whatever went wrong, the CLI meets it again and reports it in its one line; from here it
    // would be a stack trace.
    return undefined;
  }
}
