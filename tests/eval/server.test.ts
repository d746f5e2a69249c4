// The simulated player and the arena against the local OpenAI-compatible test server: the real
// openai SDK, a real HTTP server on 127.0.0.1, replies scripted per request.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addProfile } from '../../src/config/profiles.js';
import { resolveProvider } from '../../src/providers/select.js';
import { resolveWorld } from '../../src/world/discover.js';
import { runArena } from '../../src/eval/arena.js';
import { createPlayer, STYLE_INSTRUCTIONS } from '../../src/eval/players/index.js';
import { newResult, runEval } from '../../src/eval/run.js';
import { lastUserText, startOpenAIServer, type ChatRequestBody, type OpenAIServer } from '../support/openai-server.js';
import { offlineConfig } from './helpers.js';

const pack = (await resolveWorld('glass-orchard')).pack;
let server: OpenAIServer;
let judgeCalls = 0;
let narratorCalls = 0;

const isPlayer = (body: ChatRequestBody) => String(body.messages[0]?.content ?? '').startsWith('You are the PLAYER');
const isJudge = (body: ChatRequestBody) => body.model === 'judge-model';
const isSummary = (body: ChatRequestBody) => String(body.messages[0]?.content ?? '').startsWith('Summarise');

beforeAll(async () => {
  server = await startOpenAIServer({ models: ['story-model', 'model-a', 'model-b', 'judge-model'] });
  server.setBehaviour((body) => {
    if (isJudge(body)) {
      judgeCalls += 1;
      const user = lastUserText(body);
      if (user.includes('The reply to judge')) return { content: 'QUOTES:\n- none\nPROBLEMS: none\nSTRENGTHS: vivid\nSCORE: 8' };
      if (judgeCalls === 3)
        return {
          content:
            'QUOTES:\n- Reply 1: "gate" — fine\nPROBLEMS:\n- Reply 1: none\n- Reply 2: none\nSTRENGTHS:\n- both fine\nWINNER: tie\nREASON: They are equally good.',
        };
      const alphaFirst = /Reply 1:\n<<<\nAlpha/.test(user);
      return {
        content: `QUOTES:\n- Reply ${alphaFirst ? 2 : 1}: "Nothing happens." — flat\nPROBLEMS:\n- the Beta reply stalls\nSTRENGTHS:\n- the Alpha reply has a hook\nWINNER: ${alphaFirst ? 1 : 2}\nREASON: The Alpha reply moves the story.`,
      };
    }
    if (isPlayer(body))
      return { content: 'Tamsin: I climb the hill to the orchard and call for Wren.\nNarrator: Wren answers from the trees.' };
    if (isSummary(body)) return { content: 'Tamsin came home.' };
    narratorCalls += 1;
    if (body.model === 'model-b') return { content: 'Beta reply. Nothing happens at the gate. Wren shrugs.' };
    if (body.model === 'model-a')
      return {
        content: `Alpha reply ${narratorCalls}. The gate swings open and a lamp moves among the glass trees. "Who goes there?" Wren calls.`,
      };
    // The same reply every turn: the story stalls, so the player's director must step in.
    return { content: 'The orchard rings softly. Wren waits by the gate, saying nothing. "Well?"' };
  });
  addProfile('story', { baseURL: server.url, model: 'story-model' });
  addProfile('alpha', { baseURL: server.url, model: 'model-a' });
  addProfile('beta', { baseURL: server.url, model: 'model-b' });
  addProfile('judge', { baseURL: server.url, model: 'judge-model' });
});

afterAll(async () => {
  await server.close();
});

describe('the simulated player with a model', () => {
  it('prompts the player with its style and the story, never writes narrator lines, and the narrator gets its lines', async () => {
    const start = server.chatRequests().length;
    const provider = await resolveProvider({ profile: 'story' });
    const judge = await resolveProvider({ profile: 'judge' });
    expect(provider.offline).toBe(false);
    const config = {
      ...offlineConfig({ players: ['slow'], turns: 4, candidates: 2, concurrency: 1 }),
      offline: false,
      profile: 'story',
      judge: 'judge',
    };
    const result = await runEval(newResult(config), { loadWorld: async () => pack, provider, judge });
    const requests = server.chatRequests().slice(start);
    const player = requests.filter((r) => isPlayer(r.body!));
    const narrator = requests.filter((r) => r.body!.model === 'story-model' && !isPlayer(r.body!) && !isSummary(r.body!));
    expect(player).toHaveLength(4);
    for (const r of player) {
      expect(r.body!.messages[0].content).toContain(STYLE_INSTRUCTIONS.slow);
      expect(r.body!.messages[0].content).toContain(pack.player.name);
      expect(r.body!.messages[0].content).toMatch(/Never write the narrator's part/);
    }
    // The story so far: the opening first, then the narrator's earlier replies.
    expect(lastUserText(player[0].body!)).toContain(pack.openings[0].text.replace(/\{\{user\}\}/g, pack.player.name).slice(0, 40));
    expect(lastUserText(player[1].body!)).toContain('Narrator: The orchard rings softly.');
    // The player's words reach the narrator, without the narrator line the model added.
    const episode = result.episodes[0];
    expect(episode.status).toBe('done');
    expect(episode.turns.map((t) => t.input)).toEqual(Array(4).fill('I climb the hill to the orchard and call for Wren.'));
    expect(narrator.length).toBe(8);
    for (const r of narrator) {
      const all = r.body!.messages.map((m) => String(m.content)).join('\n');
      expect(all).toContain('I climb the hill to the orchard and call for Wren.');
      expect(all).not.toContain('Wren answers from the trees.');
    }
    // The judge graded every chosen reply.
    expect(episode.turns.every((t) => t.judge && 'score' in t.judge && Math.abs(t.judge.score - 7 / 9) < 0.01)).toBe(true);
    expect(result.summary.judge).toMatchObject({ turns: 4, errors: 0 });
  });

  it('acts as a plot director when the story stalls', async () => {
    const start = server.chatRequests().length;
    const provider = await resolveProvider({ profile: 'story' });
    const result = await runEval(newResult({ ...offlineConfig({ players: ['fast'], turns: 5, candidates: 1 }), offline: false }), {
      loadWorld: async () => pack,
      provider,
    });
    const prompts = server
      .chatRequests()
      .slice(start)
      .filter((r) => isPlayer(r.body!))
      .map((r) => String(r.body!.messages[0].content));
    const flaggedTurns = result.episodes[0].turns.filter((t) => t.critics.repetition.flagged || t.critics.stagnation.flagged || t.director);
    expect(flaggedTurns.length).toBeGreaterThan(0);
    expect(prompts.some((p) => /The story is stalling \(.+\)\. In this message, move the scene/.test(p))).toBe(true);
    expect(result.episodes[0].turns.some((t) => t.director)).toBe(true);
  });
});

describe('skald eval with a model (in process)', () => {
  it("uses the judgeProfile setting, or --judge, and writes the judge's score per turn", async () => {
    const { evaluate } = await import('../../src/cli/eval-run.js');
    const { setSetting } = await import('../../src/config/settings.js');
    const dir = mkdtempSync(join(tmpdir(), 'skald-eval-judge-'));
    let printed = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((printed += String(chunk)), true));
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      setSetting('judgeProfile', 'judge');
      await evaluate(['glass-orchard'], {
        profile: 'story',
        turns: 2,
        players: 'terse',
        seed: 1,
        candidates: 1,
        json: join(dir, 'setting.json'),
      });
      setSetting('judgeProfile', undefined);
      await evaluate(['glass-orchard'], {
        profile: 'story',
        turns: 2,
        players: 'terse',
        seed: 1,
        candidates: 1,
        json: join(dir, 'none.json'),
      });
      await evaluate(['glass-orchard'], {
        profile: 'story',
        turns: 2,
        players: 'terse',
        seed: 1,
        candidates: 1,
        judge: 'judge',
        json: join(dir, 'flag.json'),
      });
    } finally {
      write.mockRestore();
      errors.mockRestore();
    }
    const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
    for (const name of ['setting.json', 'flag.json']) {
      const result = read(name);
      expect(result.config.judge).toBe('judge');
      expect(result.episodes[0].turns.map((t: { judge: { score: number } }) => t.judge.score)).toEqual([0.778, 0.778]);
      expect(result.summary.judge).toMatchObject({ mean: 0.778, turns: 2 });
    }
    expect(read('none.json').config.judge).toBeUndefined();
    expect(read('none.json').episodes[0].turns[0].judge).toBeUndefined();
    expect(printed).toMatch(/^judge\s+mean score 0\.778 over 2 turns$/m);
  });
});

describe('eval arena', () => {
  it('plays two settings head to head; the judge sees both in seeded order and the winner continues the story', async () => {
    judgeCalls = 0;
    const start = server.chatRequests().length;
    const a = { name: 'alpha', provider: await resolveProvider({ profile: 'alpha' }), planner: true };
    const b = { name: 'beta', provider: await resolveProvider({ profile: 'beta' }), planner: true };
    const judge = await resolveProvider({ profile: 'judge' });
    const config = {
      world: 'glass-orchard',
      a: 'alpha',
      b: 'beta',
      judge: 'judge',
      rounds: 6,
      seed: 11,
      player: 'fast' as const,
      candidates: 1,
      budget: 8192,
    };
    const result = await runArena(config, {
      pack,
      a,
      b,
      judge,
      player: createPlayer('fast', 3, a.provider),
      clock: { now: () => Date.now() },
    });
    expect(result.rounds).toHaveLength(6);
    expect(result.wins).toEqual({ a: 5, b: 0, tie: 1 });
    expect(result.decided).toBe(6);
    expect(result.winRate).toBeCloseTo(5.5 / 6, 3);
    expect(result.ci![0]).toBeGreaterThan(0.4);
    expect(result.ci![0]).toBeLessThan(result.winRate!);
    expect(result.ci![1]).toBeGreaterThan(result.winRate!);
    expect(result.ci![1]).toBeLessThanOrEqual(1);
    expect(result.rounds[0].reason).toBe('The Alpha reply moves the story.');
    // Order randomised by seed: both orders occur.
    expect(new Set(result.rounds.map((r) => r.order.join(''))).size).toBe(2);
    const judged = server
      .chatRequests()
      .slice(start)
      .filter((r) => isJudge(r.body!));
    expect(judged).toHaveLength(6);
    const rubric = String(judged[0].body!.messages[0].content);
    expect(rubric.indexOf('QUOTES')).toBeLessThan(rubric.indexOf('PROBLEMS'));
    expect(rubric.indexOf('PROBLEMS')).toBeLessThan(rubric.indexOf('STRENGTHS'));
    expect(rubric.indexOf('STRENGTHS')).toBeLessThan(rubric.indexOf('WINNER'));
    judged.forEach((r, i) => {
      const user = lastUserText(r.body!);
      const round = result.rounds[i];
      expect(user).toContain(`Reply 1:\n<<<\n${round.replies[round.order[0]]}\n>>>`);
      expect(user).toContain(`Reply 2:\n<<<\n${round.replies[round.order[1]]}\n>>>`);
    });
    // The loser's next request carries the winner's reply as the story so far.
    const betaNarration = server
      .chatRequests()
      .slice(start)
      .filter((r) => r.body!.model === 'model-b' && !isPlayer(r.body!) && !isSummary(r.body!));
    const second = betaNarration[1].body!.messages.map((m) => String(m.content)).join('\n');
    expect(second).toContain(result.rounds[0].replies.a);
    expect(second).not.toContain('Beta reply');
  });

  it('runs planner against no-planner from the CLI and writes the result', async () => {
    const { arena } = await import('../../src/cli/eval-run.js');
    const dir = mkdtempSync(join(tmpdir(), 'skald-arena-'));
    const file = join(dir, 'arena.json');
    let printed = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((printed += String(chunk)), true));
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await arena('glass-orchard', {
        a: 'planner',
        b: 'no-planner',
        judge: 'judge',
        turns: 3,
        seed: 4,
        profile: 'alpha',
        json: file,
        player: 'slow',
      });
    } finally {
      write.mockRestore();
      errors.mockRestore();
    }
    const result = JSON.parse(readFileSync(file, 'utf8'));
    expect(result.rounds).toHaveLength(3);
    expect(result.config).toMatchObject({ a: 'planner', b: 'no-planner', judge: 'judge' });
    expect(typeof result.winRate).toBe('number');
    expect(result.ci).toHaveLength(2);
    expect(printed).toMatch(/A's win rate \d+\.\d% \(95% CI \d+\.\d%-\d+\.\d%, ties count half\)/);
  });

  it('says clearly that a judge is needed', async () => {
    const { arena } = await import('../../src/cli/eval-run.js');
    await expect(arena('glass-orchard', { a: 'planner', b: 'no-planner', offline: true })).rejects.toMatchObject({
      name: 'UsageError',
      message: expect.stringMatching(/arena needs a judge: add --judge PROFILE/),
    });
    await expect(arena('glass-orchard', { a: 'planner', b: 'no-planner', offline: true, judge: 'offline' })).rejects.toThrow(
      /offline narrator cannot judge/,
    );
  });
});
