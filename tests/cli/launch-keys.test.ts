// The launcher holds the keys (raw mode, no echo) only for a command line that starts the TUI
// (src/cli/launch-keys.ts); the end-to-end check in a real terminal is tests/e2e/launch-keys.test.ts.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { holdLaunchKeys, OTHER_COMMANDS, releaseLaunchKeys, startsTui, takeLaunchKeys } from '../../src/cli/launch-keys.js';
import type { KeyInput } from '../../src/cli/early-keys.js';
import { buildProgram } from '../../src/cli/program.js';

const tty = { stdin: true, stdout: true };

function fakeTerminal() {
  const modes: boolean[] = [];
  let written = '';
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (raw: boolean) => modes.push(raw), unref: () => undefined });
  const output = { isTTY: true, write: (text: string) => (written += text) };
  return { input: input as PassThrough & KeyInput, output, modes, written: () => written };
}

afterEach(() => releaseLaunchKeys());

describe('which command lines start the TUI', () => {
  it('no command, play, and a first word that is no command (a world id or path) do', () => {
    for (const args of [
      [],
      ['play'],
      ['play', 'glass-orchard', '--debug'],
      ['glass-orchard'],
      ['./my-pack'],
      ['--resume', 'last'],
      ['--offline', '--seed', '7'],
      ['--verbose'],
      ['--verbose', 'play'],
      // A typo of a command plays as far as the launcher knows; main reports it and releases the keys.
      ['wrolds', 'list'],
    ])
      expect(startsTui(args, tty), args.join(' ')).toBe(true);
  });

  it('another command, headless play, help and the version do not', () => {
    for (const args of [
      ['worlds', 'list'],
      ['--verbose', 'sessions', 'list'],
      ['profiles'],
      ['help'],
      ['help', 'play'],
      ['play', '--headless'],
      ['glass-orchard', '--headless'],
      ['--help'],
      ['play', '-h'],
      ['-V'],
      ['--version', 'play'],
    ])
      expect(startsTui(args, tty), args.join(' ')).toBe(false);
  });

  it('nothing starts the TUI without a terminal on both stdin and stdout', () => {
    expect(startsTui([], { stdin: false, stdout: true })).toBe(false);
    expect(startsTui(['play'], { stdin: true, stdout: false })).toBe(false);
  });

  it("knows every command of the program other than play (a new command must be added to the launcher's list)", () => {
    const names = buildProgram().commands.flatMap((c) => [c.name(), ...c.aliases()]);
    expect([...OTHER_COMMANDS].sort()).toEqual([...names.filter((n) => n !== 'play'), 'help'].sort());
  });
});

describe('the keys the launcher holds', () => {
  it('are held in raw mode for the TUI, taken over once, and not released under it', () => {
    const { input, output, modes } = fakeTerminal();
    holdLaunchKeys([], input, output);
    expect(modes).toEqual([true]);
    const keys = takeLaunchKeys();
    expect(keys).toBeDefined();
    expect(takeLaunchKeys()).toBeUndefined();
    releaseLaunchKeys();
    expect(modes).toEqual([true]);
    keys?.handOver();
  });

  it('are released with the terminal cooked when nothing took them (a command that was no TUI after all)', () => {
    const { input, output, modes, written } = fakeTerminal();
    holdLaunchKeys(['glass-orchard'], input, output);
    releaseLaunchKeys();
    expect(modes).toEqual([true, false]);
    expect(written()).toBe('\u001b[?1l\u001b>\u001b[?1004l\u001b[?2004h\u001b[?2004l');
    expect(takeLaunchKeys()).toBeUndefined();
  });

  it('are not held for another command', () => {
    const { input, output, modes, written } = fakeTerminal();
    holdLaunchKeys(['worlds', 'list'], input, output);
    expect(modes).toEqual([]);
    expect(written()).toBe('');
    expect(takeLaunchKeys()).toBeUndefined();
  });
});
