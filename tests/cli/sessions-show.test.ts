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
