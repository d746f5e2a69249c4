/**
 * Defect 2 of issue 17: one damaged line in the middle of a session hid every turn before it, and
 * one-byte damage changed text with no warning at all. Now every line carries a checksum; a damaged
 * record is skipped and named, the turns after it are re-attached, and `show`, `export` and resume
 * see every intact turn. `skald sessions repair` writes a clean copy beside the original.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeBranch } from '../../src/store/branch.js';
import { parseSessionBytes } from '../../src/store/parse-session.js';
import { sealJson } from '../../src/store/checksum.js';
import { runCli } from './helpers.js';
import { baseline, fuzz, judge, oneByteDamage, realSession, wrongShape, type RealSession } from './store-fuzz.js';

type Json = Record<string, any>;
const lines = Array.from({ length: 20 }, (_, i) => `Move ${i + 1}: I step closer to the wheel.`);

let home: string;
let file: string;
let original: Buffer;
let sessionId: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'skald-damage-'));
  const played = await runCli(['play', 'glass-orchard', '--headless', '--offline', '--seed', '4', '--candidates', '2'], {
    input: lines.map((l) => `${l}\n`).join(''),
    env: { SKALD_HOME: home },
  });
  expect(played.status, played.stderr).toBe(0);
  const dir = join(home, 'sessions');
  const name = readdirSync(dir).find((n) => n.endsWith('.jsonl'))!;
  file = join(dir, name);
  sessionId = name.slice(0, -6);
  original = readFileSync(file);
});

/**
 * Turns (after the first few) whose rolling summary differs from their parent's, in order. The
 * summary is folded in batches, so most turns keep their parent's; losing such a parent costs its
 * child nothing (the child's edit rebuilds the same text on the grandparent's), while losing one of
 * these leaves its child's edit nothing to stand on.
 */
function summaryChanges(): number[] {
  const turns = original
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Json)
    .filter((r) => r.type === 'turn');
  // A batch folded in moves `summaryThrough`; every other turn keeps its parent's summary.
  return turns
    .filter((r, i) => i > 0 && r.number < turns.length && r.memory.summaryThrough !== turns[i - 1].memory.summaryThrough)
    .map((r) => r.number as number);
}

/** The file with one byte deleted from the middle of turn `n`'s line. */
function withTurnDamaged(n: number): Buffer {
  const text = original.toString('utf8');
  const start = text.split('\n').findIndex((l) => l.includes(`"number":${n},`) && l.includes('"type":"turn"'));
  let offset = 0;
  for (let i = 0; i < start; i++) offset = original.indexOf(0x0a, offset) + 1;
  const middle = (offset + original.indexOf(0x0a, offset)) >> 1;
  return Buffer.concat([original.subarray(0, middle), original.subarray(middle + 1)]);
}

describe('one damaged line in a 20-turn session', () => {
  it('hides nothing else: show, export and resume see the other 19 turns, and the warning names what was lost', async () => {
    // Twenty turns fold at least two batches into the summary, so there are turns of both kinds.
    expect(summaryChanges().length).toBeGreaterThanOrEqual(2);
    const lost = summaryChanges()[0];
    writeFileSync(file, withTurnDamaged(lost));
    const env = { SKALD_HOME: home };
    const shown = await runCli(['sessions', 'show', sessionId, '--json'], { env });
    expect(shown.status, shown.stderr).toBe(0);
    const turns = (JSON.parse(shown.stdout) as { turns: Json[] }).turns;
    expect(turns.map((t) => t.turn)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1).filter((n) => n !== lost));
    expect(turns.map((t) => t.input)).toEqual(lines.filter((_, i) => i !== lost - 1));
    const warnings = shown.stderr.trim().split('\n');
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Line \\d+ of session .* is unreadable \\(its checksum does not match\\) and was skipped; turn ${lost} \\("Move ${lost}: I step closer to the wheel\\."\\) is lost\\.$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `turn ${lost + 1} \\("Move ${lost + 1}: .*"\\) followed n${lost}, which is lost; it now follows turn ${lost - 1} \\("Move ${lost - 1}: .*"\\), and is kept\\.$`,
        ),
      ),
    ]);

    const exported = await runCli(['sessions', 'export', sessionId, '--format', 'json'], { env });
    expect(exported.status, exported.stderr).toBe(0);
    expect((JSON.parse(exported.stdout) as { turns: Json[] }).turns).toHaveLength(19);

    const resumed = await runCli(['play', '--resume', sessionId, '--headless', '--offline'], { input: 'Move 21.\n', env });
    expect(resumed.status, resumed.stderr).toBe(0);
    const out = resumed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(out[0]).toMatchObject({ type: 'session', resumed: true, turns: 19 });
    // Resume also says that the next turn's rolling summary (an edit of the lost one's) now stands on the turn before.
    const warned = out.filter((l) => l.type === 'warning');
    expect(warned).toHaveLength(3);
    expect(warned[2]).toMatchObject({
      message: expect.stringMatching(
        new RegExp(`rolling summary saved with turn ${lost + 1} .* the summary as of turn ${lost - 1} stands in`),
      ),
    });
    expect(out.find((l) => l.type === 'turn')).toMatchObject({ turn: 21, input: 'Move 21.' });
  });

  it('losing a turn whose summary its parent already had costs the next turn no summary: its edit rebuilds the same text', async () => {
    const changes = new Set(summaryChanges());
    const lost = Array.from({ length: 17 }, (_, i) => i + 3).find(
      (n) => !changes.has(n) && !changes.has(n - 1) && changes.size > 0 && n > Math.min(...changes),
    )!;
    writeFileSync(file, withTurnDamaged(lost));
    const env = { SKALD_HOME: home };
    const resumed = await runCli(['play', '--resume', sessionId, '--headless', '--offline'], { input: 'Move 21.\n', env });
    expect(resumed.status, resumed.stderr).toBe(0);
    const warned = resumed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json)
      .filter((l) => l.type === 'warning');
    expect(warned.map((w) => w.message as string)).toEqual([
      expect.stringMatching(new RegExp(`turn ${lost} \\("Move ${lost}: .*\\) is lost`)),
      expect.stringMatching(new RegExp(`turn ${lost + 1} .* now follows turn ${lost - 1}`)),
    ]);
    writeFileSync(file, original);
  });

  it('`sessions repair` writes a clean copy beside the original, one line per fix, and never touches the original', async () => {
    const lost = summaryChanges()[1];
    const damaged = withTurnDamaged(lost);
    writeFileSync(file, damaged);
    const env = { SKALD_HOME: home };
    const repaired = await runCli(['sessions', 'repair', sessionId], { env });
    expect(repaired.status, repaired.stderr).toBe(0);
    const out = repaired.stdout.trim().split('\n');
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(new RegExp(`^- Line \\d+ .* turn ${lost} .* is lost\\.$`));
    expect(out[1]).toMatch(new RegExp(`^- .*turn ${lost + 1} .* now follows turn ${lost - 1}`));
    expect(out[2]).toMatch(new RegExp(`^- .*rolling summary saved with turn ${lost + 1} .* the summary as of turn ${lost - 1} stands in`));
    expect(out[3]).toMatch(
      new RegExp(
        `^Wrote the repaired copy as session ${sessionId}-repaired .*; session ${sessionId} is left as it was\\. Play it with \`skald play --resume ${sessionId}-repaired\`\\.$`,
      ),
    );
    expect(readFileSync(file).equals(damaged)).toBe(true);

    const copy = parseSessionBytes(
      readFileSync(join(home, 'sessions', `${sessionId}-repaired.jsonl`)),
      'the copy',
      `${sessionId}-repaired`,
    );
    expect(copy.warnings).toEqual([]);
    expect(copy.unsealed).toBe(0);
    expect(activeBranch(copy.records).map((t) => t.input.text)).toEqual(lines.filter((_, i) => i !== lost - 1));

    const again = await runCli(['sessions', 'repair', `${sessionId}-repaired`], { env });
    expect(again.stdout.trim()).toMatch(/needs no repair: all \d+ lines are intact; nothing was written\.$/);
    expect(readdirSync(join(home, 'sessions')).filter((n) => n.endsWith('.jsonl'))).toHaveLength(2);
    writeFileSync(file, original);
  });
});

describe('checksums and older files', () => {
  let session: RealSession;
  beforeAll(async () => {
    session = await realSession(12, 21);
  });

  it('every line written has a checksum; a file written before checksums loads unchanged, with no warning', () => {
    const text = session.bytes.toString('utf8');
    expect(
      text
        .trimEnd()
        .split('\n')
        .every((l) => /^\{"crc":"[0-9a-f]{8}","type":"/.test(l)),
    ).toBe(true);
    const legacy = Buffer.from(text.replace(/^\{"crc":"[0-9a-f]{8}",/gm, '{'));
    const before = parseSessionBytes(legacy, 'old', 'old');
    const now = parseSessionBytes(session.bytes, 'new', 'new');
    expect(before.warnings).toEqual([]);
    expect(before.unsealed).toBe(before.lines);
    expect(before.records).toEqual(now.records);
  });

  it('a changed letter inside a reply is caught by the checksum, not read as the story', () => {
    const text = session.bytes.toString('utf8');
    const at = text.indexOf('"text":"', text.indexOf('"candidates":[')) + 12;
    const changed = Buffer.from(text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1));
    const parsed = parseSessionBytes(changed, 'the session', session.id);
    expect(parsed.warnings[0]).toMatch(/checksum does not match/);
    expect(activeBranch(parsed.records).every((t) => t.candidates.every((c) => text.includes(JSON.stringify(c.text))))).toBe(true);
  });

  it('a damaged start record is rebuilt from its other fields, and the turns after it kept', async () => {
    const text = session.bytes.toString('utf8');
    const damaged = Buffer.from(text.replace(/"seed":\d+/, '"seed":x'));
    const outcome = await judge(baseline(session.bytes), damaged, new Set([0]), session);
    expect(outcome).toMatchObject({ hidden: 0, lostDamaged: 0, unexpected: [], warned: true });
    const parsed = parseSessionBytes(damaged, 'the session', session.id);
    expect(parsed.warnings).toEqual([
      expect.stringMatching(
        /^The start record of the session \(line 1\) is damaged \(.*\); it was rebuilt from what is left and the turns after it are kept, but its seed could not be read and was given defaults\. Its world and opening cannot be trusted \(it reads world "mini-mill" and opening "[a-z-]+", but any letter of it may have changed\): name the world to resume it, `skald play <world> --resume .*`; the story starts from that world's first opening\.$/,
      ),
    ]);
  });

  it("a changed letter in the start record's world id is not taken as another world: the world is left for the player to name (fuzz seed 17)", async () => {
    const text = session.bytes.toString('utf8');
    const damaged = Buffer.from(text.replace('"packId":"mini-mill"', '"packId":"mrni-mill"'));
    const parsed = parseSessionBytes(damaged, 'the session', session.id);
    const start = parsed.records[0];
    expect(start).toMatchObject({ type: 'session-start', packId: '', openingId: '', persona: expect.any(String) });
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toContain('checksum does not match');
    expect(parsed.warnings[0]).toContain('it reads world "mrni-mill"');
    expect(parsed.warnings[0]).toContain(`\`skald play <world> --resume ${session.id}\``);
    // Resumed in the world the player names, with every turn; nothing refused.
    const outcome = await judge(baseline(session.bytes), damaged, new Set([0]), session);
    expect(outcome).toMatchObject({ hidden: 0, lostDamaged: 0, unexpected: [], warned: true });
    // A record of the wrong shape but an intact checksum was written so: its world is kept.
    const resealed = text.split('\n');
    const value = JSON.parse(`{${resealed[0].slice(18)}`) as Record<string, unknown>;
    resealed[0] = sealJson(JSON.stringify({ ...value, seed: 'x' }));
    const shaped = parseSessionBytes(Buffer.from(resealed.join('\n')), 'the session', session.id);
    expect(shaped.records[0]).toMatchObject({ packId: 'mini-mill' });
    expect(shaped.warnings[0]).not.toContain('cannot be trusted');
  });

  it('a lost line break (two records run together) loses neither', () => {
    const newline = session.bytes.indexOf(0x0a, session.bytes.length >> 1);
    const joined = Buffer.concat([session.bytes.subarray(0, newline), session.bytes.subarray(newline + 1)]);
    const parsed = parseSessionBytes(joined, 'the session', session.id);
    expect(parsed.records).toEqual(parseSessionBytes(session.bytes, 'the session', session.id).records);
    expect(parsed.warnings).toEqual([
      expect.stringMatching(/holds 2 records run together \(a lost line break\); each was read on its own and nothing is lost\.$/),
    ]);
  });

  it('fuzz, 50 cases of one-byte damage at random offsets (seed 7): no intact turn hidden, nothing changed silently, no unexpected error', async () => {
    const totals = await fuzz([session], 50, 7, oneByteDamage);
    expect(totals.examples).toEqual([]);
    expect(totals).toMatchObject({ cases: 50, hidden: 0, silent: 0, unexpected: 0 });
    // Every case was noticed (a byte outside any record is the only damage that needs no word).
    expect(totals.warned).toBeGreaterThanOrEqual(48);
  });

  it('fuzz, 50 wrong-shaped records (seed 8): no intact turn hidden, no unexpected error', async () => {
    const totals = await fuzz([session], 50, 8, wrongShape);
    expect(totals.examples).toEqual([]);
    expect(totals).toMatchObject({ cases: 50, hidden: 0, silent: 0, unexpected: 0 });
  });
});
