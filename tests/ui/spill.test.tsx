import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, render, modelSession, tick, waitForFrame, waitUntil } from './harness.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** A reply of `count` numbered paragraphs, each about two lines at 100 columns. */
function paragraphs(tag: string, count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `${tag} paragraph ${i + 1}: the wheel turns, the river runs cold under the mill, and the glass trees ring once more over Dunmarrow tonight.`,
  ).join('\n\n');
}

const session = (url: string, candidates: number) => modelSession(url, { candidates });

const count = (text: string, needle: string) => text.split(needle).length - 1;

/** Resizes the fake terminal, as a real one does (Ink and the TUI listen for `resize`). */
function resize(stdout: NodeJS.EventEmitter, columns: number) {
  Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
  stdout.emit('resize');
}

/** A session whose model answers with 14 long paragraphs, in the App, with the first message sent. */
async function askForALongReply() {
  const model = await startOpenAIServer({
    models: ['test-model'],
    behaviour: { content: paragraphs('Alpha', 14), chunkSize: 30, delayMs: 3 },
  });
  server = model;
  const s = await session(model.url, 1);
  const redraws = { count: 0 };
  const app = render(<App started={{ session: s, notes: [] }} services={fileServices} onRedraw={() => redraws.count++} />);
  app.stdin.write('Tell me everything.');
  await tick();
  app.stdin.write(KEYS.enter);
  return { s, app, redraws, model };
}

describe('a long streaming reply', () => {
  it('moves finished paragraphs into the history while it streams, so the live area stays short and nothing repeats', async () => {
    const { s, app, redraws, model } = await askForALongReply();
    // While it streams, paragraph 1 reaches the history (above the live area).
    await waitForFrame(
      app.lastFrame,
      (f) => {
        const live = liveArea(f);
        return f.includes('Esc stops') && f.slice(0, f.length - live.length).includes('Alpha paragraph 1:');
      },
      'the first paragraph in the history while streaming',
    );
    await waitUntil(() => s.turns().length === 1, 'the turn');
    const frame = await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(f), 'the carousel');
    expect(Math.max(...app.frames.map((f) => liveArea(f).split('\n').length))).toBeLessThan(24);
    // Every paragraph appears exactly once across history and live area; no redraw was needed.
    for (let i = 1; i <= 14; i++) expect(count(frame, `Alpha paragraph ${i}:`)).toBe(1);
    expect(count(frame, 'Tamsin › Tell me everything.')).toBe(1);
    expect(redraws.count).toBe(0);

    // The next turn continues below without reprinting anything.
    model.setBehaviour({ content: 'Wren nods.' });
    app.stdin.write('And then?');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitUntil(() => s.turns().length === 2, 'the second turn');
    const after = await waitForFrame(app.lastFrame, (f) => f.includes('turn 2 ·') && f.includes('Wren nods.'), 'turn 2');
    for (let i = 1; i <= 14; i++) expect(count(after, `Alpha paragraph ${i}:`)).toBe(1);
    expect(redraws.count).toBe(0);
  });

  it('moves the rest into the history too when the end of a spilled reply arrives in one piece', async () => {
    // A slow start that spills, then five paragraphs in the last chunk (a loaded machine or a
    // provider that sends the end at once): the live area must not end up taller than it has room for.
    const text = paragraphs('Alpha', 14);
    const head = text.slice(0, text.indexOf('Alpha paragraph 10:'));
    const pieces = [...(head.match(/[\s\S]{1,30}/g) ?? []), text.slice(head.length)];
    server = await startOpenAIServer({ models: ['test-model'], behaviour: { content: pieces, delayMs: 4 } });
    const s = await session(server.url, 1);
    const app = render(<App started={{ session: s, notes: [] }} services={fileServices} />);
    app.stdin.write('Tell me everything.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('Esc stops') && f.slice(0, f.length - liveArea(f).length).includes('Alpha paragraph 1:'),
      'a spill while streaming',
    );
    await waitUntil(() => s.turns().length === 1, 'the turn');
    const frame = await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(f), 'the carousel');
    const live = liveArea(frame);
    expect(live).not.toMatch(/more lines|earlier lines/);
    expect(live).toContain('Alpha paragraph 14:');
    for (let i = 1; i <= 14; i++) expect(count(frame, `Alpha paragraph ${i}:`)).toBe(1);
  });

  it('measures what is left of the reply at the width the live area gives it when the debug pane sits beside the story', async () => {
    server = await startOpenAIServer({
      models: ['test-model'],
      behaviour: { content: paragraphs('Alpha', 14), chunkSize: 30, delayMs: 3 },
    });
    const s = await session(server.url, 1);
    const app = render(<App started={{ session: s, notes: [] }} services={fileServices} />);
    resize(app.stdout, 150);
    app.stdin.write(KEYS.f2);
    await waitForFrame(app.lastFrame, (f) => /pacing/i.test(liveArea(f)), 'the debug pane beside the story');
    app.stdin.write('Tell me everything.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitUntil(() => s.turns().length === 1, 'the turn');
    const frame = await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(f), 'the carousel');
    // The story column is narrower than the terminal: the rest was cut to fit that column, while
    // streaming and at the end, so no part of the reply hid behind a scroll marker.
    for (const f of app.frames.slice(app.frames.findIndex((x) => x.includes('Tell me everything'))))
      expect(liveArea(f)).not.toMatch(/earlier lines|more lines/);
    for (let i = 1; i <= 14; i++)
      expect(count(frame.slice(frame.lastIndexOf('The Glass Orchard  ')), `Alpha paragraph ${i}:`)).toBeGreaterThanOrEqual(1);
  });

  it('keeps a spilled reply in the history when the terminal is resized after it is done', async () => {
    const { s, app, redraws } = await askForALongReply();
    await waitUntil(() => s.turns().length === 1, 'the turn');
    await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(f), 'the carousel');
    // 80x24 now: the history is redrawn at the new width, and the reply's head goes back into it.
    resize(app.stdout, 80);
    const screen = () => app.lastFrame().slice(app.lastFrame().lastIndexOf('The Glass Orchard  '));
    await waitForFrame(app.lastFrame, () => redraws.count === 1 && screen().includes('Alpha paragraph 14:'), 'the redraw at 80 columns');
    const live = liveArea(app.lastFrame());
    const history = screen().slice(0, screen().length - live.length);
    expect(history).toContain('Tamsin › Tell me everything.');
    expect(history).toContain('Alpha paragraph 1:');
    expect(live).toContain('Alpha paragraph 14:');
    // Not the whole reply squeezed into a scrolled live area.
    expect(live).not.toMatch(/more lines/);
    expect(live.split('\n').length).toBeLessThan(20);
    for (let i = 1; i <= 14; i++) expect(count(screen(), `Alpha paragraph ${i}:`)).toBe(1);
    for (const line of screen().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('never prints the header in the middle of the reply: it goes above the head moved into the history', async () => {
    const { s, app } = await askForALongReply();
    await waitUntil(() => s.turns().length === 1, 'the turn');
    await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(f), 'the carousel');
    // A two-line notice under the reply (the completion of /system) takes rows from it.
    app.stdin.write('/system');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('/system [text|reset]'), 'the completion notice');
    for (const frame of [...app.frames, app.lastFrame()]) {
      const story = frame.slice(frame.lastIndexOf('The Glass Orchard  '));
      const lines = story.split('\n');
      const header = lines.map((l, i) => (/ · turn \d+ · /.test(l) ? i : -1)).filter((i) => i >= 0);
      const firstReply = lines.findIndex((l) => l.includes('Alpha paragraph'));
      const lastReply = lines.findLastIndex((l) => l.includes('Alpha paragraph'));
      // No header between the first and the last line of the reply, in any frame.
      expect(header.filter((i) => i > firstReply && i < lastReply && firstReply >= 0)).toEqual([]);
    }
    const history = app.printed();
    expect(history).toMatch(/The Glass Orchard · Homecoming · turn 1 · test · test-model\nTamsin › Tell me everything\./);
    expect(liveArea(app.lastFrame())).not.toMatch(/ · turn \d+ · /);
  });

  it('redraws the history when another candidate than the spilled one is shown', async () => {
    let n = 0;
    server = await startOpenAIServer({
      models: ['test-model'],
      behaviour: () => ({ content: paragraphs(n++ === 0 ? 'Alpha' : 'Beta', 12), chunkSize: 30, delayMs: 3 }),
    });
    const s = await session(server.url, 2);
    let redraws = 0;
    const app = render(<App started={{ session: s, notes: [] }} services={fileServices} onRedraw={() => redraws++} />);
    app.stdin.write('Tell me everything.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitUntil(() => s.turns().length === 1, 'the turn');
    await waitForFrame(app.lastFrame, (f) => /[◀◁] 1\/2 [▶▷]/.test(liveArea(f)), 'the carousel');
    // What a real terminal shows: everything since the last redraw (the test renderer keeps older prints).
    const screen = () => app.lastFrame().slice(app.lastFrame().lastIndexOf('The Glass Orchard  '));
    const check = (index: number) => {
      const tag = s.turns()[0].candidates[index].text.startsWith('Alpha') ? 'Alpha' : 'Beta';
      const other = tag === 'Alpha' ? 'Beta' : 'Alpha';
      // Its start is on screen once (the rest may be below the viewport: PgDn), the other's nowhere.
      expect(count(screen(), `${tag} paragraph 1:`)).toBe(1);
      expect(screen()).not.toContain(`${other} paragraph`);
    };
    check(0);
    // Twelve near-identical paragraphs: the critics flag the reply, and the carousel says which.
    const shownFlags = s
      .turns()[0]
      .candidates[0].critics.filter((r) => r.flagged)
      .map((r) => r.id);
    expect(shownFlags.length).toBeGreaterThan(0);
    expect(liveArea(app.lastFrame()).replace(/\n/g, '')).toContain(`flagged: ${shownFlags.join(', ')}`.slice(0, 30));
    app.stdin.write(KEYS.right);
    await waitForFrame(app.lastFrame, (f) => /◀ 2\/2 ▷/.test(liveArea(f)), 'the swipe');
    check(1);
    // One of the two candidates was not the spilled one, so the history was redrawn at least once.
    expect(redraws).toBeGreaterThanOrEqual(1);
  });

  it('gives a spilled reply the header row it leaves out: the live area still fills the terminal but one row', async () => {
    // A short paragraph, then one far longer than the live area: the first moves into the history
    // (the header above it), and the long one overflows the live area, which scrolls it.
    const long = Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of the long tale, told slowly by the mill race at dusk.`).join(' ');
    server = await startOpenAIServer({
      models: ['test-model'],
      behaviour: { content: `Wren looks up from the sluice.\n\n${long}`, chunkSize: 30, delayMs: 2 },
    });
    const s = await session(server.url, 1);
    const app = render(<App started={{ session: s, notes: [] }} services={fileServices} />);
    app.stdin.write('Tell me everything.');
    await tick();
    app.stdin.write(KEYS.enter);
    await waitUntil(() => s.turns().length === 1, 'the turn');
    const frame = await waitForFrame(app.lastFrame, (f) => /◁ 1\/1 ▷/.test(f) && /more lines/.test(liveArea(f)), 'the scrolled rest');
    expect(app.printed()).toContain('Wren looks up from the sluice.');
    const live = liveArea(frame);
    expect(live).not.toMatch(/ · turn \d+ · /);
    // 24 rows: the live area takes 23 (the terminal's but one), the header's row given to the reply.
    expect(live.split('\n')).toHaveLength(23);
  });
});
