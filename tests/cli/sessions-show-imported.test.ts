// `sessions show` of chats imported from SillyTavern (real files, tests/fixtures/sillytavern-chats):
// the greeting and the messages the import kept aside, marked, in text and `--json`, the same
// from the lean reader and the careful loader.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdown } from '../../src/cli/sessions-run.js';
import { showLean as showLeanOutput, showLoaded } from '../../src/cli/sessions-show.js';
import { promptStates } from '../../src/cli/story-prompt-view.js';
import { activeBranch } from '../../src/store/branch.js';
import { loadSession } from '../../src/store/load.js';
import { recordLine, sessionPath } from '../../src/store/session-file.js';
import { parseStChat } from '../../src/store/st-chat/parse.js';
import { chatToRecords } from '../../src/store/st-chat/to-session.js';
import { miniPack } from '../fixtures/mini-pack.js';

const DIR = new URL('../fixtures/sillytavern-chats/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'skald-show-imported-'));
const pack = miniPack();

/** The chat imported as `sessions import` does, shown both ways; they must agree. */
async function shown(file: string, json: boolean): Promise<string> {
  const chat = parseStChat(readFileSync(join(DIR, file), 'utf8'), file);
  const id = file.replace(/\.jsonl$/, '');
  const { records } = chatToRecords({ chat, pack, persona: pack.player, id, seed: 1, now: 0, candidates: 3, budget: 8192 });
  const bytes = Buffer.from(`${records.map((r) => recordLine(r)).join('\n')}\n`);
  const leanOut = showLeanOutput(bytes, id, json);
  const lean = typeof leanOut === 'string' || leanOut === undefined ? leanOut : leanOut.toString('utf8');
  writeFileSync(sessionPath(id, dir), bytes);
  const careful = showLoaded(await loadSession(id, dir, { diagnostics: 'none' }), json);
  expect(careful.text).toBe(lean);
  return careful.text;
}

type Shown = {
  greeting?: string;
  asides?: Array<{ after: string; turn: number | null; why: string; name: string; text: string }>;
  turns: Array<{ turn: number; input: string; reply: string }>;
};

describe('sessions show: a chat imported from SillyTavern', () => {
  it('shows the greeting, marked, before the first turn, in text and --json', async () => {
    const text = await shown('megumin-2023-04-one-turn.jsonl', false);
    const greeting = JSON.parse(readFileSync(join(DIR, 'megumin-2023-04-one-turn.jsonl'), 'utf8').split('\n')[1]).mes as string;
    expect(text).toContain(`(the greeting, imported from SillyTavern)\n${greeting}\n[1] > `);
    const json = JSON.parse(await shown('megumin-2023-04-one-turn.jsonl', true)) as Shown;
    expect(json.greeting).toBe(greeting);
    expect(json.turns).toHaveLength(1);
  });

  it('shows the messages kept aside where they stood, each marked with why it was not played', async () => {
    // A line holding no message before the greeting (SillyTavern's old "system" line).
    const seraphina = await shown('seraphina-2024-08-system-line.jsonl', false);
    expect(seraphina).toMatch(
      /\n\(kept aside on import, not played: a line holding no message\)\n\(the greeting, imported from SillyTavern\)\n/,
    );
    // A last message with no reply: after the last turn.
    const walter = JSON.parse(await shown('walter-white-2023-03-five-turns.jsonl', true)) as Shown;
    const last = JSON.parse(readFileSync(join(DIR, 'walter-white-2023-03-five-turns.jsonl'), 'utf8').trim().split('\n').at(-1)!) as {
      name: string;
      mes: string;
    };
    expect(walter.asides).toEqual([{ after: 'n4', turn: 4, why: 'a last message with no reply', name: last.name, text: last.mes }]);
    const walterText = await shown('walter-white-2023-03-five-turns.jsonl', false);
    expect(
      walterText.trimEnd().endsWith(`(kept aside on import, not played: a last message with no reply) ${last.name}: ${last.mes}`.trimEnd()),
    ).toBe(true);
    // A system message among a group chat's turns.
    const group = JSON.parse(await shown('group-2023-07-two-speakers.jsonl', true)) as Shown;
    expect(group.asides?.map((a) => a.why)).toEqual(['a system or hidden message']);
  });

  it('keeps the JSON fields show has always printed, in their order; the new ones come after the turns', async () => {
    const json = JSON.parse(await shown('ai-guide-2025-02-five-swipes.jsonl', true)) as Shown & Record<string, unknown>;
    const keys = Object.keys(json);
    expect(keys.slice(0, 9)).toEqual(['id', 'world', 'worldTitle', 'opening', 'persona', 'provider', 'offline', 'seed', 'createdAt']);
    expect(keys.slice(keys.indexOf('turns'))).toEqual(['turns', 'greeting']);
    expect(Object.keys(json.turns[0]).slice(0, 3)).toEqual(['turn', 'input', 'reply']);
  });
});

/** The chat imported as `sessions import` does, exported as `sessions export --format md` writes it. */
async function exported(file: string): Promise<string> {
  const chat = parseStChat(readFileSync(join(DIR, file), 'utf8'), file);
  const id = `md-${file.replace(/\.jsonl$/, '')}`;
  const { records } = chatToRecords({ chat, pack, persona: pack.player, id, seed: 1, now: 0, candidates: 3, budget: 8192 });
  writeFileSync(sessionPath(id, dir), `${records.map((r) => recordLine(r)).join('\n')}\n`);
  const loaded = await loadSession(id, dir, { diagnostics: 'none' });
  return markdown(loaded.start, loaded.start.openingText, activeBranch(loaded.records), promptStates(loaded.records));
}

describe('sessions export --format md: a chat imported from SillyTavern', () => {
  const lines = (file: string) => readFileSync(join(DIR, file), 'utf8').trim().split('\n');

  it('opens on the greeting, marked as show marks it', async () => {
    const md = await exported('megumin-2023-04-one-turn.jsonl');
    const greeting = (JSON.parse(lines('megumin-2023-04-one-turn.jsonl')[1]) as { mes: string }).mes;
    expect(md).toContain(`*(the greeting, imported from SillyTavern)*\n\n${greeting}\n\n> **`);
    // Said once: the greeting is the opening, not printed beside it.
    expect(md.split(greeting)).toHaveLength(2);
  });

  it('keeps the messages set aside where show puts them, each marked with why', async () => {
    const seraphina = await exported('seraphina-2024-08-system-line.jsonl');
    expect(seraphina).toMatch(
      /\n\*\(kept aside on import, not played: a line holding no message\)\*\n\n\*\(the greeting, imported from SillyTavern\)\*\n\n/,
    );
    const walter = await exported('walter-white-2023-03-five-turns.jsonl');
    const last = JSON.parse(lines('walter-white-2023-03-five-turns.jsonl').at(-1)!) as { name: string; mes: string };
    expect(
      walter.trimEnd().endsWith(`*(kept aside on import, not played: a last message with no reply)* ${last.name}: ${last.mes}`.trimEnd()),
    ).toBe(true);
    // A group chat's system message: where show puts it, before the turn that follows it.
    const group = await exported('group-2023-07-two-speakers.jsonl');
    const json = JSON.parse(await shown('group-2023-07-two-speakers.jsonl', true)) as Shown;
    const aside = json.asides![0];
    const at = group.indexOf(`*(kept aside on import, not played: ${aside.why})* ${aside.name}: ${aside.text}`.trimEnd());
    expect(at).toBeGreaterThan(0);
    expect(at).toBeGreaterThan(aside.turn === 0 ? 0 : group.indexOf(json.turns[aside.turn! - 1].reply));
    const next = json.turns[aside.turn!];
    if (next) expect(at).toBeLessThan(group.indexOf(`> **${pack.player.name}:** ${next.input.split('\n')[0]}`));
  });
});

describe('/export of a chat imported from SillyTavern', () => {
  it('writes what `sessions export --format md` writes: the greeting, marked, and the asides where they stood', async () => {
    const { mkdirSync } = await import('node:fs');
    const { createFileServices } = await import('../../src/cli/file-services.js');
    const { sessionMarkdown } = await import('../../src/cli/sessions-run.js');
    const file = 'seraphina-2024-08-system-line.jsonl';
    const chat = parseStChat(readFileSync(join(DIR, file), 'utf8'), file);
    const id = '20240801-1200-abcd';
    const { records } = chatToRecords({ chat, pack, persona: pack.player, id, seed: 1, now: 0, candidates: 3, budget: 8192 });
    // In the data folder, where a played or imported session lives.
    const path = sessionPath(id);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${records.map((r) => recordLine(r)).join('\n')}\n`);
    const written = await createFileServices().exportStory(id);
    const exported = readFileSync(written, 'utf8');
    expect(exported).toContain('*(the greeting, imported from SillyTavern)*');
    expect(exported).toContain('(kept aside on import, not played: a line holding no message)');
    expect(exported.trimEnd()).toBe((await sessionMarkdown(id)).trimEnd());
  });
});
