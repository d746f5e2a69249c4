// Every real SillyTavern chat file in tests/fixtures/sillytavern-chats (see its PROVENANCE.md)
// imported as `skald sessions import` imports it, and exported back as `sessions export --format
// st` writes it: what the import made of it, and that every message comes back in its order,
// with its speaker, text, swipes and kept swipe, and everything else it held.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatUserName, report } from '../../src/cli/sessions-st.js';
import { activeBranch } from '../../src/store/branch.js';
import { writeWholeSession } from '../../src/store/copy.js';
import { loadSession } from '../../src/store/load.js';
import { sessionToStChat } from '../../src/store/st-chat/from-session.js';
import { parseStChat } from '../../src/store/st-chat/parse.js';
import { chatToRecords, type ChatImportSummary } from '../../src/store/st-chat/to-session.js';
import { miniPack } from '../fixtures/mini-pack.js';

const DIR = new URL('../fixtures/sillytavern-chats/', import.meta.url).pathname;
const pack = miniPack();
type Msg = Record<string, unknown>;

/** What each file makes, and which of its lines do not come back (the cut one only). */
const EXPECTED: Record<string, { summary: Partial<ChatImportSummary>; lost?: number[] }> = {
  'aqua-2023-01-greeting-only.jsonl': { summary: { turns: 0, openingKept: true, undated: 0 } },
  'megumin-2023-04-one-turn.jsonl': { summary: { turns: 1, swipes: 1, openingKept: true, undated: 0 } },
  'megumin-2023-04-last-line-cut.jsonl': { summary: { turns: 0, unanswered: 1, cutLine: 4 }, lost: [4] },
  'walter-white-2023-03-five-turns.jsonl': { summary: { turns: 4, swipes: 4, unanswered: 1, openingKept: true, undated: 0 } },
  'konosuba-2023-05-tavernai-room.jsonl': { summary: { turns: 0, merged: 2, openingKept: true, undated: 0 } },
  'aqua-2023-05-display-text.jsonl': { summary: { turns: 0, displayText: 1, openingKept: true } },
  'group-2024-06-no-header.jsonl': { summary: { turns: 1, swipes: 5, unanswered: 1, openingKept: true, undated: 0 } },
  'ai-guide-2025-02-five-swipes.jsonl': { summary: { turns: 1, swipes: 5, openingKept: true, undated: 0 } },
  'group-2024-06-created-only.jsonl': { summary: { turns: 0, system: 1, openingKept: false } },
  'group-2023-07-two-speakers.jsonl': { summary: { turns: 2, swipes: 2, merged: 3, system: 1, openingKept: true, undated: 0 } },
  'seraphina-2024-08-system-line.jsonl': { summary: { turns: 1, swipes: 1, notMessages: 1, openingKept: true, undated: 0 } },
};

const files = readdirSync(DIR).filter((f) => f.endsWith('.jsonl'));

describe('real SillyTavern chat files', () => {
  it('each fixture is listed here with what it should make', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of files) {
    it(`${file}: imports as expected and exports every message back in place`, async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const chat = parseStChat(text, file);
      const fromChat = chatUserName(chat);
      const persona = { ...pack.player, name: fromChat && fromChat !== 'You' ? fromChat : pack.player.name };
      const { records, summary } = chatToRecords({ chat, pack, persona, id: 'fixture', seed: 1, now: 0, candidates: 3, budget: 8192 });
      expect(summary).toMatchObject(EXPECTED[file].summary);
      if (summary.cutLine !== undefined) expect(report(summary)).toContain(`line ${summary.cutLine} was cut off`);

      const dir = mkdtempSync(join(tmpdir(), 'skald-st-fixture-'));
      await writeWholeSession(dir, 'fixture', records);
      const loaded = await loadSession('fixture', dir);
      expect(loaded.warnings).toEqual([]);
      const start = loaded.start;
      const back = sessionToStChat({
        start,
        turns: activeBranch(loaded.records),
        characterName: typeof chat.header?.character_name === 'string' ? chat.header.character_name : 'Character',
        ...(start.openingText !== undefined ? { opening: { text: start.openingText, swipes: [start.openingText], chosen: 0 } } : {}),
      })
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Msg);

      const lost = new Set(EXPECTED[file].lost ?? []);
      const original = text
        .split('\n')
        .map((l, i) => ({ l, line: i + 1 }))
        .filter(({ l, line }) => l.trim() && !lost.has(line))
        .map(({ l }) => JSON.parse(l) as Msg);
      // The header keeps every field, the player's name being the persona's; a group chat without
      // one (SillyTavern before 1.12 wrote none) gets the one SillyTavern's saveGroupChat writes
      // (public/scripts/group-chats.js), which its getGroupChat drops before the messages.
      const headed = !('mes' in original[0]);
      if (headed) expect(back[0]).toMatchObject({ ...original[0], user_name: persona.name });
      else if (file.startsWith('group-')) {
        expect(back[0]).toEqual({ chat_metadata: {}, user_name: 'unused', character_name: 'unused' });
        // skald reads it back as SillyTavern does: the header is no message, the names come from the messages.
        const again = chatToRecords({
          chat: parseStChat(back.map((m) => JSON.stringify(m)).join('\n'), file),
          pack,
          persona,
          id: 'again',
          seed: 1,
          now: 0,
          candidates: 3,
          budget: 8192,
        });
        expect(again.summary.turns).toBe(summary.turns);
        expect(again.summary.notMessages).toBe(summary.notMessages);
      }
      expect(back[0]).not.toHaveProperty('mes');
      const messages = headed ? original.slice(1) : original;
      expect(back).toHaveLength(messages.length + 1);
      const asides = new Set((start.imported?.asides ?? []).map((a) => JSON.stringify(a.message)));
      messages.forEach((m, i) => {
        const b = back[i + 1];
        // A message set aside comes back as it was; a played one with every field it had, a player's
        // name being the persona's.
        if (asides.has(JSON.stringify(m))) expect(b).toEqual(m);
        else expect(b).toMatchObject({ ...m, ...(m.is_user === true ? { name: persona.name } : {}) });
      });
    });
  }
});
