/**
 * Memory: resident size of the built CLI after a 1,000-turn headless offline session (3
 * candidates a turn, the JSONL store on disk), measured after a full garbage collection once V8
 * has given the freed pages back, against a bare node process measured the same way. The CLI is
 * started through bin/skald.js as a player's shell starts it; the probe (bench/rss-probe.cjs) is
 * preloaded through NODE_OPTIONS and answers SIGWINCH; heap after 250 turns against after 1,000
 * shows whether it grows with the story.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ROOT, tempDir, type BenchRow } from './lib.js';
import { playerLine } from './story.js';

const TURNS = 1_000;
const MB = 1024 * 1024;
const PROBE = join(ROOT, 'bench', 'rss-probe.cjs');

interface Probe {
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
  /** The reading taken at once after the collections, before V8 gave the freed pages back. */
  rssAtGc: number;
}

function bareNode(): Probe {
  // The same probe, the same way: a signal, two collections, the settled reading.
  const out = spawnSync(
    process.execPath,
    ['--require', PROBE, '-e', "process.kill(process.pid, 'SIGWINCH'); setInterval(() => {}, 1000)"],
    {
      encoding: 'utf8',
      env: { ...process.env, SKALD_PROBE_EXIT: '1' },
      timeout: 30_000,
    },
  );
  const line = out.stderr.split('\n').find((l) => l.includes('"probe":true'));
  if (!line) throw new Error(`the bare node probe did not answer: ${out.stderr.slice(0, 300)}`);
  return JSON.parse(line) as Probe;
}

/** Plays TURNS turns in the built CLI; probes after 250 and after all, then ends its input. */
function playAndProbe(): Promise<{ at250: Probe; atEnd: Probe; fileBytes: number }> {
  return new Promise((resolve, reject) => {
    const home = tempDir('memory-home');
    // The bin as a player's shell runs it (its shebang picks node and any flags); the probe rides in NODE_OPTIONS.
    const child = spawn(BIN, ['play', 'glass-orchard', '--headless', '--offline', '--candidates', '3', '--seed', '11'], {
      env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1', NODE_OPTIONS: `--require ${JSON.stringify(PROBE)}` },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let turns = 0;
    let bytes = 0;
    const probes: Probe[] = [];
    let sent = 0;
    // No new line while a probe reads (it waits for the RSS to settle).
    let probing = false;
    // Lines are fed as turns finish, as a person would, so input never piles up in memory.
    const feed = () => {
      while (!probing && sent < TURNS && sent - turns < 2) child.stdin.write(`${playerLine(++sent)}\n`);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      let newline: number;
      while ((newline = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, newline);
        out = out.slice(newline + 1);
        bytes += line.length + 1;
        if (line.startsWith('{"type":"turn"')) {
          turns += 1;
          if (turns === 250 || turns === TURNS) {
            probing = true;
            child.kill('SIGWINCH');
          }
        } else if (line.startsWith('{"type":"error"')) {
          reject(new Error(`error line: ${line.slice(0, 300)}`));
        }
      }
      feed();
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      let newline: number;
      while ((newline = err.indexOf('\n')) >= 0) {
        const line = err.slice(0, newline);
        err = err.slice(newline + 1);
        if (line.includes('"probe":true')) {
          probes.push(JSON.parse(line) as Probe);
          probing = false;
          if (probes.length === 2) child.stdin.end();
          else feed();
        }
      }
    });
    child.on('exit', (code) => {
      if (probes.length === 2 && turns === TURNS) resolve({ at250: probes[0], atEnd: probes[1], fileBytes: bytes });
      else reject(new Error(`skald exited ${code} after ${turns} turns: ${err.slice(0, 300)}`));
    });
    feed();
  });
}

export async function run(): Promise<BenchRow[]> {
  const { at250, atEnd, fileBytes } = await playAndProbe();
  const bare = bareNode();
  return [
    {
      suite: 'memory',
      metric: `RSS after ${TURNS.toLocaleString('en')} headless turns (3 candidates)`,
      value: atEnd.rss / MB,
      unit: 'MB',
      baseline: { label: 'bare node, after gc', value: bare.rss / MB, unit: 'MB' },
      ratio: atEnd.rss / bare.rss,
      target: '<= 150 MB',
      met: atEnd.rss / MB <= 150,
      note: `built CLI started through its bin, after gc, settled (${(atEnd.rssAtGc / MB).toFixed(0)} MB read at once); JS heap ${(atEnd.heapUsed / MB).toFixed(0)} MB, array buffers ${((atEnd.arrayBuffers ?? 0) / MB).toFixed(0)} MB; ${(fileBytes / MB).toFixed(1)} MB of JSON lines written`,
    },
    {
      suite: 'memory',
      metric: `JS heap after ${TURNS.toLocaleString('en')} turns`,
      value: atEnd.heapUsed / MB,
      unit: 'MB',
      baseline: { label: 'heap after 250 turns', value: at250.heapUsed / MB, unit: 'MB' },
      ratio: atEnd.heapUsed / at250.heapUsed,
      note: 'the whole tree (every candidate of every turn) stays in memory by design',
    },
    {
      suite: 'memory',
      metric: 'RSS 250 -> 1,000 turns',
      value: (atEnd.rss - at250.rss) / MB,
      unit: 'MB',
      baseline: { label: 'RSS after 250 turns', value: at250.rss / MB, unit: 'MB' },
      ratio: atEnd.rss / at250.rss,
    },
  ];
}
