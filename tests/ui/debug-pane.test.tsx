import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { DebugPane } from '../../src/ui/components/DebugPane.js';
import { ErrorBoundary } from '../../src/ui/components/ErrorBoundary.js';
import { registerSecret } from '../../src/text/redact.js';
import { debugLines } from '../../src/ui/debug/sections.js';
import { debugSubject } from '../../src/ui/debug/subject.js';
import type { SessionHandle } from '../../src/engine/session/index.js';
import { KEYS, liveArea, makeSession, playTurn, render, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

async function collectTurn(session: SessionHandle, line: string): Promise<void> {
  for await (const _ of session.play({ text: line })) void _;
}

const text = (lines: ReturnType<typeof debugLines>) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');

describe('the debug pane', () => {
  it('says why a matched lore entry stayed out: its roll, its cooldown, its delay, its group', async () => {
    const session = await makeSession();
    const app = renderApp(session);
    await playTurn(app, 'I ask Wren about the glass orchard.');
    const turn = session.turns()[0];
    const prompt = {
      ...turn.prompt,
      loreSkipped: [
        { id: 'omen', key: 'crow', turn: 1, excerpt: 'rolled 71 against 20%', reason: 'probability' as const },
        { id: 'bell', key: 'bell', turn: 1, excerpt: 'cooling down for 5 messages', reason: 'cooldown' as const },
        { id: 'flood', key: 'river', turn: 1, excerpt: 'waits until the story has 10 messages', reason: 'delay' as const },
        { id: 'rival', key: 'mill', turn: 1, excerpt: 'another entry of group "mill" was drawn', reason: 'group' as const },
      ],
    };
    const all = text(
      debugLines(
        {
          turn: 1,
          totalTurns: 1,
          plan: turn.plan,
          pacing: turn.pacing,
          prompt,
          candidates: turn.candidates,
          shown: turn.chosen,
          running: false,
        },
        120,
      ),
    );
    expect(all).toContain('lost its roll: omen (rolled 71 against 20%)');
    expect(all).toContain('cooling down: bell (cooling down for 5 messages)');
    expect(all).toContain('not yet: flood (waits until the story has 10 messages)');
    expect(all).toContain('lost its group: rival (another entry of group "mill" was drawn)');
  });

  it('quotes a fired entry excerpt with one ellipsis where it was cut, and says why a constant, held or recursive entry is there', async () => {
    const session = await makeSession();
    const app = renderApp(session);
    await playTurn(app, 'I sit up slowly and ask where the Eldoria road is.');
    const turn = session.turns()[0];
    const prompt = {
      ...turn.prompt,
      loreFired: [
        // As the lore engine writes them: its own '…' where the excerpt cuts the message.
        { id: 'eldoria', key: 'eldoria', turn: 1, excerpt: '…t up slowly and ask where the Eldoria road is.', tokens: 375 },
        { id: 'forest', key: 'constant', turn: 1, excerpt: '', tokens: 40 },
        { id: 'camp', key: 'sticky', turn: 1, excerpt: 'held for 3 messages', tokens: 20 },
        { id: 'ossath', key: 'recursion:ember-crown', turn: 1, excerpt: "…Ossath's heartbeat…", tokens: 77 },
      ],
      loreCut: [{ id: 'mill', key: 'constant', turn: 1, excerpt: '', tokens: 90 }],
      loreSkipped: [],
    };
    const all = text(
      debugLines(
        {
          turn: 1,
          totalTurns: 1,
          plan: turn.plan,
          pacing: turn.pacing,
          prompt,
          candidates: turn.candidates,
          shown: turn.chosen,
          running: false,
        },
        120,
      ),
    );
    expect(all).toContain('eldoria ← "eldoria" in turn 1: …t up slowly and ask where the Eldoria road is. (375 tok)');
    // A constant, held or recursive entry matched no word of the turn: the line says why it is there instead.
    expect(all).toContain('forest · always on (40 tok)');
    expect(all).toContain('camp · kept from an earlier turn: held for 3 messages (20 tok)');
    expect(all).toContain("ossath ← named in the entry ember-crown: …Ossath's heartbeat… (77 tok)");
    expect(all).toContain('cut by the budget: mill · always on (90 tok)');
    expect(all).not.toContain('"constant"');
    expect(all).not.toContain('……');
  });

  it('opens with F2 (either sequence) and shows the real turn: pacing, beat, tension, prompt, lore, critics, timings', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I ask Wren about the glass orchard and the moneylender.');
    const turn = app.session.turns()[0];
    app.type(KEYS.f2);
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('│ debug ·'), 'the pane');
    const live = liveArea(frame);
    expect(live).toContain('pacing');
    expect(live).toMatch(/slow ─*●─* fast/);

    // The whole pane content (scrolled through its lines) is built from the turn itself.
    const all = text(
      debugLines(
        {
          turn: 1,
          totalTurns: 1,
          plan: turn.plan,
          pacing: turn.pacing,
          prompt: turn.prompt,
          candidates: turn.candidates,
          shown: turn.chosen,
          running: false,
        },
        60,
      ),
    );
    expect(all).toContain(`planned ${turn.plan.beat} · ${turn.plan.cadence}`);
    expect(all).toContain(`tension`);
    expect(all).toContain(`reason ${turn.plan.reason.slice(0, 20)}`);
    expect(all).toContain(`${turn.prompt.tokens} of ${turn.prompt.budget} budget`);
    for (const part of ['system', 'laws', 'characters', 'persona', 'lore', 'memory', 'history', 'directive'])
      expect(all).toMatch(new RegExp(`^${part}\\s+[█░]+ \\d+`, 'm'));
    expect(turn.prompt.loreFired.length).toBeGreaterThan(0);
    for (const fired of turn.prompt.loreFired)
      expect(all).toContain(fired.key === 'constant' ? `${fired.id} · always on` : `${fired.id} ← `);
    turn.candidates.forEach((c, i) => expect(all).toContain(`candidate ${i + 1} · ${c.variant.label}`));
    expect(all).toMatch(/ttft \S+ · \S+ tok\/s · total \S+/);
    expect(all).toMatch(/usage \d+ prompt \+ \d+ completion = \d+/);

    // PgDn scrolls the pane to the plan section.
    let scrolled = frame;
    for (let i = 0; i < 6 && !/planned \w+ · \w+/.test(liveArea(scrolled)); i++) {
      app.type(KEYS.pageDown);
      await tick(40);
      scrolled = app.lastFrame()!;
    }
    expect(liveArea(scrolled)).toMatch(new RegExp(`planned ${turn.plan.beat}`));

    app.type(KEYS.f2Tilde);
    await waitForFrame(app.lastFrame, (f) => !liveArea(f).includes('│ debug ·'), 'the pane closed by ESC [12~');
    app.type('/debug');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('│ debug ·'), 'the pane opened by /debug');
  });

  it('F2 twice in one chunk opens the pane and closes it again', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I ask Wren about the glass orchard.');
    app.type(KEYS.f2 + KEYS.f2);
    await tick();
    app.type('x');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('› x'), 'the typed key drawn');
    expect(app.lastFrame()).not.toContain('│ debug ·');
  });

  it('PgDn twice in one chunk scrolls the pane as far as two PgDn pressed apart', async () => {
    const pane = async (keys: string[]) => {
      const app = renderApp(await makeSession());
      await playTurn(app, 'I ask Wren about the glass orchard.');
      app.type(KEYS.f2);
      await waitForFrame(app.lastFrame, (f) => f.includes('│ debug ·'), 'the pane');
      for (const chunk of keys) {
        app.type(chunk);
        await tick(40);
      }
      // The pane's own line counter: the rest of the frame holds timings that differ run to run.
      const shown = /debug · lines (\d+)–/.exec(app.lastFrame())?.[1];
      app.unmount();
      return Number(shown);
    };
    const once = await pane([KEYS.pageDown]);
    const apart = await pane([KEYS.pageDown, KEYS.pageDown]);
    expect(apart).toBeGreaterThan(once);
    expect(await pane([KEYS.pageDown + KEYS.pageDown])).toBe(apart);
  });

  it('PgDn stops at the end of the pane, so one PgUp after pressing past it moves back at once', async () => {
    const app = renderApp(await makeSession());
    await playTurn(app, 'I ask Wren about the glass orchard.');
    app.type(KEYS.f2);
    await waitForFrame(app.lastFrame, (f) => f.includes('│ debug ·'), 'the pane');
    const top = () => Number(/debug · lines (\d+)–(\d+)\/(\d+)/.exec(app.lastFrame())?.[1]);
    const atEnd = () => {
      const [, , last, all] = /debug · lines (\d+)–(\d+)\/(\d+)/.exec(app.lastFrame()) ?? [];
      return last !== undefined && last === all;
    };
    for (let i = 0; i < 60 && !atEnd(); i++) {
      app.type(KEYS.pageDown);
      await tick(20);
    }
    expect(atEnd()).toBe(true);
    const end = top();
    for (let i = 0; i < 5; i++) {
      app.type(KEYS.pageDown);
      await tick(20);
    }
    app.type(KEYS.pageUp);
    await waitForFrame(app.lastFrame, () => top() < end, 'the pane scrolled back by one PgUp');
  });

  it('does not offer PgUp/PgDn for a long reply while the pane (which takes those keys) is open', async () => {
    const app = renderApp(await makeSession(), { debug: true });
    await playTurn(app, 'I drop the bag and hug him, then ask Wren about the debt, the orchard and the new sapling.');
    await playTurn(app, 'Nothing. Just clothes.');
    // An earlier reply is shown whole in the live area (the latest one spills into the history).
    app.type(KEYS.altUp);
    const frame = await waitForFrame(
      app.lastFrame,
      (f) => /↓ \d+ more lines/.test(liveArea(f)),
      'a reply taller than its room beside the pane',
    );
    expect(liveArea(frame)).not.toMatch(/more lines · PgUp\/PgDn/);
    expect(liveArea(frame)).toMatch(/more lines · F2 closes the debug pane/);
    // With the pane closed the reply has its room back (and PgUp/PgDn, if it still overflows).
    app.type(KEYS.f2);
    const closed = await waitForFrame(app.lastFrame, (f) => !liveArea(f).includes('│ debug ·'), 'the pane closed');
    expect(liveArea(closed)).not.toContain('F2 closes the debug pane');
    if (/more lines/.test(liveArea(closed))) expect(liveArea(closed)).toMatch(/more lines · PgUp\/PgDn/);
  });

  it('steps to an earlier turn with Alt+Up', async () => {
    const app = renderApp(await makeSession(), { debug: true });
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about the debt.');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('turn 2 of 2'), 'turn 2 in the pane');
    app.type(KEYS.altUp);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('turn 1 of 2'), 'turn 1 in the pane');
  });

  it('steps back two turns for Alt+Up twice in one chunk', async () => {
    const app = renderApp(await makeSession(), { debug: true });
    await playTurn(app, 'I greet Wren.');
    await playTurn(app, 'I ask about the debt.');
    await playTurn(app, 'I look at the wheel.');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('turn 3 of 3'), 'turn 3 in the pane');
    app.type(KEYS.altUp + KEYS.altUp);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('turn 1 of 3'), 'turn 1 in the pane');
  });

  it('shows flagged critic evidence and never an API key', () => {
    registerSecret('sk-test-abcdef123456');
    const lines = debugLines(
      {
        turn: 1,
        totalTurns: 1,
        shown: 0,
        running: false,
        candidates: [
          {
            id: 'c0',
            text: 'x',
            variant: { beat: 'reveal', cadence: 'steady', label: 'planned' },
            score: 0.4,
            repairs: [],
            incomplete: true,
            retries: 2,
            critics: [
              {
                id: 'repetition',
                flagged: true,
                score: 0.4,
                evidence: [{ start: 0, end: 5, text: 'again and again', why: 'repeats a phrase' }],
              },
            ],
            error: { kind: 'auth', message: 'The key sk-test-abcdef123456 was refused \u001b]0;evil\u0007; check it.', retryable: false },
            timing: { ttftMs: 120, totalMs: 2400, tokensPerSecond: 31.5 },
            reasoning: 'thinking about Bearer sk-test-abcdef123456',
          },
        ],
      },
      70,
    );
    const all = text(lines);
    expect(all).toContain('repetition 0.40');
    expect(all).toContain('"again and again" — repeats a phrase');
    expect(all).toContain('retries 2');
    expect(all).toContain('ttft 120ms · 31.5 tok/s · total 2.4s');
    expect(all).toContain('thinking about');
    expect(all).not.toContain('sk-test-abcdef123456');
    expect(all).not.toContain('\u001b');
  });

  it("shows hints apart from flags, with their confidence and evidence, and the judge's cost", () => {
    const lines = debugLines(
      {
        turn: 1,
        totalTurns: 1,
        shown: 0,
        running: false,
        candidates: [
          {
            id: 'c0',
            text: 'x',
            variant: { beat: 'reveal', cadence: 'steady', label: 'planned' },
            score: 0.8,
            repairs: [],
            incomplete: false,
            retries: 0,
            critics: [
              {
                id: 'law-violation',
                flagged: true,
                score: 0.5,
                evidence: [{ start: 0, end: 5, text: 'phone', why: 'breaks law "no-electricity"' }],
              },
              {
                id: 'ignores-user',
                flagged: false,
                hint: true,
                confidence: 0.55,
                score: 1,
                evidence: [{ start: 0, end: 4, text: 'Wren', why: 'may not take up the question' }],
              },
              { id: 'filler', flagged: false, score: 1, evidence: [] },
            ],
            timing: { ttftMs: 120, totalMs: 2400, tokensPerSecond: 31.5 },
            judge: { call: 'n1-judge', candidates: 3, promptTokens: 812, completionTokens: 64, ms: 1250, format: 'json_schema' },
          },
        ],
      },
      90,
    );
    const all = text(lines);
    expect(all).toContain('critics 1 of 3 flagged · 1 hint');
    expect(all).toMatch(/• law-violation 0\.50\n {3}"phone" — breaks law "no-electricity"/);
    expect(all).toMatch(/• hint ignores-user · confidence 0\.55 · not counted\n {3}"Wren" — may not take up the question/);
    // A hint is not listed among the flags.
    expect(all).not.toMatch(/• ignores-user/);
    expect(all).toContain('judge 1 call for 3 candidates · 812 prompt + 64 completion tokens · 1.3s · json schema');
    const failed = text(
      debugLines(
        {
          turn: 1,
          totalTurns: 1,
          shown: 0,
          running: false,
          candidates: [
            {
              id: 'c0',
              text: 'x',
              variant: { beat: 'reveal', cadence: 'steady', label: 'planned' },
              score: 0.8,
              repairs: [],
              incomplete: false,
              retries: 0,
              critics: [],
              timing: { ttftMs: 120, totalMs: 2400, tokensPerSecond: 31.5 },
              judge: {
                call: 'n1-judge',
                candidates: 2,
                promptTokens: null,
                completionTokens: null,
                ms: 40,
                format: 'plain',
                error: "the judge's answer held no readable verdicts",
              },
            },
          ],
        },
        200,
      ),
    );
    expect(failed).toContain(
      "judge 1 call for 2 candidates · usage not reported · 40ms · plain · no verdicts: the judge's answer held no readable verdicts",
    );
  });

  it('says how a reply ended when it did not end by itself', () => {
    const candidate = (finishReason?: string) => ({
      id: 'c0',
      text: 'x',
      variant: { beat: 'reveal', cadence: 'steady', label: 'planned' },
      score: 0.4,
      repairs: [],
      incomplete: true,
      retries: 0,
      critics: [],
      timing: { ttftMs: 120, totalMs: 2400, tokensPerSecond: 31.5 },
      ...(finishReason ? { finishReason } : {}),
    });
    const pane = (finishReason?: string) =>
      text(debugLines({ turn: 1, totalTurns: 1, shown: 0, running: false, candidates: [candidate(finishReason)] } as never, 70));
    expect(pane('aborted')).toMatch(/ended\s+stopped by the player/);
    expect(pane('length')).toMatch(/ended\s+at the reply length limit/);
    expect(pane()).not.toContain('ended');
  });

  it('shows the facts in force with the turn each came from and who found it, and the session feeds it', async () => {
    const memory = {
      summary: '[t2] Dimo came home.',
      summaryThrough: 2,
      facts: [
        {
          id: 'a',
          text: "Biscuit is Dimo's hound.",
          kind: 'relationship' as const,
          turn: 1,
          source: 'model' as const,
          subject: 'Biscuit',
          value: 'hound',
        },
        { id: 'b', text: 'Dimo promised: "I promise to mend the wheel".', kind: 'promise' as const, turn: 3, source: 'player' as const },
        { id: 'c', text: 'Wren owes Ilsa the mill.', kind: 'other' as const, turn: 3, source: 'pinned' as const },
      ],
    };
    const lines = debugLines({ turn: 3, totalTurns: 3, candidates: [], shown: 0, running: false, memory }, 90);
    const all = text(lines);
    expect(all).toMatch(/summary\s+through turn 2/);
    expect(all).toContain("1. turn 1 · relationship, from the model · Biscuit is Dimo's hound.");
    expect(all).toContain('2. turn 3 · promise · Dimo promised: "I promise to mend the wheel".');
    expect(all).toContain('3. turn 3 · pinned · Wren owes Ilsa the mill.');
    // What this turn established stands out.
    const kinds = (needle: string) =>
      lines
        .find((l) =>
          l
            .map((seg) => seg.text)
            .join('')
            .includes(needle),
        )!
        .map((seg) => seg.kind);
    expect(kinds('mend the wheel')).toContain('action');
    expect(kinds('Biscuit is')).not.toContain('action');

    const session = await makeSession();
    await collectTurn(session, 'My dog is called Biscuit.');
    const subject = debugSubject(session.turns(), session.turns()[0], undefined, session.getSnapshot());
    expect(text(debugLines(subject, 90))).toMatch(/1\. turn 1 · relationship · Biscuit is \S+'s dog\./);
  });
});

describe('a drawing failure', () => {
  it('replaces the part that failed with one line instead of crashing', async () => {
    // A turn from an older log without a token breakdown.
    const broken = { turn: 1, totalTurns: 1, candidates: [], shown: 0, running: false, prompt: { tokens: 1, budget: 2 } } as never;
    const app = render(
      <ErrorBoundary what="The debug pane">
        <DebugPane subject={broken} width={60} height={10} scroll={0} />
      </ErrorBoundary>,
    );
    await waitForFrame(app.lastFrame, (f) => f.includes('The debug pane could not be drawn'), 'the fallback line');
  });
});
