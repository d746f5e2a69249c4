import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatCritiqueTable, parseCritiqueInput } from '../../src/cli/critique-run.js';
import { InputError } from '../../src/errors.js';
import { zhPack } from '../engine/critics/contexts.js';
import { miniPack } from '../fixtures/mini-pack.js';

const bin = new URL('../../bin/skald.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'skald-critique-'));
const enPath = join(dir, 'mini.yaml');
const zhPath = join(dir, 'mini-zh.yaml');
writeFileSync(enPath, stringify(miniPack()));
writeFileSync(zhPath, stringify(zhPack()));

function critique(args: string[], stdin: string) {
  return spawnSync('node', [bin, 'critique', ...args], { input: stdin, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

interface Output {
  critics: Array<{
    id: string;
    flagged: boolean;
    score: number;
    evidence: Array<{ start: number; end: number; text: string; why: string }>;
  }>;
  score: number;
  repairs: string[];
}

describe('skald critique', () => {
  it('prints the critics as JSON for a pack given by path, with offsets into the response', () => {
    const response = 'Assistant: Wren clicks on a flashlight. "Your sister Wren is home," he says. You nod slowly.\nTamsin: thanks';
    const doc = {
      history: [
        { role: 'assistant', content: 'The wheel is silent.' },
        { role: 'user', content: 'I ask Wren about the wheel.' },
      ],
      response,
    };
    const run = critique(['--world', enPath, '--json'], JSON.stringify(doc));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Output;
    const flagged = out.critics.filter((c) => c.flagged).map((c) => c.id);
    expect(flagged).toEqual(expect.arrayContaining(['formatting', 'law-violation', 'reference-confusion', 'speaks-for-user']));
    expect(out.critics).toHaveLength(13);
    const law = out.critics.find((c) => c.id === 'law-violation')!;
    expect(law.evidence[0].why).toContain('no-electricity');
    for (const c of out.critics) for (const e of c.evidence) expect(response.slice(e.start, e.end)).toBe(e.text);
    expect(out.score).toBeGreaterThan(0);
    expect(out.score).toBeLessThan(1);
    expect(out.repairs).toEqual(['removed the role prefix "Assistant:"', 'cut at a line spoken by Tamsin']);
  });

  it('reads player/narrator roles and checks a Chinese pack', () => {
    const doc = {
      history: [{ role: 'player', content: '我问林风水车为什么停了。' }],
      response: '你点了点头。林风打开手电筒，说：“All right then，就这样吧。”',
    };
    const run = critique(['--world', zhPath, '--json'], JSON.stringify(doc));
    expect(run.status).toBe(0);
    const flagged = (JSON.parse(run.stdout) as Output).critics.filter((c) => c.flagged).map((c) => c.id);
    expect(flagged).toEqual(expect.arrayContaining(['mixed-language', 'law-violation', 'speaks-for-user']));
  });

  it('prints a readable table with the offending text', () => {
    const doc = {
      history: [{ role: 'user', content: 'I ask Wren about the wheel.' }],
      response: 'Wren turns on his phone and shows you the wheel. "Here," he says. What now?',
    };
    const run = critique(['--world', enPath], JSON.stringify(doc));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/✗ law-violation\s+0\.50/);
    expect(run.stdout).toContain('"phone" — breaks law "no-electricity"');
    expect(run.stdout).toMatch(/✓ mixed-language\s+1\.00/);
    expect(run.stdout).toMatch(/score \d\.\d\d · \d+ flagged/);
  });

  it('works with a bundled world by id', () => {
    const doc = {
      history: [],
      response: 'The orchard rings above the town, and the lamp in your hand dims. Somebody is coming up the path. Who do you call out to?',
    };
    const run = critique(['--world', 'glass-orchard', '--json'], JSON.stringify(doc));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as Output).critics.map((c) => c.id)).toContain('boundary');
  });

  it('exits 1 with one clear line on bad stdin', () => {
    for (const bad of ['nope', '[]', '{"history":[]}', '{"history":[{"role":"wizard","content":"x"}],"response":"y"}', '']) {
      const run = critique(['--world', enPath], bad);
      expect(run.status, bad).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n'), bad).toHaveLength(1);
      expect(run.stderr).toMatch(/^skald: .*expected \{"history"/);
    }
  });

  it('keeps the --json contract: every critic has id, flagged, score and evidence; confidence and hint are additions', () => {
    const doc = {
      history: [{ role: 'user', content: 'I ask Wren about the wheel.' }],
      response: 'Wren turns on his phone. "Here," you say. What now?',
    };
    const out = JSON.parse(critique(['--world', enPath, '--json'], JSON.stringify(doc)).stdout) as Output & {
      critics: Array<Record<string, unknown>>;
    };
    expect(Object.keys(out)).toEqual(['critics', 'score', 'repairs']);
    expect(out.critics.map((c) => c.id)).toEqual([
      'mixed-language',
      'repetition',
      'formatting',
      'reference-confusion',
      'law-violation',
      'stagnation',
      'filler',
      'out-of-character',
      'speaks-for-user',
      'ignores-user',
      'no-hook',
      'length',
      'boundary',
    ]);
    for (const c of out.critics) {
      expect(Object.keys(c).slice(0, 4)).toEqual(['id', 'flagged', 'score', 'evidence']);
      for (const key of Object.keys(c).slice(4)) expect(['confidence', 'hint']).toContain(key);
      if (c.confidence !== undefined) expect(c.confidence).toBeTypeOf('number');
      // A hint is never a flag and never lowers the score.
      if (c.hint) expect(c).toMatchObject({ flagged: false, score: 1 });
    }
    expect(out.critics.find((c) => c.id === 'law-violation')).toMatchObject({ flagged: true });
  });

  it('exits 1 for an unknown world', () => {
    const run = critique(['--world', 'no-such-world'], '{"history":[],"response":"x"}');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no world with id "no-such-world"');
  });
});

describe('parseCritiqueInput', () => {
  it('maps user/assistant and player/narrator roles, skips system messages and numbers turns', () => {
    const parsed = parseCritiqueInput(
      JSON.stringify({
        history: [
          { role: 'system', content: 'rules' },
          { role: 'assistant', content: 'Opening.' },
          { role: 'user', content: 'One.' },
          { role: 'narrator', content: 'Reply.' },
          { role: 'player', content: 'Two.' },
        ],
        response: 'Next.',
      }),
    );
    expect(parsed.history).toEqual([
      { role: 'narrator', text: 'Opening.', turn: 0 },
      { role: 'player', text: 'One.', turn: 1 },
      { role: 'narrator', text: 'Reply.', turn: 1 },
      { role: 'player', text: 'Two.', turn: 2 },
    ]);
    expect(parsed.response).toBe('Next.');
  });

  it('names the field that is wrong', () => {
    expect(() => parseCritiqueInput('{"history":[{"role":"user","content":3}],"response":"x"}')).toThrow(
      /The content of history\[0\] must be a string/,
    );
    expect(() => parseCritiqueInput('{"response":5}')).toThrow(InputError);
  });
});

describe('formatCritiqueTable', () => {
  it('marks a hint with ? and its confidence, apart from flags, and keeps its evidence', () => {
    const lines = formatCritiqueTable(
      [
        {
          id: 'law-violation',
          flagged: true,
          score: 0.5,
          evidence: [{ start: 0, end: 5, text: 'phone', why: 'breaks law "no-electricity"' }],
        },
        {
          id: 'ignores-user',
          flagged: false,
          hint: true,
          confidence: 0.55,
          score: 1,
          evidence: [{ start: 0, end: 4, text: 'Wren', why: 'may not take up the question' }],
        },
        { id: 'filler', flagged: false, score: 1, evidence: [] },
      ],
      0.8,
      [],
    );
    expect(lines[0]).toMatch(/^✗ law-violation {2}0\.50$/);
    expect(lines[2]).toMatch(/^\? ignores-user {3}1\.00 {2}hint, confidence 0\.55$/);
    expect(lines[3]).toBe('    "Wren" — may not take up the question');
    expect(lines[4]).toMatch(/^✓ filler/);
    expect(lines.at(-1)).toBe('score 0.80 · 1 flagged · 1 hint (? not sure: shown, never counted)');
  });
});
