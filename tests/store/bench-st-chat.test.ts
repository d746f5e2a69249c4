// The SillyTavern chat the sillytavern bench compares skald's log with (bench/sillytavern.ts) is
// held to a chat SillyTavern really wrote (tests/fixtures/sillytavern-chats, 2024): the same
// fields on the header, the player's messages and the replies, a `swipe_info` entry for every
// swipe, the same date formats; and skald's own reader of such files takes it whole.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../src/engine/session/records.js';
import { parseStDate } from '../../src/store/st-chat/dates.js';
import { parseStChat } from '../../src/store/st-chat/parse.js';
import { templates } from '../../bench/resume.js';
import { sillyTavernChat, story } from '../../bench/sillytavern.js';

type Msg = Record<string, unknown>;
const lines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Msg);
const keys = (m: object) => Object.keys(m).sort();

const real = lines(readFileSync(new URL('../fixtures/sillytavern-chats/seraphina-2024-08-system-line.jsonl', import.meta.url), 'utf8'));
const realHeader = real[0];
const realPlayer = real.find((m) => m.is_user === true)!;
const realReply = real.find((m) => Array.isArray(m.swipe_info))!;

let records: SessionRecord[];
let chat: Msg[];

beforeAll(async () => {
  // 20 turns: turns 10 and 20 are swiped once more, so their replies hold four swipes.
  records = story('20261101-2000-0014', 20, await templates());
  chat = lines(sillyTavernChat(records, 'Tamsin', 'Narrator'));
}, 300_000);

describe("the sillytavern bench's generated chat", () => {
  it('has the fields of a chat SillyTavern wrote in 2024, on the header, the player lines and the replies', () => {
    expect(keys(chat[0])).toEqual(keys(realHeader));
    expect(keys(chat[0].chat_metadata as object)).toEqual(keys(realHeader.chat_metadata as object));
    const players = chat.filter((m) => m.is_user === true);
    const replies = chat.filter((m) => m.is_user === false);
    expect(players).toHaveLength(20);
    expect(replies).toHaveLength(20);
    for (const m of players) expect(keys(m)).toEqual(keys(realPlayer));
    for (const m of replies) {
      expect(keys(m)).toEqual(keys(realReply));
      expect(keys(m.extra as object)).toEqual(keys(realReply.extra as object));
    }
  });

  it('gives every swipe its swipe_info entry, and shows the kept swipe with its own dates', () => {
    const replies = chat.filter((m) => m.is_user === false);
    for (const m of replies) {
      const swipes = m.swipes as string[];
      const info = m.swipe_info as Msg[];
      expect(info).toHaveLength(swipes.length);
      for (const entry of info) expect(keys(entry)).toEqual(keys((realReply.swipe_info as Msg[])[0]));
      const shown = info[m.swipe_id as number];
      expect(m.mes).toBe(swipes[m.swipe_id as number]);
      expect([m.send_date, m.gen_started, m.gen_finished]).toEqual([shown.send_date, shown.gen_started, shown.gen_finished]);
    }
    expect(replies.map((m) => (m.swipes as string[]).length)).toEqual(Array.from({ length: 20 }, (_, i) => ((i + 1) % 10 === 0 ? 4 : 3)));
  });

  it("writes its dates as SillyTavern does, and SillyTavern's own reader in skald reads them", () => {
    const created = /^\d{4}-\d{2}-\d{2}@\d{2}h\d{2}m\d{2}s$/;
    const sent = /^[A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d{2}(?:am|pm)$/;
    expect(realHeader.create_date).toMatch(created);
    expect(realPlayer.send_date).toMatch(sent);
    expect(chat[0].create_date).toMatch(created);
    for (const m of chat.slice(1)) {
      expect(m.send_date).toMatch(sent);
      expect(parseStDate(m.send_date)).toBeDefined();
    }
    const parsed = parseStChat(sillyTavernChat(records, 'Tamsin', 'Narrator'), 'the bench chat');
    expect(parsed.messages).toHaveLength(40);
    expect(parsed.messages.filter((m) => m.swipeInfo !== undefined)).toHaveLength(20);
  });
});
