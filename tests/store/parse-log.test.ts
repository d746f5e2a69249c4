import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealJson } from '../../src/store/checksum.js';
import { loadSession } from '../../src/store/load.js';
import { finishLog, readLog } from '../../src/store/parse-log.js';
import { parseSessionBytes } from '../../src/store/parse-session.js';
import { seededRandom } from '../../src/engine/random.js';
import { oneByteDamage, realSession, wrongShape } from '../hardening/store-fuzz.js';

const valueOf = (line: string) => JSON.parse(`{${line.slice(18)}`) as Record<string, unknown>;

describe('the log read in two passes, the schema asked only about doubtful records', () => {
  it('doubts no record of a well-shaped log of every type, and one re-sealed record of the wrong shape', async () => {
    const session = await realSession(8, 5, true);
    const sound = readLog(session.bytes);
    expect(sound.doubtful).toBe(false);
    // With nothing doubtful, no schema is needed for the verdicts.
    expect(finishLog(sound, session.bytes, 'x', session.id, undefined).warnings).toEqual([]);
    const lines = session.bytes.toString('utf8').trim().split('\n');
    const at = lines.findIndex((line) => line.includes('"type":"note"') && !line.includes('"note":null'));
    const note = valueOf(lines[at]);
    lines[at] = sealJson(JSON.stringify({ ...note, note: { ...(note.note as object), depth: -1 } }));
    const damaged = Buffer.from(`${lines.join('\n')}\n`);
    const read = readLog(damaged);
    expect(read.doubtful).toBe(true);
    expect(() => finishLog(read, damaged, 'x', session.id, undefined)).toThrow(/no schema/);
  });

  it("a resume names a wrong-shaped record in the schema's words", async () => {
    const session = await realSession(6, 5, true);
    const lines = session.bytes.toString('utf8').trim().split('\n');
    const at = lines.findIndex((line) => line.includes('"type":"note"') && !line.includes('"note":null'));
    const note = valueOf(lines[at]);
    lines[at] = sealJson(JSON.stringify({ ...note, note: { ...(note.note as object), depth: -1 } }));
    const dir = mkdtempSync(join(tmpdir(), 'skald-test-lazy-'));
    writeFileSync(join(dir, `${session.id}.jsonl`), `${lines.join('\n')}\n`);
    const loaded = await loadSession(session.id, dir, { diagnostics: 'none' });
    expect(loaded.warnings).toEqual([
      `Line ${at + 1} of session ${session.id} has a record of the wrong shape (note.note.depth is number -1, too small) and was skipped; a change of the author's note is lost (an earlier note may hold).`,
    ]);
  });

  it('loadSession gives the records and warnings parseSessionBytes gives, on 300 damaged and wrong-shaped files', async () => {
    const session = await realSession(10, 7, true);
    const dir = mkdtempSync(join(tmpdir(), 'skald-test-lazy-'));
    const random = seededRandom(16);
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const { damaged, what } = (i % 2 === 0 ? wrongShape : oneByteDamage)(session.bytes, random);
      const eager = parseSessionBytes(damaged, `session ${session.id}`, session.id);
      writeFileSync(join(dir, `${session.id}.jsonl`), damaged);
      if (eager.records[0]?.type !== 'session-start') {
        refused++;
        await expect(loadSession(session.id, dir, { diagnostics: 'none' }), what).rejects.toThrow(/cannot be loaded/);
        continue;
      }
      const lazy = await loadSession(session.id, dir, { diagnostics: 'none' });
      expect({ warnings: lazy.warnings, problems: lazy.problems, lines: lazy.lines, unsealed: lazy.unsealed }, what).toEqual({
        warnings: eager.warnings,
        problems: eager.problems,
        lines: eager.lines,
        unsealed: eager.unsealed,
      });
      expect(lazy.records, what).toEqual(eager.records);
    }
    expect(refused).toBeLessThan(30);
  });
});
