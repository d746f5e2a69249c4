import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../support/corpus.js';

const bin = fileURLToPath(new URL('../../bin/skald.js', import.meta.url));
// Five cases in our own words: a pack given by a path relative to the file, a bundled world by id,
// and one case labelled clean on purpose although it breaks the pack's law, so there is a false alarm to count.
const FIXTURE = fileURLToPath(new URL('../fixtures/critics-corpus/cases.jsonl', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'skald-corpus-home-'));

function critique(args: string[], cwd?: string) {
  return spawnSync('node', [bin, 'critique', ...args], {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, NO_COLOR: '1', SKALD_HOME: home },
    timeout: 120_000,
  });
}

interface Row {
  id: string;
  labelled: number;
  flagged: number;
  tp: number;
  fp: number;
  fn: number;
  hints: number;
  precision: number | null;
  recall: number | null;
  misses?: string[];
  alarms?: Array<{ id: string; evidence: string }>;
}
interface Report {
  cases: number;
  clean: number;
  cleanFlagged: Array<{ id: string; critics: string[] }>;
  rows: Row[];
  micro: Row;
  cleanFlaggedRate: number | null;
}

describe('skald critique --corpus', () => {
  it('counts per critic TP / FP / FN with precision and recall, and the clean replies flagged', () => {
    const run = critique(['--corpus', FIXTURE]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('skald critique on 5 labelled replies (3 clean)');
    // The header, thirteen critics, the micro row.
    expect(run.stdout).toMatch(/^critic\s+labelled\s+flagged\s+TP\s+FP\s+FN\s+hints\s+precision\s+recall$/m);
    // Two cases carry the label: one names a forbidden word (caught), one a wristwatch the forbid list does not name (missed);
    // the case labelled clean that mentions the radio is the false alarm.
    expect(run.stdout).toMatch(/^law-violation\s+2\s+2\s+1\s+1\s+1\s+0\s+0\.50\s+0\.50$/m);
    expect(run.stdout).toMatch(/^all \(micro\)\s+\d+/m);
    expect(run.stdout).toMatch(/^clean replies with any flag: [1-3]\/3$/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^recall \d\.\d\d precision \d\.\d\d clean-flagged \d\.\d\d$/);
    // Without --details no case is listed.
    expect(run.stdout).not.toContain('alarm ');
  });

  it('--json gives the counts as numbers; misses and alarms only with --details', () => {
    const plain = JSON.parse(critique(['--corpus', FIXTURE, '--json']).stdout) as Report;
    expect(plain).toMatchObject({ cases: 5, clean: 3 });
    expect(plain.rows).toHaveLength(13);
    const law = plain.rows.find((r) => r.id === 'law-violation')!;
    expect(law).toEqual({
      id: 'law-violation',
      labelled: 2,
      flagged: 2,
      tp: 1,
      fp: 1,
      fn: 1,
      hints: 0,
      hintsLabelled: 0,
      precision: 0.5,
      recall: 0.5,
    });
    expect(plain.cleanFlagged).toContainEqual({ id: 'keeper-wireless-labelled-clean', critics: expect.arrayContaining(['law-violation']) });
    const sum = (key: 'tp' | 'fp' | 'fn') => plain.rows.reduce((n, r) => n + r[key], 0);
    expect(plain.micro).toMatchObject({ tp: sum('tp'), fp: sum('fp'), fn: sum('fn') });
    expect(plain.cleanFlaggedRate).toBeCloseTo(plain.cleanFlagged.length / 3, 3);

    const detailed = JSON.parse(critique(['--corpus', FIXTURE, '--json', '--details']).stdout) as Report;
    const row = detailed.rows.find((r) => r.id === 'law-violation')!;
    expect(row.misses).toEqual(['keeper-wristwatch']);
    expect(row.alarms).toEqual([
      { id: 'keeper-wireless-labelled-clean', evidence: expect.stringMatching(/^"radio" breaks law "gaslight-era"/) },
    ]);
  });

  it('--details lists every miss and false alarm under its critic, with the evidence', () => {
    const run = critique(['--corpus', FIXTURE, '--details']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    const at = lines.indexOf('## law-violation');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('  miss  keeper-wristwatch');
    expect(lines[at + 2]).toMatch(/^ {2}alarm keeper-wireless-labelled-clean: "radio" breaks law "gaslight-era"/);
  });

  it('resolves a relative world against the corpus file, not the working folder', () => {
    const run = critique(['--corpus', FIXTURE, '--json'], tmpdir());
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as Report).cases).toBe(5);
  });

  it('a bad line, a bad case or a missing file is one line on stderr, exit 1, nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-corpus-'));
    mkdirSync(join(dir, 'packs'));
    copyFileSync(
      fileURLToPath(new URL('../fixtures/critics-corpus/packs/lighthouse.yaml', import.meta.url)),
      join(dir, 'packs', 'lighthouse.yaml'),
    );
    const good = JSON.stringify({
      id: 'ok',
      world: 'packs/lighthouse.yaml',
      history: [],
      response: 'Maren lights the lamp. "Well?"',
      labels: [],
    });
    const cases: Array<[string, RegExp]> = [
      [`${good}\n{"id": "torn", "world": \n`, /cases\.jsonl:2 is not valid JSON; each line must be one case\./],
      [`${good}\n${JSON.stringify({ id: 'x', history: [], response: 'y' })}\n`, /cases\.jsonl:2: "world" must name a pack path/],
      [
        `${JSON.stringify({ id: 'x', world: 'packs/lighthouse.yaml', response: 'y', labels: 'filler' })}\n`,
        /cases\.jsonl:1: "labels" must be an array of critic ids/,
      ],
      [
        `${JSON.stringify({ id: 'bad-role', world: 'packs/lighthouse.yaml', history: [{ role: 'wizard', content: 'x' }], response: 'y' })}\n`,
        /Case bad-role: The role of history\[0\] must be/,
      ],
      [`${JSON.stringify({ id: 'lost', world: 'no-such-world', history: [], response: 'y' })}\n`, /Case lost: .*no-such-world/],
      ['\n\n', /holds no cases/],
    ];
    for (const [text, message] of cases) {
      const file = join(dir, 'cases.jsonl');
      writeFileSync(file, text);
      const run = critique(['--corpus', file]);
      expect(run.status, text).toBe(1);
      expect(run.stdout, text).toBe('');
      expect(run.stderr.trim().split('\n'), text).toHaveLength(1);
      expect(run.stderr, text).toMatch(message);
    }
    const missing = critique(['--corpus', join(dir, 'absent.jsonl')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^skald: Cannot read .*absent\.jsonl/);
    const both = critique(['--corpus', FIXTURE, '--world', 'glass-orchard']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('The --world and --corpus options do not go together');
  });
});

warnIfCorpusAbsent('the real-corpus run of skald critique --corpus');

describe.skipIf(!corpusPresent)('skald critique --corpus on the real corpus (../shared/corpora/critics-real)', () => {
  // How fast is for `npm run bench -- critics` to say (1.6 s idle); a wall-clock bound here would
  // only measure how loaded the machine is.
  it('scores every case in one process', () => {
    const run = critique(['--corpus', CORPUS_FILE, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.cases).toBeGreaterThanOrEqual(100);
    expect(report.rows.map((r) => r.id)).toHaveLength(13);
    expect(report.micro.labelled).toBeGreaterThan(0);
  });
});
