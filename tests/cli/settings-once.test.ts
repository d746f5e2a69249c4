// The player's settings are read once a run: `skald play --resume` reads config.json at its start and
// hands the settings to the session's setup and the TUI (src/cli/play-run.ts). Reads are counted
// through the config layer's own file access (src/config/store.ts), on a real data folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { setupSession } from '../../src/cli/session-setup.js';
import { configFiles } from '../../src/config/store.js';
import { readSettings } from '../../src/config/settings.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript)
  console.warn('skipping the TUI half of the settings-read test: `script` (util-linux) is not installed, so no pseudo-terminal');

/** A data folder whose config.json makes the offline narrator the active profile and asks for 2 candidates. */
function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skald-test-settings-once-'));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ candidates: 2, contextBudget: 8192, debugPane: false, activeProfile: 'offline' }),
  );
  return dir;
}

/** A one-turn story saved in `dir`; its id. */
async function savedStory(): Promise<string> {
  const setup = await setupSession('glass-orchard', { headless: true, seed: 3 });
  for await (const _ of setup.session.play({ text: 'I knock at the mill door.' }));
  await setup.store.close();
  await setup.flushProfile?.();
  return setup.session.id;
}

/** Counts the reads of config.json from here on; they still read the file. */
function countReads(): { files: string[] } {
  const counted = { files: [] as string[] };
  const read = configFiles.read;
  configFiles.read = (file) => {
    counted.files.push(file);
    if (process.env.DEBUG_READS) {
      Error.stackTraceLimit = 40;
      console.log(new Error(file).stack);
    }
    return read(file);
  };
  restore.push(() => (configFiles.read = read));
  return counted;
}

const restore: Array<() => void> = [];
const saved = process.env.SKALD_HOME;
afterEach(() => {
  process.env.SKALD_HOME = saved;
  for (const undo of restore.splice(0)) undo();
});

const plain = (text: string) => text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-B]|\u001b./g, '');

/**
 * The built CLI in a pseudo-terminal with `args`, each read of config.json noted (tests/support/
 * count-config-reads.mjs); waits for each step's pattern, then types its keys. The reads noted.
 */
function readsInTerminal(home: string, args: string, steps: Array<{ until: RegExp; type: string }>): Promise<string[]> {
  const log = join(home, 'reads.log');
  writeFileSync(log, '');
  const preload = join(root, 'tests/support/count-config-reads.mjs');
  return new Promise((resolve, reject) => {
    const { CI: _ci, ...env } = process.env;
    const child = spawn(
      'script',
      ['-qfec', `stty cols 100 rows 30; exec '${process.execPath}' --import '${preload}' bin/skald.js ${args}`, '/dev/null'],
      {
        cwd: root,
        env: { ...env, SKALD_HOME: home, SKALD_COUNT_READS: log, TERM: 'xterm-256color', NO_COLOR: '1' },
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let step = 0;
    const hang = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`step ${step + 1} never came; output: ${plain(out).slice(-400)}`));
    }, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const next = steps[step];
      if (!next || !next.until.test(plain(out))) return;
      step++;
      out = '';
      child.stdin.write(next.type);
    });
    child.on('exit', () => {
      clearTimeout(hang);
      if (step === steps.length) resolve(readFileSync(log, 'utf8').split('\n').filter(Boolean));
      else reject(new Error(`exited at step ${step + 1}; output: ${plain(out).slice(-400)}`));
    });
  });
}

describe('settings on a resume', () => {
  it('are not read again by the session setup when play hands them down, and are the ones used', async () => {
    process.env.SKALD_HOME = home();
    const id = await savedStory();
    const reads = countReads();
    const settings = readSettings();
    expect(reads.files).toHaveLength(1);
    // The TUI's resume: the preview from the log's tail, then the careful load.
    const setup = await setupSession(
      undefined,
      { resume: id },
      undefined,
      { enough: () => () => true, show: () => Promise.resolve() },
      { ...settings, candidates: 5 },
    );
    await setup.store.close();
    expect(reads.files).toHaveLength(1);
    // The settings given, not a second read: config.json says 2.
    expect(setup.session.candidateCount).toBe(5);
    expect(setup.provider.offline).toBe(true);
  });

  it.skipIf(!hasScript)('are read once by `skald play --resume` in the TUI, for the story and the screen alike', async () => {
    const dir = home();
    process.env.SKALD_HOME = dir;
    await savedStory();
    const reads = await readsInTerminal(dir, 'play --resume last', [
      // The whole story is loaded once a typed key shows in the composer (keys are held until then).
      { until: /turn 1\b/, type: 'z' },
      { until: /› z/, type: '\u0003' },
      { until: /Ctrl\+C again/, type: '\u0003' },
    ]);
    // The start's read of the settings, and no other: it was five (the debug pane's, the active
    // profile's for the narrator and for the samplers, the setup's, the TUI's). The UI's command
    // completions read the personas and profiles they offer, which are not settings.
    const settingsReads = reads.filter((line) => /\breadSettings\b/.test(line));
    expect(settingsReads).toHaveLength(1);
    expect(settingsReads[0]).toMatch(/\brunPlay\b/);
    expect(reads.every((line) => line.startsWith(`${join(dir, 'config.json')}\t`))).toBe(true);
  });

  it('are read by the session setup itself when nobody read them', async () => {
    process.env.SKALD_HOME = home();
    const id = await savedStory();
    const reads = countReads();
    const setup = await setupSession(undefined, { resume: id, headless: true });
    await setup.store.close();
    // The active profile (offline) and the other settings: one read each before, now one in all.
    expect(reads.files).toHaveLength(1);
    expect(setup.session.candidateCount).toBe(2);
  });
});
