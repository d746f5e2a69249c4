// A chat imported from SillyTavern keeps its Author's Note (the header's chat_metadata: note_prompt,
// note_interval, note_depth, note_position, note_role, as public/scripts/authors-note.js keeps
// them) as the story's note, and an export writes the story's note back there. The chat is a real
// one (tests/fixtures/sillytavern-chats, SillyTavern 2024 with every note field); its note_prompt,
// empty in the file, is given a text here, and the other fields changed where a test says so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/session/session.js';
import { parseStChat } from '../../../src/store/st-chat/parse.js';
import { chatToRecords } from '../../../src/store/st-chat/to-session.js';
import { sessionToStChat } from '../../../src/store/st-chat/from-session.js';
import { activeBranch } from '../../../src/store/branch.js';
import { report, stChatText } from '../../../src/cli/sessions-st.js';
import type { LoadedSession } from '../../../src/store/load.js';
import type { SessionStartRecord } from '../../../src/engine/session/records.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { collect } from './helpers.js';
import { chatWithMetadata, importedDeps } from './imported-chat.js';
import { scriptedProvider } from './scripted-provider.js';

const FILE = new URL('../../fixtures/sillytavern-chats/seraphina-2024-08-system-line.jsonl', import.meta.url);
const NOTE = 'Keep the storm rising; Seraphina hides her wound.';

const importOf = (note: Record<string, unknown>) => {
  const { chat, header } = chatWithMetadata(FILE, { note_prompt: NOTE, ...note });
  const pack = miniPack();
  return { header, pack, ...chatToRecords({ chat, pack, persona: pack.player, id: 'st', seed: 1, now: 0, candidates: 1, budget: 8192 }) };
};

describe("a chat imported from SillyTavern: its Author's Note", () => {
  it("is the story's note, at its depth and frequency, and the next prompt carries it", async () => {
    const { records, pack, summary } = importOf({ note_depth: 2, note_interval: 1 });
    expect(report(summary)).toContain(
      `the chat's Author's Note (${NOTE.length} chars) is the story's note, 2 messages from the end every turn`,
    );
    const provider = scriptedProvider();
    const session = await Session.restore(records, importedDeps(pack, provider));
    expect(session.authorsNote).toEqual({ text: NOTE, depth: 2, every: 1 });
    await collect(session.play({ text: 'I bar the door.' }));
    const messages = provider.requests[0].candidates[0].messages;
    const at = messages.findIndex((m) => m.content === NOTE);
    expect(messages[at]?.role).toBe('system');
    // Two chat messages after it, then the turn's direction.
    expect(messages.slice(at + 1, -1).filter((m) => m.role !== 'system')).toHaveLength(2);
  });

  it('says where SillyTavern placed it otherwise, and a note switched off there stays off', () => {
    const placed = importOf({ note_position: 0, note_role: 2 }).summary;
    expect(report(placed)).toContain(
      "the story's note, 4 messages from the end every turn (`/note` shows it): SillyTavern put it after the story string; skald puts it 4 messages from the end; sent with the assistant role there, as a system message here",
    );
    const off = importOf({ note_interval: 0 });
    expect(off.records.some((r) => r.type === 'note')).toBe(false);
    expect(report(off.summary)).toContain(
      "the chat's Author's Note (49 chars) is kept for export: it was switched off there (insertion frequency 0), so it stays off",
    );
    // The real file's empty note: nothing said, no note.
    const [head, ...rest] = readFileSync(FILE, 'utf8').trim().split('\n');
    const plain = chatToRecords({
      chat: parseStChat([head, ...rest].join('\n'), 'chat.jsonl'),
      pack: miniPack(),
      persona: miniPack().player,
      id: 'st',
      seed: 1,
      now: 0,
      candidates: 1,
      budget: 8192,
    });
    expect(plain.summary.note).toBeUndefined();
    expect(plain.records.some((r) => r.type === 'note')).toBe(false);
  });

  it("goes back as it came when the story kept it, and as the story's note when it changed or was removed", () => {
    const { records, header } = importOf({ note_position: 0, note_depth: 3 });
    const start = records[0] as SessionStartRecord;
    const turns = activeBranch(records);
    const meta = (note: Parameters<typeof sessionToStChat>[0]['note']) =>
      (
        JSON.parse(
          sessionToStChat({ start, turns, characterName: 'Seraphina', ...(note !== undefined ? { note } : {}) }).split('\n')[0],
        ) as {
          chat_metadata: Record<string, unknown>;
        }
      ).chat_metadata;
    expect(meta({ text: NOTE, depth: 3, every: 1 })).toEqual(header.chat_metadata);
    expect(meta(undefined)).toEqual(header.chat_metadata);
    expect(meta({ text: 'Let the storm break.', depth: 1, every: 2 })).toEqual({
      ...header.chat_metadata,
      note_prompt: 'Let the storm break.',
      note_depth: 1,
      note_interval: 2,
      note_position: 1,
      note_role: 0,
    });
    expect(meta(null)).toEqual({ ...header.chat_metadata, note_prompt: '' });
  });

  it("sessions export reads the story's last note from its log, whichever came last", async () => {
    const { records, header } = importOf({ note_depth: 3 });
    const start = records[0] as SessionStartRecord;
    const exported = async (log: typeof records) => {
      const loaded = { id: 'st', path: '', start, records: log, warnings: [], problems: [], lines: log.length } as unknown as LoadedSession;
      const text = await stChatText(loaded, activeBranch(log));
      return (JSON.parse(text.split('\n')[0]) as { chat_metadata: Record<string, unknown> }).chat_metadata;
    };
    expect(await exported(records)).toEqual(header.chat_metadata);
    const changed = [...records, { type: 'note' as const, at: 1, note: { text: 'Let the storm break.', depth: 0, every: 3 } }];
    expect(await exported(changed)).toMatchObject({ note_prompt: 'Let the storm break.', note_depth: 0, note_interval: 3 });
    expect(await exported([...changed, { type: 'note' as const, at: 2, note: null }])).toMatchObject({ note_prompt: '' });
  });
});
