// An imported SillyTavern chat reads each message against the reply it answers, as play and a resume do
// (PacingSignal.heard): a bare "I do." after a vow asked for life, or "15." after a roll was asked for,
// reads the same on import as when the same story is restored from its records.
import { describe, expect, it } from 'vitest';
import { StoryPacing } from '../../src/engine/session/story-pacing.js';
import type { TurnRecord } from '../../src/engine/session/records.js';
import { SessionTree } from '../../src/engine/session/tree.js';
import { parseStChat } from '../../src/store/st-chat/parse.js';
import { chatToRecords } from '../../src/store/st-chat/to-session.js';
import { miniPack } from '../fixtures/mini-pack.js';

const pack = miniPack();
type Msg = Record<string, unknown>;
const line = (name: string, isUser: boolean, mes: string): Msg => ({
  name,
  is_user: isUser,
  is_system: false,
  send_date: 'May 1, 2024 12:01pm',
  mes,
  extra: {},
});
const wren = (mes: string) => line('Wren', false, mes);
const me = (mes: string) => line('Tamsin', true, mes);

function importChat(messages: Msg[]) {
  const text = [{ user_name: 'Tamsin', character_name: 'Wren', create_date: '2024-05-01@12h00m00s' }, ...messages]
    .map((m) => JSON.stringify(m))
    .join('\n');
  return chatToRecords({
    chat: parseStChat(`${text}\n`, 'chat.jsonl'),
    pack,
    persona: { ...pack.player, name: 'Tamsin' },
    id: 'st-heard',
    seed: 7,
    now: Date.UTC(2026, 0, 1),
    candidates: 3,
    budget: 8192,
  }).records;
}

/** The pacing a resume of `records` arrives at (engine/session/story-pacing.ts), as `skald` restores a session. */
function restored(records: ReturnType<typeof importChat>) {
  const pacing = new StoryPacing(undefined);
  pacing.replayInto(new SessionTree(), records.slice(1));
  return pacing.estimate();
}

const turns = (records: ReturnType<typeof importChat>) => records.filter((r): r is TurnRecord => r.type === 'turn');

describe('importing a SillyTavern chat reads each message with the reply it answers', () => {
  it('a pledge after a vow asked for life: the same pacing evidence as the story restored', () => {
    const records = importChat([
      wren('The lanterns are lit along the mill race.'),
      me('I walk with her to the water.'),
      wren('Wren turns to you, her voice low. "Will you take me as your wife, for all your life?"'),
      me('I do.'),
      wren('She laughs through her tears.'),
    ]);
    const last = turns(records).at(-1);
    expect(last?.input.text).toBe('I do.');
    expect(last?.pacing).toEqual(restored(records));
  });

  it('a roll said after the roll was asked for: the same pacing evidence as the story restored', () => {
    const records = importChat([
      wren('The yard is quiet.'),
      me('I creep along the wall towards the gate.'),
      wren('Make a stealth check.'),
      me('15.'),
      wren('Nobody turns.'),
    ]);
    expect(turns(records).at(-1)?.pacing).toEqual(restored(records));
  });
});
