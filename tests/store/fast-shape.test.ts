import { describe, expect, it } from 'vitest';
import { certainlyWellShaped } from '../../src/store/fast-shape.js';
import { RECORD_TYPES, schemaProblem, shapeProblem } from '../../src/store/schema.js';
import { recordLine } from '../../src/store/session-file.js';
import { parseSessionBytes } from '../../src/store/parse-session.js';
import { inputRandom } from '../hardening/mutate.js';
import { realSession, wrongShape } from '../hardening/store-fuzz.js';

const valueOf = (line: string) => JSON.parse(`{${line.slice(18)}`) as unknown;
const typeOf = (v: unknown) => (v as { type: string }).type;
// Every record type the store's schema knows.
const TYPES = [...RECORD_TYPES];

describe('the quick shape check', () => {
  it('says yes to every record a real session writes, of every type, in the split and the inline form', async () => {
    const session = await realSession(20, 3, true);
    const lines = session.bytes.toString('utf8').trim().split('\n');
    const answered = lines.map(valueOf);
    expect(new Set(answered.map(typeOf))).toEqual(new Set(TYPES));
    for (const value of answered) expect(certainlyWellShaped(value), JSON.stringify(value).slice(0, 80)).toBe(true);
    // A continued and an edited reply carry their revision.
    expect(lines.some((line) => line.includes('"revision":{"kind":"continued"'))).toBe(true);
    expect(lines.some((line) => line.includes('"revision":{"kind":"edited"'))).toBe(true);
    // The same records with their diagnostics inline, as logs were written before the side file.
    const inline = parseSessionBytes(session.bytes, 'x', session.id).records.map((r) => valueOf(recordLine(r)));
    expect(inline).toHaveLength(answered.length);
    for (const value of inline) expect(certainlyWellShaped(value)).toBe(true);
  });

  it.each([
    ['a session of turns, swipes and regenerates', false],
    ['a session with every record type', true],
  ])('never says yes where the schema says no: 2,000 records with one field of the wrong shape or removed (%s)', async (_, everyKind) => {
    const session = await realSession(12, 5, everyKind);
    let quick = 0;
    let refused = 0;
    const refusedTypes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const { damaged, touched } = wrongShape(session.bytes, inputRandom(11, i));
      const line = damaged.toString('utf8').split('\n')[[...touched][0]];
      const value = valueOf(line);
      if (certainlyWellShaped(value)) {
        quick++;
        expect(schemaProblem(value), line.slice(0, 200)).toBeUndefined();
      }
      if (schemaProblem(value) !== undefined) {
        refused++;
        refusedTypes.add(typeOf(value));
      }
    }
    // Both verdicts happen: removing an optional field or a loose extra leaves a good record.
    expect(quick).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(500);
    // Every type written was reached and refused somewhere.
    const written = new Set(session.bytes.toString('utf8').trim().split('\n').map(valueOf).map(typeOf));
    expect(refusedTypes).toEqual(written);
    if (everyKind) expect(written).toEqual(new Set(TYPES));
  });

  it('refuses what the tree cannot take though the schema allows it: an empty node id, a later turn with no parent', async () => {
    const session = await realSession(6, 5);
    const turns = session.bytes
      .toString('utf8')
      .trim()
      .split('\n')
      .map(valueOf)
      .filter((v) => (v as { type: string }).type === 'turn') as Array<Record<string, unknown>>;
    const second = turns.find((t) => t.number === 2)!;
    expect(shapeProblem(second)).toBeUndefined();
    expect(shapeProblem({ ...second, parentId: null })).toBe('turn.parentId is null, but turn 2 follows another');
    expect(shapeProblem({ ...second, nodeId: '' })).toBe('turn.nodeId is "", not a node');
    expect(shapeProblem({ ...turns.find((t) => t.number === 1)!, parentId: null })).toBeUndefined();
  });
  it('refuses a time no date can hold, in the quick check and the schema, as every record type is stamped', async () => {
    const session = await realSession(6, 5, true);
    const stamped = session.bytes
      .toString('utf8')
      .trim()
      .split('\n')
      .map(valueOf)
      .filter((v) => typeof (v as { at?: unknown }).at === 'number') as Array<Record<string, unknown>>;
    expect(stamped.length).toBeGreaterThan(5);
    for (const record of stamped) {
      // The last millisecond a Date holds is still a time; one past it would throw where the story is shown.
      expect(certainlyWellShaped({ ...record, at: 8.64e15 })).toBe(true);
      expect(certainlyWellShaped({ ...record, at: 8.64e15 + 1 })).toBe(false);
      expect(schemaProblem({ ...record, at: 1e20 }), String(record.type)).toBeDefined();
      expect(schemaProblem({ ...record, at: -1e20 })).toBeDefined();
    }
  });
});
