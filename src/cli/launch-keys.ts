/**
 * Raw mode from the launcher on. Node reads the CLI's modules for ~0.3-0.6 s before `play` could
 * hold the keys typed meanwhile (`early-keys.ts`), and the cooked terminal echoed them over the
 * screen (`^[[B^[[B` above the start screen). So when the command line will start the TUI, the
 * launcher holds them at once, before the heavy modules load; `play` takes them over from here,
 * and every other way out (another command after all, an error, the end of `main`) releases them,
 * which gives the terminal back its cooked mode. Light: only the key holder is loaded with it.
 */
import { holdEarlyKeys, type EarlyKeys, type KeyInput, type KeyOutput } from './early-keys.js';

/** The CLI's commands other than `play` (tests/cli/launch-keys.test.ts checks them against the program). */
export const OTHER_COMMANDS: readonly string[] = [
  'worlds',
  'sessions',
  'config',
  'profiles',
  'personas',
  'templates',
  'presets',
  'doctor',
  'critique',
  'eval',
  'help',
];

/** Options after which no TUI starts, wherever they are: help, the version, headless play. */
const NO_TUI_OPTIONS = new Set(['-h', '--help', '-V', '--version', '--headless']);

/**
 * Whether these arguments (after `skald`) start the TUI, given whether stdin and stdout are
 * terminals: `play` is the default command, so no command, `play`, or a first word that is no
 * command (a world's id or path) plays, in the TUI unless headless or asking for help. A typo of a
 * command counts as play here; `main` then reports it and the keys are released.
 */
export function startsTui(args: readonly string[], terminals: { stdin: boolean; stdout: boolean }): boolean {
  if (!terminals.stdin || !terminals.stdout) return false;
  if (args.some((a) => NO_TUI_OPTIONS.has(a))) return false;
  // `--verbose` is the program's own option, so it may come before the command.
  const first = args.find((a) => a !== '--verbose');
  if (first === undefined || first.startsWith('-')) return true;
  return !OTHER_COMMANDS.includes(first);
}

let held: EarlyKeys | undefined;

/** Holds the keys from now when `args` start the TUI (the launcher calls it before loading the CLI). */
export function holdLaunchKeys(
  args: readonly string[],
  stdin: KeyInput = process.stdin,
  stdout: KeyOutput & { isTTY?: boolean } = process.stdout,
): void {
  if (held || !startsTui(args, { stdin: Boolean(stdin.isTTY), stdout: Boolean(stdout.isTTY) })) return;
  held = holdEarlyKeys(stdin, stdout);
}

/** The keys the launcher held, for the TUI to take over; undefined when it held none (or they were taken). */
export function takeLaunchKeys(): EarlyKeys | undefined {
  const keys = held;
  held = undefined;
  return keys;
}

/** Gives the terminal back its cooked mode if the launcher's keys were never taken (a command that is no TUI after all). */
export function releaseLaunchKeys(): void {
  takeLaunchKeys()?.release();
}
