import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import type { SessionRecord, TurnRecord } from '../../src/engine/session/records.js';
import { CRITIC_IDS, type CriticResult, type JudgeCost } from '../../src/engine/types.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { loadSession } from '../../src/store/load.js';
import { JsonlSessionStore, sessionPath } from '../../src/store/session-file.js';
import { steppingClock } from '../engine/session/scripted-provider.js';
import { collect } from '../engine/session/helpers.js';
import { miniPack } from '../fixtures/mini-pack.js';

const HINT: CriticResult = {
  id: 'ignores-user',
  flagged: false,
  hint: true,
  confidence: 0.55,
  score: 1,
  // Text the reply does not hold at 0-3: evidence that matches the reply is stored without its
  // text (taken back from the reply on load), and the offline narrator's reply may open on "The".
  evidence: [{ start: 0, end: 3, text: 'zzz', why: 'may not take up the question' }],
};
const SURE: CriticResult = {
  id: 'speaks-for-user',
  flagged: true,
  confidence: 0.9,
  score: 0.6,
  evidence: [{ start: 4, end: 8, text: 'you ', why: 'decides for the player' }],
};
const COST: JudgeCost = { call: 'n1-judge', candidates: 3, promptTokens: 812, completionTokens: 64, ms: 950, format: 'json_schema' };

describe("hints and the judge's cost in the session file", () => {
  it('are written and read back as they were, next to the compacted clean results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-hints-'));
    const file = new JsonlSessionStore({ dir });
    // The session's own records, with the first candidate of each turn carrying a hint, a sure
    // flag with its confidence and the judge's cost, as a judged session would produce them.
    const made: SessionRecord[] = [];
    const store = {
      append: async (record: SessionRecord) => {
        const r = record.type === 'turn' ? withFindings(record) : record;
        made.push(r);
        await file.append(r);
      },
    };
    const session = await Session.create({
      pack: miniPack(),
      provider: createOfflineNarrator({ seed: 4 }),
      store,
      clock: steppingClock(),
      seed: 4,
      candidates: 2,
    });
    await collect(session.play({ text: 'Why did the wheel stop?' }));
    await file.close();

    const stored = readFileSync(sessionPath(session.id, dir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const turn = stored.find((r) => r.type === 'turn');
    // A result that says something is kept whole, its id written as its index in the table.
    expect(turn.candidates[0].critics).toContainEqual({ ...HINT, id: CRITIC_IDS.indexOf('ignores-user') });
    expect(turn.candidates[0].critics.filter((c: unknown) => typeof c === 'number').length).toBeGreaterThan(0);

    const loaded = await loadSession(session.id, dir);
    expect(loaded.records).toEqual(made);
    const back = loaded.records.find((r): r is TurnRecord => r.type === 'turn')!.candidates[0];
    expect(back.critics.find((c) => c.id === 'ignores-user')).toEqual(HINT);
    expect(back.critics.find((c) => c.id === 'speaks-for-user')).toEqual(SURE);
    expect(back.judge).toEqual(COST);
  });
});

function withFindings(record: TurnRecord): TurnRecord {
  const [first, ...rest] = record.candidates;
  const critics = first.critics.map((c) => (c.id === HINT.id ? HINT : c.id === SURE.id ? SURE : c));
  return { ...record, candidates: [{ ...first, critics, judge: COST }, ...rest] };
}
