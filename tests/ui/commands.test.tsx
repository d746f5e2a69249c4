import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { argumentMatches, complete, completeArgument, completions, parseLine } from '../../src/commands/index.js';
import { infoLines } from '../../src/ui/components/InfoOverlay.js';
import { textWidth } from '../../src/ui/text/wrap.js';
import { helpText, memoryText, openingText } from '../../src/ui/info.js';
import type { SessionHandle } from '../../src/engine/session/index.js';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

describe('slash commands', () => {
  it('completes with Tab and lists the matches', () => {
    expect(complete('/rem')).toBe('/remember ');
    expect(complete('/re')).toBe('/re');
    expect(completions('/re').map((c) => c.name)).toEqual(['regen', 'remember']);
    expect(complete('/x')).toBe('/x');
    expect(parseLine('/forget 2')).toMatchObject({ kind: 'command', name: 'forget', args: '2' });
    expect(parseLine('//slash')).toEqual({ kind: 'say', text: '/slash' });
    const choices = { opening: ['homecoming', 'the-new-tree', 'the-debt'] };
    expect(argumentMatches('/opening the', choices)).toEqual(['the-new-tree', 'the-debt']);
    expect(completeArgument('/opening th', choices)).toBe('/opening the-');
    expect(completeArgument('/opening h', choices)).toBe('/opening homecoming');
    expect(completeArgument('/remember x', choices)).toBe('/remember x');
  });

  it('completes an opening id with Tab in the composer', async () => {
    const app = renderApp(await makeSession());
    app.type('/opening the-n');
    await tick();
    app.type(KEYS.tab);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› /opening the-new-tree'), 'the completed id');
  });

  it('Tab completes in the composer; /remember pins, /memory shows, /forget unpins', async () => {
    const app = renderApp(await makeSession());
    app.type('/re');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('/regen  /remember'), 'the match list');
    app.type('m');
    await tick();
    app.type(KEYS.tab);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› /remember'), 'completed');
    app.type('Wren owes Ilsa forty crowns');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Pinned: Wren owes Ilsa forty crowns'), 'the pin notice');
    expect(app.session.memory().facts.map((f) => f.text)).toContain('Wren owes Ilsa forty crowns');

    app.type('/memory');
    await tick();
    app.type(KEYS.enter);
    const memory = await waitForFrame(
      app.lastFrame,
      (f) => f.includes('Facts:') && f.includes('1. Wren owes Ilsa forty crowns'),
      'the memory overlay',
    );
    // A text to read has nothing to choose: the status line offers only closing it.
    const status = memory.trimEnd().split('\n').pop()!;
    expect(status).toContain('Esc close');
    expect(status).not.toContain('choose');
    app.type(KEYS.esc);
    await waitForFrame(app.lastFrame, (f) => !f.includes('Facts:') && liveArea(f).includes('›'), 'the composer back');

    // The debug pane lists the pinned fact with its turn, and drops it when it is forgotten.
    app.type(KEYS.f2);
    await waitForFrame(app.lastFrame, (f) => f.includes('│ debug ·'), 'the debug pane');
    // The memory section is the pane's last: scroll down to it.
    app.type(KEYS.pageDown);
    await tick();
    app.type(KEYS.pageDown);
    await waitForFrame(app.lastFrame, (f) => f.includes('pinned · Wren owes'), 'the fact in the debug pane');
    app.type('/forget 1');
    await tick();
    app.type(KEYS.enter);
    await waitUntil(() => app.session.memory().facts.length === 0, 'the fact forgotten');
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('Forgot: Wren owes') && f.includes('No facts yet.') && !f.includes('pinned · Wren owes'),
      'the forget notice and the pane without the fact',
    );
  });

  it('/memory numbers each fact with its kind, its turn and whether the model found it', () => {
    const session = {
      memory: () => ({
        summary: '',
        summaryThrough: 0,
        facts: [
          { id: 'a', text: "Biscuit is Dimo's hound.", kind: 'relationship', turn: 1, source: 'model' },
          { id: 'b', text: 'Dimo lives in Liyue.', kind: 'place', turn: 4, source: 'player' },
          { id: 'c', text: 'Wren owes Ilsa the mill.', kind: 'other', turn: 6, source: 'pinned' },
        ],
      }),
    } as unknown as SessionHandle;
    const shown = memoryText(session);
    expect(shown).toContain("1. Biscuit is Dimo's hound.  [relationship, from the model, turn 1]");
    expect(shown).toContain('2. Dimo lives in Liyue.  [place, turn 4]');
    expect(shown).toContain('3. Wren owes Ilsa the mill.  [pinned, turn 6]');
  });

  it('/undo rewinds a turn and /edit regenerates the last message as a branch', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about Ilsa.');
    app.type('/undo');
    await tick();
    app.type(KEYS.enter);
    await waitUntil(() => app.session.turns().length === 1, 'the undo');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› I ask about Ilsa.'), 'the undone message back in the composer');
    app.type(KEYS.ctrlC.replace('\u0003', '\u0015')); // Ctrl+U clears the composer
    await tick();

    app.type('/edit');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      (f) => liveArea(f).includes('› I greet Wren.') && f.includes('Editing your last message'),
      'the message in the composer',
    );
    app.type(' Warmly.');
    await tick();
    app.type(KEYS.enter);
    await waitUntil(() => app.session.turns()[0]?.input.text === 'I greet Wren. Warmly.', 'the edited turn');
    expect(app.session.tree().length).toBeGreaterThanOrEqual(2);
  });

  it('clearing the composer during /edit cancels it: the notice goes and the next message is a new turn', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I greet Wren.');
    app.type('/edit');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Editing your last message'), 'the edit notice');
    app.type('\u0015'); // Ctrl+U
    await waitForFrame(app.lastFrame, (f) => !f.includes('Editing your last message'), 'the edit notice gone');
    await playTurn(app, 'I ask about Ilsa.');
    expect(app.session.turns().map((t) => t.input.text)).toEqual(['I greet Wren.', 'I ask about Ilsa.']);
  });

  it('wraps a long help description under its own column, not under the keys', () => {
    const lines = infoLines(helpText(), 78).map((l) => l.map((s) => s.text).join(''));
    const regen = lines.findIndex((l) => l.startsWith('  Ctrl+R '));
    const column = lines[regen].indexOf('add a candidate');
    // The description of Ctrl+R is longer than the room beside the keys: it goes on, indented.
    expect(lines[regen + 1].slice(0, column).trim()).toBe('');
    expect(lines[regen + 1].slice(column)).toMatch(/^\S/);
    expect(lines.every((l) => l.length <= 78)).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toBe(helpText().replace(/\s+/g, ' ').trim());
  });

  it("at 40 columns puts a help row's description under its key, indented, with the whole width", () => {
    const lines = infoLines(helpText(), 40).map((l) => l.map((s) => s.text).join(''));
    expect(lines.every((l) => textWidth(l) <= 40)).toBe(true);
    const help = lines.findIndex((l) => l.trimEnd() === '  /help');
    expect(lines[help + 1]).toBe('    keys and commands (F1)');
    const ctrlC = lines.findIndex((l) => l.trimEnd() === '  Ctrl+C');
    expect(lines[ctrlC + 1]).toMatch(/^ {4}clear the composer; press twice/);
    // Nothing of the help is lost.
    expect(lines.join(' ').replace(/\s+/g, ' ')).toBe(helpText().replace(/\s+/g, ' ').trim());
  });

  it('wraps a list item marked "● " (the session being played in /sessions) under itself, as the unmarked ones', () => {
    const text = [
      '● 20261207-1733-bd08  2026-12-07 17:39  The Glass Orchard · homecoming · Tamsin',
      '  20261207-1733-2059  2026-12-07 17:33  The Glass Orchard · homecoming · Tamsin',
    ].join('\n');
    const lines = infoLines(text, 40).map((l) => l.map((s) => s.text).join(''));
    const second = lines.findIndex((l) => l.startsWith('  20261207-1733-2059'));
    expect(second).toBeGreaterThan(1);
    for (const row of [...lines.slice(1, second), ...lines.slice(second + 1)]) expect(row).toMatch(/^ {4}\S/);
  });

  it('wraps every help row under its own column, even a command whose name fills the name column', () => {
    // '/edit [--reply] [text]' and '/note [text] [--depth N] [--every K]' are longer than the
    // name column; their descriptions went on at the left edge, under the command names.
    const lines = infoLines(helpText(), 100).map((l) => l.map((s) => s.text).join(''));
    const edit = lines.findIndex((l) => l.startsWith('  /edit '));
    const note = lines.findIndex((l) => l.startsWith('  /note '));
    for (const row of [edit, note]) {
      expect(lines[row + 1]).toMatch(/^ {4,}\S/);
    }
    // No row of the commands or keys tables goes on at the left edge, in a wide or a narrow terminal.
    for (const width of [100, 59]) {
      const body = infoLines(helpText(), width)
        .map((l) => l.map((s) => s.text).join(''))
        .filter((l) => l !== '' && !/keys$|^Commands/.test(l));
      expect(body.filter((l) => !l.startsWith('  '))).toEqual([]);
    }
  });

  it('wraps an indented list item under itself, not at the left edge (a card character in /world)', () => {
    const description = '[Personality= "caring", "protective", "compassionate", "healing", "nurturing", "magical", "watchful"]';
    const lines = infoLines(`People:\n  Seraphina: ${description}\n\nOpenings: first-message`, 60).map((l) =>
      l.map((s) => s.text).join(''),
    );
    const at = lines.indexOf('People:');
    const item = lines.slice(at + 1, lines.indexOf(''));
    expect(item.length).toBeGreaterThan(1);
    expect(item[0]).toMatch(/^ {2}Seraphina: /);
    for (const l of item.slice(1)) expect(l).toMatch(/^ {4}\S/);
    expect(lines.every((l) => l.length <= 60)).toBe(true);
  });

  it('/opening names the other openings and what /opening ID does, before and after the first message', async () => {
    const session = await makeSession();
    const before = openingText(session);
    // The Glass Orchard has three openings: the overlay named only the one in play.
    expect(before).toContain('Other openings: the-new-tree (The New Tree), ilsas-parlour (Tea with the Widow).');
    expect(before).toContain('/opening ID swaps to one before your first message');
    for await (const _ of session.play({ text: 'I greet Wren.' })) void _;
    expect(openingText(session)).toContain('/opening ID starts this world again from one (this story stays saved).');
  });

  it('shows help, world, persona and model overlays, and says so for an unknown command', async () => {
    // The typo notice outlasts the test: only the next key can clear it.
    const app = renderApp(await makeSession(), { noticeMs: 600_000 });
    for (const [command, expected] of [
      ['/help', 'Ctrl+R'],
      ['/world', ' · en · '],
      ['/persona', 'You play Tamsin'],
      ['/model', 'offline narrator'],
      ['/opening', 'Homecoming'],
    ] as const) {
      app.type(command);
      await tick();
      app.type(KEYS.enter);
      await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Esc closes') && liveArea(f).includes(expected), `${command} overlay`);
      app.type(KEYS.esc);
      await waitForFrame(app.lastFrame, (f) => !liveArea(f).includes('Esc closes'), `${command} closed`);
    }
    app.type('/nonsense');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('There is no command /nonsense'), 'the unknown-command error');
    // A typo is not an error that stays: the next key clears it.
    app.type('I');
    await waitForFrame(
      app.lastFrame,
      (f) => !f.includes('There is no command /nonsense') && liveArea(f).includes('› I'),
      'the typo notice cleared by typing',
    );
  });
});

describe('/persona and the persona library', () => {
  it('lists the saved personas, the one in use marked, to pick with /persona NAME', async () => {
    const { fileServices } = await import('../../src/cli/file-services.js');
    const services = {
      ...fileServices,
      personas: () => [
        { name: 'Mara', description: 'A cartographer.', active: true },
        { name: 'Ilse', description: '', active: false },
      ],
    };
    const app = renderApp(await makeSession(), { services });
    app.type('/persona');
    await tick();
    app.type(KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('Your personas'), 'the persona overlay');
    expect(liveArea(frame)).toContain('* Mara — A cartographer.');
    expect(liveArea(frame)).toMatch(/^\s*Ilse\s*$/m);
  });
});

describe('/export and /sessions', () => {
  it('writes the branch as Markdown under the data folder and lists saved sessions', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const { dataPaths } = await import('../../src/paths.js');
    const app = renderApp(await makeSession({ saved: true }));
    await playTurn(app, 'I greet Wren.');
    app.type('/export');
    await tick();
    app.type(KEYS.enter);
    const path = join(dataPaths().root, 'exports', `${app.session.id}.md`);
    // The notice comes once the file is written (existence alone could catch it half-written).
    await waitForFrame(app.lastFrame, (f) => f.replace(/\n/g, '').includes('Exported this branch to'), 'the export notice');
    expect(existsSync(path)).toBe(true);
    const markdown = readFileSync(path, 'utf8');
    // The same rendering as `skald sessions export --format md`.
    expect(markdown).toContain('# The Glass Orchard\n\n*Opening: homecoming · played as Tamsin');
    expect(markdown).toContain('> **Tamsin:** I greet Wren.');
    expect(markdown).toContain(app.session.turns()[0].candidates[0].text.trim().slice(0, 40));

    app.type('/sessions');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(
      app.lastFrame,
      (f) => liveArea(f).includes('Sessions') && liveArea(f).includes(`● ${app.session.id}`) && liveArea(f).includes('--resume'),
      'the sessions overlay',
    );
  });
});
