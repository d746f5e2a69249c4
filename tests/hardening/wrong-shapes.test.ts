/**
 * Defect 4 of issue 17: one record with a field of the wrong shape (`null` where an object belongs)
 * made the whole session unreadable ("unexpected error: Cannot read properties of null"). Every
 * record is now checked by schema on load; a wrong one is skipped and named, and the rest plays.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { activeBranch } from '../../src/store/branch.js';
import { sealJson } from '../../src/store/checksum.js';
import { parseSessionBytes } from '../../src/store/parse-session.js';
import { runCli } from './helpers.js';
import { realSession, type RealSession } from './store-fuzz.js';

let session: RealSession;
let records: Array<Record<string, any>>;
beforeAll(async () => {
  session = await realSession(8, 41);
  records = session.bytes
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(`{${l.slice(18)}`) as Record<string, any>);
});

/** The file with `change` applied to the record on 0-based line `index`, re-sealed so only its shape is wrong. */
function reshaped(index: number, change: (record: Record<string, any>) => void): Buffer {
  const copy = records.map((r) => structuredClone(r));
  change(copy[index]);
  return Buffer.from(`${copy.map((r) => sealJson(JSON.stringify(r))).join('\n')}\n`);
}

const turnLine = (n: number) => records.findIndex((r) => r.type === 'turn' && r.number === n);

describe('records of the wrong shape', () => {
  const cases: Array<[string, number | (() => number), (r: Record<string, any>) => void, RegExp]> = [
    ['turn.prompt null', () => turnLine(3), (r) => (r.prompt = null), /turn\.prompt is null, not an object/],
    ['turn.plan null', () => turnLine(3), (r) => (r.plan = null), /turn\.plan is null, not an object/],
    ['turn.candidates null', () => turnLine(3), (r) => (r.candidates = null), /turn\.candidates is null, not a list/],
    ['turn.input null', () => turnLine(3), (r) => (r.input = null), /turn\.input is null, not an object/],
    ['a candidate null', () => turnLine(3), (r) => (r.candidates[0] = null), /turn\.candidates\.0 is null, not an object/],
    ['turn.number a string', () => turnLine(3), (r) => (r.number = '3'), /turn\.number is "3", not a number/],
    ['an empty candidate list', () => turnLine(3), (r) => (r.candidates = []), /turn\.candidates is an empty list, too small/],
  ];
  for (const [name, line, change, named] of cases) {
    it(`${name}: that turn is skipped and named, the others kept and resumable`, async () => {
      const index = typeof line === 'number' ? line : line();
      const parsed = parseSessionBytes(reshaped(index, change), 'the session', session.id);
      expect(parsed.warnings[0]).toMatch(
        new RegExp(
          `^Line ${index + 1} of the session has a record of the wrong shape \\(${named.source}\\) and was skipped; turn (3|\\?)( \\(".*"\\))? is lost\\.$`,
        ),
      );
      const story = activeBranch(parsed.records);
      expect(story.map((t) => t.number)).toEqual([1, 2, 4, 5, 6, 7, 8]);
      const resumed = await Session.restore(parsed.records, { ...session.deps, store: { append: async () => undefined } });
      expect(resumed.turns()).toHaveLength(7);
    });
  }

  it('session-start.provider null: the start is rebuilt (its narrator named as unreadable) and every turn kept', () => {
    const parsed = parseSessionBytes(
      reshaped(0, (r) => (r.provider = null)),
      'the session',
      session.id,
    );
    expect(parsed.warnings).toEqual([
      expect.stringMatching(
        /^The start record of the session \(line 1\) is damaged \(session-start\.provider is null, not an object\); it was rebuilt .* but its narrator could not be read and was given defaults\.$/,
      ),
    ]);
    expect(activeBranch(parsed.records)).toHaveLength(8);
  });

  it('a regenerated reply of the wrong shape and a record that is not an object are named too', () => {
    const candidate = records.findIndex((r) => r.type === 'candidate');
    const parsed = parseSessionBytes(
      reshaped(candidate, (r) => (r.candidate = null)),
      'the session',
      session.id,
    );
    expect(parsed.warnings).toEqual([
      expect.stringMatching(
        /has a record of the wrong shape \(candidate\.candidate is null, not an object\) and was skipped; a regenerated reply at turn \d+ .* is lost\.$/,
      ),
    ]);
    const lines = session.bytes.toString('utf8').trimEnd().split('\n');
    lines.splice(2, 0, sealJson('[1,2,3]'.replace('[', '{"x":[').replace(']', ']}')), 'null');
    const odd = parseSessionBytes(Buffer.from(lines.join('\n')), 'the session', session.id);
    expect(odd.warnings).toEqual([
      'Line 3 of the session has a record of the wrong shape (its type is missing, and is not one skald writes) and was skipped; what it held cannot be told.',
      'Line 4 of the session is unreadable (it is not a record) and was skipped; what it held cannot be told.',
    ]);
  });

  it('`sessions show` on such a file prints the story and one line naming the bad record, never "unexpected error"', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-shape-'));
    mkdirSync(join(home, 'sessions'));
    writeFileSync(
      join(home, 'sessions', `${session.id}.jsonl`),
      reshaped(turnLine(2), (r) => (r.prompt = null)),
    );
    const shown = await runCli(['sessions', 'show', session.id], { env: { SKALD_HOME: home } });
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stderr).not.toMatch(/unexpected/i);
    expect(shown.stderr).toMatch(/turn\.prompt is null, not an object/);
    expect(shown.stdout).toMatch(/7 turns on the active branch/);
  });
});
