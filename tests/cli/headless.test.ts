import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { runHeadless, turnLine } from '../../src/cli/play-headless.js';
import type { SessionSetup } from '../../src/cli/session-setup.js';
import { JsonlSessionStore } from '../../src/store/session-file.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { scriptedProvider, steppingClock } from '../engine/session/scripted-provider.js';

const root = new URL('../../', import.meta.url);
const bin = new URL('bin/skald.js', root).pathname;

/** A headless setup over a scripted provider and a session file in a fresh folder. */
async function scriptedSetup(candidates?: number): Promise<SessionSetup> {
  const dir = mkdtempSync(join(tmpdir(), 'skald-headless-'));
  const store = new JsonlSessionStore({ dir });
  const provider = scriptedProvider();
  const session = await Session.create({
    pack: miniPack(),
    provider,
    store,
    clock: steppingClock(),
    seed: 1,
    ...(candidates ? { candidates } : {}),
  });
  return {
    session,
    store,
    provider,
    resumed: false,
    warnings: [],
    loaded: { pack: miniPack(), origin: 'path', location: dir, warnings: [] },
  };
}

async function headless(lines: string[]): Promise<Array<Record<string, any>>> {
  const setup = await scriptedSetup(2);
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += String(chunk)));
  input.end(lines.map((l) => `${l}\n`).join(''));
  await runHeadless(setup, { input, output });
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

function play(args: string[], stdin: string, home: string) {
  return spawnSync(process.execPath, [bin, ...args], {
    input: stdin,
    env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('headless play (in process)', () => {
  it('writes the session line, then a turn per line, and handles the commands', async () => {
    const out = await headless([
      'I take the lamp.',
      '/pick 2',
      '/regen',
      '/remember Wren owes Ilsa the mill.',
      'Where now?',
      '/undo',
      '/nonsense',
      '',
    ]);
    expect(out[0]).toMatchObject({ type: 'session', world: 'mini-mill', opening: 'homecoming', provider: 'scripted test provider' });
    const types = out.map((o) => o.type);
    expect(types).toEqual(['session', 'turn', 'pick', 'turn', 'remember', 'turn', 'undo', 'error']);
    const first = out[1];
    expect(first).toMatchObject({ turn: 1, input: 'I take the lamp.', chosen: 0 });
    expect(first.candidates).toHaveLength(2);
    expect(first.candidates[0]).toHaveProperty('score');
    expect(first.candidates[0]).toHaveProperty('critics');
    expect(first.prompt).toHaveProperty('tokens');
    expect(first.prompt).toHaveProperty('lore');
    expect(first.prompt).toHaveProperty('memoryTokens');
    expect(first.timing).toHaveProperty('ttftMs');
    expect(first.plan).toHaveProperty('beat');
    expect(first.pacing).toHaveProperty('score');
    expect(out[2]).toMatchObject({ type: 'pick', turn: 1, chosen: 1 });
    expect(out[3]).toMatchObject({ type: 'turn', turn: 1, regenerate: true, chosen: 2 });
    expect(out[3].candidates).toHaveLength(3);
    expect(out[4].fact.text).toBe('Wren owes Ilsa the mill.');
    expect(out[5]).toMatchObject({ turn: 2, input: 'Where now?' });
    expect(out[6]).toMatchObject({ type: 'undo', turn: 2, input: 'Where now?' });
    expect(out[7].message).toMatch(/There is no command \/nonsense; \/help lists them/);
  });

  it("warms the session up (lore, critics, a resume's pacing replay) before the first line arrives", async () => {
    const setup = await scriptedSetup();
    const { session } = setup;
    let warmed!: () => void;
    const called = new Promise<void>((resolve) => (warmed = resolve));
    const warmUp = session.warmUp.bind(session);
    session.warmUp = () => {
      warmed();
      return warmUp();
    };
    const input = new PassThrough();
    const run = runHeadless(setup, { input, output: new PassThrough() });
    // No line has been written yet: the warm-up must not wait for one.
    await called;
    input.end();
    await run;
  });

  it("tells a dead endpoint as a warning line when the start's check comes back, without waiting for it", async () => {
    const setup = await scriptedSetup();
    let answer!: (message: string | undefined) => void;
    let checkSignal: AbortSignal | undefined;
    setup.endpointCheck = (signal) => {
      checkSignal = signal;
      return new Promise((resolve) => (answer = resolve));
    };
    const input = new PassThrough();
    const output = new PassThrough();
    const lines: Array<Record<string, any>> = [];
    let next: (() => void) | undefined;
    output.on('data', (chunk) => {
      for (const line of String(chunk).trim().split('\n')) lines.push(JSON.parse(line));
      next?.();
    });
    const wrote = (n: number) => new Promise<void>((resolve) => (next = () => lines.length >= n && resolve()));
    const run = runHeadless(setup, { input, output });
    // The session line and a turn are written while the check is still out.
    const first = wrote(2);
    input.write('Hello.\n');
    await first;
    expect(lines.map((l) => l.type)).toEqual(['session', 'turn']);
    const warned = wrote(3);
    answer('Nothing listens at http://127.0.0.1:8089/v1: start the server, or correct the port in the base URL.');
    await warned;
    expect(lines[2]).toEqual({
      type: 'warning',
      message: 'Nothing listens at http://127.0.0.1:8089/v1: start the server, or correct the port in the base URL.',
    });
    expect(checkSignal?.aborted).toBe(false);
    input.end();
    await run;
    // The run's end stops a check still out.
    expect(checkSignal?.aborted).toBe(true);
  });

  it('/forget takes the number /memory lists a fact under, as well as its id', async () => {
    const out = await headless([
      'My dog is called Biscuit and my brother is Wren.',
      '/memory',
      '/forget 2',
      '/memory',
      '/forget 7',
      '/forget nope',
    ]);
    expect(out.map((o) => o.type)).toEqual(['session', 'turn', 'memory', 'forget', 'memory', 'error', 'error']);
    const before = out[2].memory.facts as Array<{ id: string; text: string; turn: number }>;
    expect(before.map((f) => [f.text, f.turn])).toEqual([
      ["Biscuit is Tamsin's dog.", 1],
      ["Wren is Tamsin's brother.", 1],
    ]);
    expect(out[3]).toEqual({ type: 'forget', id: before[1].id, text: "Wren is Tamsin's brother.", turn: 1 });
    expect(out[4].memory.facts.map((f: { text: string }) => f.text)).toEqual(["Biscuit is Tamsin's dog."]);
    expect(out[5].message).toMatch(/There is no fact "7"/);
    expect(out[6].message).toMatch(/There is no fact "nope"/);
  });

  it('a reply that did not end by itself says why in its turn line', async () => {
    const session = await Session.create({
      pack: miniPack(),
      provider: scriptedProvider(),
      store: new JsonlSessionStore({ dir: mkdtempSync(join(tmpdir(), 'skald-headless-')) }),
      clock: steppingClock(),
      seed: 1,
      candidates: 2,
    });
    for await (const _ of session.play({ text: 'I take the lamp.' })) void _;
    const turn = session.turns()[0];
    const line = turnLine({ ...turn, candidates: [{ ...turn.candidates[0], finishReason: 'length' }, turn.candidates[1]] }) as {
      candidates: Array<Record<string, unknown>>;
    };
    expect(line.candidates[0].finishReason).toBe('length');
    expect(line.candidates[1]).not.toHaveProperty('finishReason');
  });

  it('reports a bad /pick as an error line and keeps going', async () => {
    const out = await headless(['Hello.', '/pick 9', 'Again.']);
    expect(out.map((o) => o.type)).toEqual(['session', 'turn', 'error', 'turn']);
    expect(out[2].message).toMatch(/pick one of 1-2/);
  });

  it('says there is nothing to pick before the first turn, not "no turn 0"', async () => {
    const out = await headless(['/pick 1', 'Hello.']);
    expect(out.map((o) => o.type)).toEqual(['session', 'error', 'turn']);
    expect(out[1].message).toMatch(/no turn to pick a candidate for yet; send a line first/);
    expect(out[1].message).not.toMatch(/turn 0/);
  });
});

describe('headless play through the built binary', () => {
  it('--resume of a session played from a pack folder says how to name the pack, and then resumes', () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-home-'));
    const packs = mkdtempSync(join(tmpdir(), 'skald-packs-'));
    const made = spawnSync(process.execPath, [bin, 'worlds', 'new', 'side-pack'], {
      cwd: packs,
      env: { ...process.env, SKALD_HOME: home },
      encoding: 'utf8',
    });
    expect(made.status).toBe(0);
    const pack = join(packs, 'side-pack');
    const first = play(['play', pack, '--headless', '--offline', '--seed', '1'], 'Hello.\n', home);
    expect(first.status).toBe(0);
    const id = JSON.parse(first.stdout.split('\n')[0]).id;
    const bare = play(['play', '--headless', '--resume', 'last'], 'Again.\n', home);
    expect(bare.status).toBe(1);
    expect(bare.stderr).toBe(
      `skald: Session ${id} was played in world "side-pack", which is neither bundled nor installed; name its pack to resume it: \`skald play <path-to-pack> --resume ${id}\`.\n`,
    );
    const named = play(['play', pack, '--headless', '--resume', id], 'Again.\n', home);
    expect(named.status).toBe(0);
    expect(named.stdout).toContain('"turn":2');
  });

  it("checks at the start that a profile's endpoint answers, and warns before the first message when it does not", async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-headless-dead-'));
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({ profiles: { dead: { baseURL: `http://127.0.0.1:${port}/v1`, model: 'm' } } }),
    );
    const child = spawn(process.execPath, [bin, 'play', 'glass-orchard', '--headless', '--profile', 'dead'], {
      env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
    });
    let text = '';
    // No message is sent: the warning comes from the start's check alone; stdin ends once it is out.
    const warning = await new Promise<Record<string, unknown>>((resolve) => {
      child.stdout.on('data', (chunk) => {
        text += String(chunk);
        const found = text
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .find((l) => l.type === 'warning');
        if (found) resolve(found);
      });
    });
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
    expect(warning.message).toBe(`Nothing listens at http://127.0.0.1:${port}/v1: start the server, or correct the port in the base URL.`);
    expect(text.split('\n')[0]).toMatch(/^\{"type":"session"/);
  });

  it('ends quietly, keeping the played turns, when its reader goes away (`| head -1`)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-home-'));
    const child = spawn(process.execPath, [bin, 'play', 'glass-orchard', '--headless', '--offline', '--seed', '3'], {
      env: { ...process.env, SKALD_HOME: home, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    let seen = '';
    const first = await new Promise<Record<string, any>>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        seen += String(d);
        const turn = seen.split('\n').find((l) => l.startsWith('{"type":"turn"'));
        if (turn) resolve(JSON.parse(turn));
      });
      child.stdin.write('I knock twice.\n');
    });
    child.stdout.destroy();
    child.stdin.end('Who is there?\nAnd again.\n');
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(status).toBe(0);
    expect(first.turn).toBe(1);
    const session = JSON.parse(seen.split('\n')[0]);
    const records = readFileSync(session.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.some((r) => r.type === 'turn' && r.input?.text === 'I knock twice.')).toBe(true);
  });

  it('plays offline from stdin, exits 0, and --resume continues the numbering', () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-home-'));
    const first = play(
      ['play', 'glass-orchard', '--headless', '--offline', '--seed', '1', '--candidates', '2'],
      'I knock twice.\nWho is there?\n/pick 2\n',
      home,
    );
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'session', world: 'glass-orchard', offline: true });
    const turns = lines.filter((l) => l.type === 'turn');
    expect(turns.map((t) => t.turn)).toEqual([1, 2]);
    for (const turn of turns) {
      expect(turn.candidates).toHaveLength(2);
      expect(turn.candidates[0].text.length).toBeGreaterThan(20);
    }
    const id = lines[0].id as string;
    const file = join(home, 'sessions', `${id}.jsonl`);
    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).type),
    ).toEqual(['session-start', 'turn', 'turn', 'choose']);

    const again = play(['play', '--resume', 'last', '--headless', '--offline'], 'And then?\n', home);
    expect(again.status).toBe(0);
    const resumed = again.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(resumed[0]).toMatchObject({ type: 'session', id, resumed: true, turns: 2 });
    expect(resumed.find((l) => l.type === 'turn')?.turn).toBe(3);
    expect(resumed.some((l) => l.type === 'warning')).toBe(false);
    // A resumed session keeps its player: --persona is not silently dropped, it is named.
    const renamed = play(['play', '--resume', 'last', '--headless', '--offline', '--persona', 'Mara'], 'Go on.\n', home)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(renamed[0]).toMatchObject({ type: 'session', id, persona: 'Tamsin' });
    expect(renamed.find((l) => l.type === 'warning')?.message).toBe(
      'A resumed session keeps its player and opening, so --persona (it is played as Tamsin) was not used; those flags choose them for new stories.',
    );
  });

  it('is deterministic offline for a seed', () => {
    const run = () => {
      const out = play(
        ['play', 'glass-orchard', '--headless', '--offline', '--seed', '7', '--candidates', '2'],
        'I look around.\n',
        mkdtempSync(join(tmpdir(), 'skald-home-')),
      );
      return out.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((l) => l.type === 'turn')
        .map((t) => t.candidates.map((c: { text: string }) => c.text));
    };
    expect(run()).toEqual(run());
  });

  it('takes candidates and the context budget from the settings unless a flag overrides them', () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-home-'));
    expect(play(['config', 'set', 'candidates', '2'], '', home).status).toBe(0);
    expect(play(['config', 'set', 'contextBudget', '6000'], '', home).status).toBe(0);
    const lines = (args: string[]) =>
      play(['play', 'glass-orchard', '--headless', '--offline', '--seed', '3', ...args], 'I look around.\n', home)
        .stdout.trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    const [session, turn] = lines([]);
    expect(session).toMatchObject({ candidates: 2, budget: 6000 });
    expect(turn.candidates).toHaveLength(2);
    expect(turn.prompt.budget).toBe(6000);
    const [, flagged] = lines(['--candidates', '1', '--budget', '5000']);
    expect(flagged.candidates).toHaveLength(1);
    expect(flagged.prompt.budget).toBe(5000);
  });

  it('without a TTY and without --headless says so and exits 2', () => {
    const out = play(['play', 'glass-orchard', '--offline'], '', mkdtempSync(join(tmpdir(), 'skald-home-')));
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/--headless/);
  });

  it("--persona plays under that name (the pack's texts call the player so), and a name with control characters is a usage error", () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-home-'));
    const ok = play(
      ['play', 'glass-orchard', '--headless', '--offline', '--seed', '3', '--persona', 'Mara'],
      'I sit down with Ilsa.\n',
      home,
    );
    expect(ok.status).toBe(0);
    const [session] = ok.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(session.persona).toBe('Mara');
    const bad = play(['play', 'glass-orchard', '--headless', '--offline', '--persona', 'Mara\u001b[2J'], '', home);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/The --persona name cannot be used\. A name is 1 to 40 letters/);
    expect(bad.stderr).not.toContain('\u001b');
  });

  it('an unknown opening names the ones there are, exit 1', () => {
    const out = play(
      ['play', 'glass-orchard', '--headless', '--offline', '--opening', 'nope'],
      '',
      mkdtempSync(join(tmpdir(), 'skald-home-')),
    );
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/no opening "nope"; it has .*homecoming/);
  });

  it('an unknown world is one sentence and exit 1', () => {
    const out = play(['play', 'no-such-world', '--headless', '--offline'], '', mkdtempSync(join(tmpdir(), 'skald-home-')));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/no world with id "no-such-world"; known worlds: .*glass-orchard/);
    expect(out.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
