/**
 * Start-up: `skald --version` against `node -e 0`, and the TUI's first frame (the header line with
 * "turn N" drawn in a pseudo-terminal made by `script`) against `node` printing one word through
 * the same pseudo-terminal.
 */
import { spawnSync } from 'node:child_process';
import { BIN, median, tempDir, timeInPty, timeProcess, type BenchRow } from './lib.js';

const RUNS = 15;

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const node = process.execPath;
  const env = { ...process.env, NO_COLOR: '1' };
  // Interleaved, so a burst of load on the machine hits both sides alike.
  const bare: number[] = [];
  const version: number[] = [];
  timeProcess(node, [BIN, '--version'], env);
  for (let i = 0; i < RUNS; i++) {
    bare.push(timeProcess(node, ['-e', '0'], env));
    version.push(timeProcess(node, [BIN, '--version'], env));
  }
  const v = median(version);
  const b = median(bare);
  rows.push({
    suite: 'startup',
    metric: 'skald --version',
    value: v,
    unit: 'ms',
    baseline: { label: 'node -e 0', value: b, unit: 'ms' },
    ratio: v / b,
    target: '<= 1.5x node',
    met: v / b <= 1.5,
    note: `median of ${RUNS}, interleaved`,
  });

  // A player's home: the pack cache filled by the first run (src/world/pack-cache.ts).
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) cold.push(timeProcess(node, [BIN, 'worlds', 'list'], { ...env, SKALD_HOME: tempDir('startup-home') }));
  const listHome = { ...env, SKALD_HOME: tempDir('startup-home') };
  timeProcess(node, [BIN, 'worlds', 'list'], listHome);
  const list: number[] = [];
  const bare2: number[] = [];
  for (let i = 0; i < 7; i++) {
    bare2.push(timeProcess(node, ['-e', '0'], env));
    list.push(timeProcess(node, [BIN, 'worlds', 'list'], listHome));
  }
  const l = median(list);
  const b2 = median(bare2);
  rows.push({
    suite: 'startup',
    metric: 'skald worlds list',
    value: l,
    unit: 'ms',
    baseline: { label: 'node -e 0', value: b2, unit: 'ms' },
    ratio: l / b2,
    target: '<= 2x node',
    met: l / b2 <= 2,
    note: 'median of 7, interleaved; the pack cache filled by an earlier run',
  });
  rows.push({
    suite: 'startup',
    metric: 'skald worlds list, first run (no pack cache)',
    value: median(cold),
    unit: 'ms',
    baseline: { label: 'node -e 0', value: b2, unit: 'ms' },
    ratio: median(cold) / b2,
    note: 'median of 3, each in a fresh data folder: every pack read and validated',
  });

  if (spawnSync('script', ['--version']).status !== 0) {
    rows.push({
      suite: 'startup',
      metric: 'TUI first frame',
      value: null,
      unit: 'ms',
      note: '`script` (util-linux) is not installed, so no pseudo-terminal could be made',
    });
    return rows;
  }
  const home = tempDir('tui-home');
  const ttyEnv = { ...env, SKALD_HOME: home, TERM: 'xterm-256color' };
  const frame: number[] = [];
  const echo: number[] = [];
  try {
    await timeInPty(`${node} ${BIN} play glass-orchard --offline`, /turn \d+/, ttyEnv);
    for (let i = 0; i < 7; i++) {
      echo.push(await timeInPty(`${node} -e "process.stdout.write('ready')"`, /ready/, ttyEnv));
      frame.push(await timeInPty(`${node} ${BIN} play glass-orchard --offline`, /turn \d+/, ttyEnv));
    }
    const f = median(frame);
    const e = median(echo);
    rows.push({
      suite: 'startup',
      metric: 'TUI first frame (play glass-orchard --offline)',
      value: f,
      unit: 'ms',
      baseline: { label: 'node printing a word, same pty', value: e, unit: 'ms' },
      ratio: f / e,
      target: '<= 4x',
      met: f / e <= 4,
      note: 'median of 7, interleaved; until the header line "... turn N ..." is drawn',
    });
  } catch (error) {
    rows.push({
      suite: 'startup',
      metric: 'TUI first frame',
      value: null,
      unit: 'ms',
      note: `could not be measured: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return rows;
}
