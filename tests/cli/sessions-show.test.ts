import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { swipedOpening } from '../../src/engine/session/records.js';
import { SessionLoadError } from '../../src/store/load-error.js';
import { loadSession } from '../../src/store/load.js';
import { recordLine, JsonlSessionStore, sessionPath } from '../../src/store/session-file.js';
import { sealJson } from '../../src/store/checksum.js';
import { readLeanStory } from '../../src/store/lean-story.js';
import { showLean as showLeanOutput, showLoaded } from '../../src/cli/sessions-show.js';
import { markdown } from '../../src/cli/sessions-run.js';
import { promptStates } from '../../src/cli/story-prompt-view.js';
import { activeBranch } from '../../src/store/branch.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { inputRandom } from '../hardening/mutate.js';
import { oneByteDamage, realSession, wrongShape } from '../hardening/store-fuzz.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { parseStChat } from '../../src/store/st-chat/parse.js';
import { chatToRecords } from '../../src/store/st-chat/to-session.js';
import type { Random } from '../../src/engine/types.js';

const dir = mkdtempSync(join(tmpdir(), 'skald-show-'));

/** What the lean path prints, as text (`--json` comes as bytes unless it had to be cleaned). */
function showLean(bytes: Buffer, id: string, json: boolean): string | undefined {
  const shown = showLeanOutput(bytes, id, json);
  return typeof shown === 'string' || shown === undefined ? shown : shown.toString('utf8');
}

/** What the careful path prints for `bytes` (as `sessions show` loads them), or the load's refusal. */
async function careful(id: string, bytes: Buffer, json: boolean): Promise<{ text: string; warnings: string[] } | { refused: string }> {
  writeFileSync(sessionPath(id, dir), bytes);
  try {
    const loaded = await loadSession(id, dir, { diagnostics: 'none' });
    const openingId = swipedOpening(loaded.records);
    return showLoaded(openingId === undefined ? loaded : { ...loaded, start: { ...loaded.start, openingId } }, json);
  } catch (error) {
    if (error instanceof SessionLoadError) return { refused: error.message };
    throw error;
  }
}

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of events) void _;
}

/** A story with an author's note and a system prompt set, changed and removed along the way. */
async function promptedStory(): Promise<{ id: string; bytes: Buffer }> {
  let t = Date.UTC(2026, 11, 6);
  const own = mkdtempSync(join(tmpdir(), 'skald-show-'));
  const store = new JsonlSessionStore({ dir: own });
  const session = await Session.create({
    pack: miniPack(),
    provider: createOfflineNarrator({ seed: 4 }),
    clock: { now: () => (t += 1000) },
    seed: 4,
    candidates: 2,
    store,
  });
  await drain(session.play({ text: 'Hello.' }));
  await session.setAuthorsNote({ text: 'Keep it quiet and cold.', depth: 2, every: 1 });
  await drain(session.play({ text: 'I wait by the wheel.' }));
  await session.setSystemPrompt('You narrate in the second person.');
  await drain(session.play({ text: 'Who is there?' }));
  await session.setAuthorsNote(undefined);
  await drain(session.play({ text: 'I go in.' }));
  await session.setSystemPrompt(undefined);
  await session.setAuthorsNote({ text: 'Storm coming.', depth: 0, every: 3 });
  await store.close();
  return { id: session.id, bytes: readFileSync(sessionPath(session.id, own)) };
}

describe('sessions show, the lean reader', () => {
  it('prints what the careful reader prints for a real story (swipes, regenerates, a pinned fact), text and --json', async () => {
    const session = await realSession(24, 3);
    for (const json of [true, false]) {
      const lean = showLean(session.bytes, session.id, json);
      const slow = await careful(session.id, session.bytes, json);
      expect(lean).toBeDefined();
      expect(slow).toEqual({ text: lean, warnings: [] });
    }
  });

  it('answers for a damaged file only when the careful reader prints the same and warns of nothing: 300 damaged files', async () => {
    const session = await realSession(20, 5);
    let answered = 0;
    let declined = 0;
    for (let i = 0; i < 300; i++) {
      const { damaged } = (i % 2 === 0 ? oneByteDamage : wrongShape)(session.bytes, inputRandom(29, i));
      const json = i % 3 !== 0;
      const lean = showLean(damaged, session.id, json);
      const slow = await careful(session.id, damaged, json);
      if (lean === undefined) {
        declined++;
        continue;
      }
      answered++;
      expect(slow, `case ${i}`).toEqual({ text: lean, warnings: [] });
    }
    // Both happen: most damage is declined, a re-sealed record of a still-good shape is answered.
    expect(declined).toBeGreaterThan(150);
    expect(answered).toBeGreaterThan(10);
  });

  it('prints --json as bytes when nothing in it needs cleaning, and cleans hostile texts exactly as the careful path does', async () => {
    const session = await realSession(8, 11);
    expect(Buffer.isBuffer(showLeanOutput(session.bytes, session.id, true))).toBe(true);
    const lines = session.bytes.toString('utf8').trim().split('\n');
    const hostile = [
      'red \u009b31mALERT\u009b0m and DEL\u007f',
      'reads \u202ebackwards\u202c here',
      'my key: Bearer abcdefgh12345',
      'plain “curly” café — then sk-abcdefgh123456',
    ];
    for (const [k, evil] of hostile.entries()) {
      let turns = 0;
      const changed = lines.map((line) => {
        const { crc: _, ...record } = JSON.parse(line) as {
          crc: string;
          type: string;
          input?: { text: string };
          candidates?: { text: string }[];
        };
        if (record.type !== 'turn' || turns++ !== 2 + k) return line;
        record.input!.text = `I say: ${evil}`;
        for (const c of record.candidates!) c.text = `${c.text} ${evil}`;
        return sealJson(JSON.stringify(record));
      });
      const bytes = Buffer.from(`${changed.join('\n')}\n`);
      for (const json of [true, false]) {
        const lean = showLean(bytes, session.id, json)!;
        expect(await careful(session.id, bytes, json), `case ${k}`).toEqual({ text: lean, warnings: [] });
        expect(lean).not.toMatch(/[\u007f-\u009f\u202a-\u202e]|abcdefgh12/);
      }
    }
  });

  it('leaves a log from before checksums, and a turn whose parent is lost, to the careful reader', async () => {
    const session = await realSession(6, 7);
    const lines = session.bytes.toString('utf8').trim().split('\n');
    const legacy = Buffer.from(`${lines.map((l) => `{${l.slice(18)}`).join('\n')}\n`);
    expect(readLeanStory(legacy)).toBeUndefined();
    expect(((await careful(session.id, legacy, true)) as { warnings: string[] }).warnings).toEqual([]);
    const orphan = lines.filter((l) => !l.includes('"nodeId":"n2","parentId"'));
    expect(readLeanStory(Buffer.from(orphan.join('\n')))).toBeUndefined();
  });
});

describe("sessions show and export: the author's note and the system prompt", () => {
  it('--json names them on the story (as they stand) and on each turn where they changed', async () => {
    const story = await promptedStory();
    const shown = JSON.parse(showLean(story.bytes, story.id, true)!) as Record<string, unknown> & { turns: Array<Record<string, unknown>> };
    expect(shown.authorsNote).toEqual({ text: 'Storm coming.', depth: 0, every: 3 });
    expect(shown.systemPrompt).toBeUndefined();
    expect(shown.turns.map((t) => [t.authorsNote, t.systemPrompt])).toEqual([
      [undefined, undefined],
      [{ text: 'Keep it quiet and cold.', depth: 2, every: 1 }, undefined],
      [undefined, 'You narrate in the second person.'],
      [null, undefined],
    ]);
    // Every field show printed before is still there, unchanged.
    expect(Object.keys(shown.turns[1]).slice(0, 10)).toEqual([
      'turn',
      'input',
      'reply',
      'chosen',
      'candidates',
      'beat',
      'pacing',
      'promptTokens',
      'createdAt',
      'authorsNote',
    ]);
    expect(await careful(story.id, story.bytes, true)).toEqual({ text: showLean(story.bytes, story.id, true), warnings: [] });
  });

  it('the text form and the Markdown export say where they were set, changed or removed', async () => {
    const story = await promptedStory();
    const text = showLean(story.bytes, story.id, false)!;
    expect(await careful(story.id, story.bytes, false)).toEqual({ text, warnings: [] });
    const order = [
      "(author's note, depth 2: Keep it quiet and cold.)",
      '[2] > I wait by the wheel.',
      '(system prompt: You narrate in the second person.)',
      '[3] > Who is there?',
      "(author's note removed)",
      '[4] > I go in.',
      "(author's note, depth 0, every 3 turns: Storm coming.)",
      '(system prompt reset)',
    ];
    const at = order.map((line) => text.indexOf(line));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    writeFileSync(sessionPath(story.id, dir), story.bytes);
    const loaded = await loadSession(story.id, dir);
    const md = markdown(loaded.start, undefined, activeBranch(loaded.records), promptStates(loaded.records));
    expect(md).toContain("*(author's note, depth 2: Keep it quiet and cold.)*");
    expect(md).toContain('*(system prompt reset)*');
  });

  it('a note holding an escape sequence reaches the text form neutralised', async () => {
    const story = await promptedStory();
    const evil = recordLine({
      type: 'note',
      at: Date.UTC(2026, 11, 7),
      note: { text: 'red \u001b[31mALERT\u001b[0m', depth: 1, every: 1 },
    });
    const bytes = Buffer.concat([story.bytes, Buffer.from(`${evil}\n`)]);
    const text = showLean(bytes, story.id, false)!;
    expect(text).toContain("(author's note, depth 1: red ALERT)");
    expect(text).not.toContain('\u001b');
  });
});

/**
 * Pieces a text can hold that JSON or cleaning treats apart: JSON's own escapes, other C0 controls,
 * DEL, C1 and bidi controls, the line separators JSON.stringify leaves raw, multi-byte and astral
 * characters, lone surrogates, the two characters /iu folds to ASCII (K and ſ), and key shapes.
 */
const PIECES = [
  '"',
  '\\',
  '\n',
  '\t',
  '\r\n',
  '\b',
  '\f',
  '\u0001',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009b2J',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u2066',
  'café',
  '“curly”',
  '—',
  '…',
  '🦊',
  '𝔘𝔫𝔦',
  '\ud800',
  '\udfff',
  'api\u212aey=abcdef12',
  'acceſs_token=abcdef12',
  'Bearer abcdefgh12',
  'sk-abcdefgh1234',
  'http://user:secret@host',
  'a/b </script>',
  '\u0000',
  '\\u0041',
];

/** `base` with one to four pieces put in at random places. */
function hostile(random: Random, base: string): string {
  let text = base;
  for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
    const at = Math.floor(random() * (text.length + 1));
    text = text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + text.slice(at);
  }
  return text;
}

/** The log with the texts of turns, candidates, notes and system prompts made hostile at random, every line resealed. */
function withHostileTexts(bytes: Buffer, random: Random): Buffer {
  const lines = bytes.toString('utf8').trim().split('\n');
  const changed = lines.map((line) => {
    const { crc: _, ...record } = JSON.parse(line) as Record<string, unknown> & { crc: string; type: string };
    const text = (holder: { text?: unknown } | null | undefined) => {
      if (holder && typeof holder.text === 'string' && random() < 0.6) holder.text = hostile(random, holder.text);
    };
    if (record.type === 'turn') {
      text(record.input as { text: string });
      for (const c of record.candidates as { text: string }[]) text(c);
    } else if (record.type === 'candidate') text(record.candidate as { text: string });
    else if (record.type === 'note') text(record.note as { text: string } | null);
    else if (record.type === 'system-prompt') text(record as { text?: unknown });
    return sealJson(JSON.stringify(record));
  });
  return Buffer.from(`${changed.join('\n')}\n`);
}

describe('sessions show: the lean reader prints the careful reader’s bytes for hostile texts', () => {
  it('stories of every record kind (swipes, regenerates, edits, a fork and a branch switch, notes, system prompts), their texts mixed with escapes, controls, astral and lone surrogates, key shapes', async () => {
    const session = await realSession(10, 5, true);
    let cleaned = 0;
    for (let i = 0; i < 12; i++) {
      const bytes = withHostileTexts(session.bytes, inputRandom(41, i));
      for (const json of [true, false]) {
        const lean = showLean(bytes, session.id, json);
        expect(lean, `story ${i}`).toBeDefined();
        expect(await careful(session.id, bytes, json), `story ${i}, ${json ? '--json' : 'text'}`).toEqual({ text: lean, warnings: [] });
        if (json && !Buffer.isBuffer(showLeanOutput(bytes, session.id, true))) cleaned++;
        expect(lean?.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)?.[0]).toBeUndefined();
      }
    }
    // Most stories hold something cleaning removes; the comparison covers both outcomes when some do not.
    expect(cleaned).toBeGreaterThan(0);
  });

  it('a story imported from a SillyTavern chat (imported turns, swipes, unscored replies), its messages hostile', async () => {
    const pack = miniPack();
    for (let i = 0; i < 6; i++) {
      const random = inputRandom(43, i);
      const message = (isUser: boolean, mes: string, swipes?: string[]) => ({
        name: isUser ? 'Tamsin' : 'Wren',
        is_user: isUser,
        is_system: false,
        send_date: 'May 1, 2024 12:01pm',
        mes,
        extra: {},
        ...(swipes ? { swipes, swipe_id: swipes.indexOf(mes) } : {}),
      });
      const lines: object[] = [{ user_name: 'Tamsin', character_name: 'Wren', create_date: '2024-05-01@12h00m00s', chat_metadata: {} }];
      lines.push(message(false, pack.openings[0].text));
      for (let n = 0; n < 5; n++) {
        lines.push(message(true, hostile(random, `I ask about the mill (${n}).`)));
        const swipes = [hostile(random, 'Wren shrugs.'), hostile(random, '"Not now," Wren says.')];
        lines.push(message(false, swipes[n % 2], swipes));
      }
      const chat = parseStChat(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`, 'chat.jsonl');
      const { records } = chatToRecords({
        chat,
        pack,
        persona: pack.player,
        id: `st-import-${i}`,
        seed: 7,
        now: Date.UTC(2026, 0, 1),
        candidates: 3,
        budget: 8192,
      });
      const bytes = Buffer.from(`${records.map((r) => recordLine(r)).join('\n')}\n`);
      for (const json of [true, false]) {
        const lean = showLean(bytes, `st-import-${i}`, json);
        expect(lean, `chat ${i}`).toBeDefined();
        expect(await careful(`st-import-${i}`, bytes, json), `chat ${i}`).toEqual({ text: lean, warnings: [] });
      }
      const shown = JSON.parse(showLean(bytes, `st-import-${i}`, true)!) as {
        turns: { imported?: string; candidates: { score: unknown }[] }[];
      };
      expect(shown.turns).toHaveLength(5);
      expect(shown.turns.every((t) => t.imported === 'sillytavern' && t.candidates.every((c) => c.score === null))).toBe(true);
    }
  });
});

describe('sessions show: replies that did not finish', () => {
  /** A story whose second reply the player stopped (Esc) after its first words arrived. */
  async function stoppedStory(): Promise<{ id: string; bytes: Buffer }> {
    let t = Date.UTC(2026, 11, 7);
    const own = mkdtempSync(join(tmpdir(), 'skald-show-'));
    const store = new JsonlSessionStore({ dir: own });
    const session = await Session.create({
      pack: miniPack(),
      provider: createOfflineNarrator({ seed: 9 }),
      clock: { now: () => (t += 1000) },
      seed: 9,
      candidates: 1,
      store,
    });
    await drain(session.play({ text: 'Hello.' }));
    const stop = new AbortController();
    for await (const event of session.play({ text: 'Tell me everything.' }, { signal: stop.signal }))
      if ((event as { type: string }).type === 'delta') stop.abort();
    await drain(session.play({ text: 'Go on.' }));
    await store.close();
    return { id: session.id, bytes: readFileSync(sessionPath(session.id, own)) };
  }

  /** `bytes` with the chosen reply of turn `number` changed by `change`, the line sealed again. */
  function withReply(bytes: Buffer, number: number, change: (reply: Record<string, unknown>) => void): Buffer {
    const lines = bytes.toString('utf8').trim().split('\n');
    const changed = lines.map((line) => {
      const { crc: _, ...record } = JSON.parse(line) as {
        crc: string;
        type: string;
        number?: number;
        chosen: number;
        candidates: Record<string, unknown>[];
      };
      if (record.type !== 'turn' || record.number !== number) return line;
      change(record.candidates[record.chosen]);
      return sealJson(JSON.stringify(record));
    });
    return Buffer.from(`${changed.join('\n')}\n`);
  }

  it('marks a reply the player stopped, and one a broken stream or a failure cut, in the text form; --json keeps its fields', async () => {
    const story = await stoppedStory();
    const text = showLean(story.bytes, story.id, false)!;
    expect(await careful(story.id, story.bytes, false)).toEqual({ text, warnings: [] });
    const [, , second, third] = text.split(/^\[\d\] > /m);
    expect(second).toMatch(/^Tell me everything\.\n[^]*\n\(stopped by you before the end\)\n/);
    expect(third).not.toContain('(stopped');
    expect(text.match(/\(stopped by you/g)).toHaveLength(1);

    const broken = withReply(story.bytes, 3, (reply) => Object.assign(reply, { incomplete: true, finishReason: 'interrupted' }));
    const brokenText = showLean(broken, story.id, false)!;
    expect(await careful(story.id, broken, false)).toEqual({ text: brokenText, warnings: [] });
    expect(brokenText).toMatch(/\(cut off: the stream broke off before the end\)\n$/);

    const failed = withReply(story.bytes, 3, (reply) =>
      Object.assign(reply, {
        incomplete: true,
        error: { kind: 'connection', message: 'The endpoint stopped answering.', retryable: true },
      }),
    );
    const failedText = showLean(failed, story.id, false)!;
    expect(await careful(story.id, failed, false)).toEqual({ text: failedText, warnings: [] });
    expect(failedText).toMatch(/\(cut off: The endpoint stopped answering\.\)\n$/);

    // --json: the same fields as before, `incomplete` saying which replies did not finish.
    for (const bytes of [story.bytes, broken, failed]) {
      const json = showLean(bytes, story.id, true)!;
      expect(await careful(story.id, bytes, true)).toEqual({ text: json, warnings: [] });
      const shown = JSON.parse(json) as { turns: Array<{ candidates: Array<Record<string, unknown>> }> };
      for (const turn of shown.turns)
        for (const c of turn.candidates) expect(Object.keys(c)).toEqual(['text', 'score', 'variant', 'incomplete']);
    }
    const stopped = JSON.parse(showLean(story.bytes, story.id, true)!) as {
      turns: Array<{ chosen: number; candidates: Array<{ incomplete: boolean }> }>;
    };
    expect(stopped.turns.map((t) => t.candidates[t.chosen].incomplete)).toEqual([false, true, false]);
  });
});
