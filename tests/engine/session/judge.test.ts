import { afterEach, describe, expect, it } from 'vitest';
import { createTurnJudge } from '../../../src/engine/critics/judge-turn.js';
import type { Judge } from '../../../src/engine/session/turn-runner.js';
import { turnLine } from '../../../src/cli/play-headless.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { lastUserText, startOpenAIServer, type Behaviour, type ChatRequestBody, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, newSession } from './helpers.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A judge whose own profile points at the loopback server, as `judgeProfile` sets it up. */
async function judgeAt(behaviour: Behaviour): Promise<{ judge: Judge; server: OpenAIServer; calls: () => ChatRequestBody[] }> {
  const server = await startOpenAIServer();
  close = () => server.close();
  server.setBehaviour(behaviour);
  const provider = createOpenAIProvider(profileFor(server.url), { maxRetries: 0 });
  return { judge: createTurnJudge(provider), server, calls: () => server.chatRequests().map((r) => r.body!) };
}

/** The candidates' texts as the judge's prompt numbers them. */
function candidatesIn(request: ChatRequestBody): string[] {
  return [...lastUserText(request).matchAll(/Candidate (\d+):\n<<<\n([\s\S]*?)\n>>>/g)].map((m) => m[2]);
}

/** A model that finds the player spoken for in candidate 2 only, quoting its first words. */
const secondSpeaksForPlayer: Behaviour = (request) => {
  const texts = candidatesIn(request);
  const quote = texts[1]?.split(/[.!?]/)[0].trim() ?? '';
  const answer = {
    candidates: texts.map((_, i) => ({
      candidate: i + 1,
      verdicts: i === 1 ? [{ mode: 'speaks-for-user', quote, reason: 'it decides what the player does' }] : [],
    })),
  };
  return { content: JSON.stringify(answer), usage: { prompt_tokens: 900, completion_tokens: 70 } };
};

const INPUT = 'I ask Wren about the wheel.';

describe('the optional LLM judge', () => {
  it('is off by default: no candidate carries a judge result or cost', async () => {
    const { session } = await newSession();
    await collect(session.play({ text: INPUT }));
    for (const c of session.turns()[0].candidates) {
      expect(c.critics.some((r) => r.id === 'judge')).toBe(false);
      expect(c.judge).toBeUndefined();
    }
  });

  it('grades every candidate in ONE call per turn that asks for the JSON schema, and each verdict lands on its candidate', async () => {
    const { judge, calls } = await judgeAt(secondSpeaksForPlayer);
    const { session } = await newSession({ judge });
    const plain = await newSession();
    await collect(session.play({ text: INPUT }));
    await collect(plain.session.play({ text: INPUT }));

    expect(calls()).toHaveLength(1);
    const request = calls()[0];
    const candidates = session.turns()[0].candidates;
    expect(candidatesIn(request)).toHaveLength(candidates.length);
    expect(request.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'candidate_verdicts', strict: true, schema: { type: 'object', required: ['candidates'] } },
    });
    expect(request.messages[0].content).toMatch(
      /speaks-for-user[\s\S]*ignores-user[\s\S]*out-of-character[\s\S]*reference-confusion[\s\S]*law-violation/,
    );
    expect(lastUserText(request)).toContain(INPUT);

    const second = candidatesIn(request)[1];
    const byText = new Map(plain.session.turns()[0].candidates.map((c) => [c.variant.label, c]));
    for (const c of candidates) {
      const verdict = c.critics.find((r) => r.id === 'judge')!;
      expect(c.judge).toMatchObject({ candidates: candidates.length, promptTokens: 900, completionTokens: 70, format: 'json_schema' });
      expect(c.judge?.error).toBeUndefined();
      if (c.text === second) {
        // A failure no pattern saw is the judge's own flag, with its quote located in the reply and its reason.
        expect(verdict.flagged).toBe(true);
        expect(verdict.evidence[0].why).toBe('speaks-for-user: it decides what the player does');
        expect(c.text.slice(verdict.evidence[0].start, verdict.evidence[0].end)).toBe(verdict.evidence[0].text);
        expect(c.score).toBeLessThan(byText.get(c.variant.label)!.score);
      } else {
        expect(verdict).toEqual({ id: 'judge', flagged: false, score: 1, evidence: [] });
        expect(c.score).toBeGreaterThanOrEqual(byText.get(c.variant.label)!.score);
      }
    }
    // A judge-flagged reply is not the one offered first when another is clean.
    expect(candidates[session.turns()[0].chosen].text).not.toBe(second);
  });

  it("puts the judge's cost in the headless turn line", async () => {
    const { judge } = await judgeAt(secondSpeaksForPlayer);
    const { session } = await newSession({ judge });
    await collect(session.play({ text: INPUT }));
    const line = turnLine(session.turns()[0]);
    expect(line.judge).toEqual({
      calls: 1,
      candidates: 3,
      promptTokens: 900,
      completionTokens: 70,
      ms: expect.any(Number),
      format: 'json_schema',
    });
    const critics = (line.candidates as Array<{ critics: Array<{ id: string }> }>).flatMap((c) => c.critics.map((r) => r.id));
    expect(critics).toContain('judge');
  });

  it('a regenerated candidate is judged by its own call', async () => {
    const { judge, calls } = await judgeAt(secondSpeaksForPlayer);
    const { session } = await newSession({ judge });
    await collect(session.play({ text: INPUT }));
    // One candidate: the model grades it as candidate 1 and finds nothing (this judge only flags a second one).
    await collect(session.regenerate());
    expect(calls()).toHaveLength(2);
    expect(candidatesIn(calls()[1])).toHaveLength(1);
    const turn = session.turns()[0];
    expect(turnLine(turn).judge).toMatchObject({ calls: 2, candidates: 4, promptTokens: 1800, completionTokens: 140 });
  });

  it('falls back to a JSON object, then to plain JSON, when the endpoint refuses the schema, and remembers it', async () => {
    const { judge, calls } = await judgeAt((request) => {
      const format = (request.response_format as { type?: string } | undefined)?.type;
      if (format === 'json_schema' || format === 'json_object')
        return { status: 400, errorMessage: `response_format ${format} is not supported` };
      // No schema: the model wraps its JSON in prose and a fence.
      return {
        content: `Here is my grading:\n\`\`\`json\n${JSON.stringify({ candidates: candidatesIn(request).map((_, i) => ({ candidate: i + 1, verdicts: [] })) })}\n\`\`\`\nAll fine.`,
      };
    });
    const { session } = await newSession({ judge });
    const events = await collect(session.play({ text: INPUT }));
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(calls().map((b) => (b.response_format as { type?: string } | undefined)?.type ?? 'plain')).toEqual([
      'json_schema',
      'json_object',
      'plain',
    ]);
    for (const c of session.turns()[0].candidates) {
      expect(c.judge).toMatchObject({ format: 'plain' });
      expect(c.critics.find((r) => r.id === 'judge')).toMatchObject({ flagged: false });
    }
    await collect(session.play({ text: 'I wait for his answer.' }));
    expect(calls()).toHaveLength(4);
    expect(calls()[3].response_format).toBeUndefined();
  });

  it('a malformed answer does not break the turn: it is reported, recorded, and the patterns stand', async () => {
    const { judge } = await judgeAt({ content: 'I would rather not grade these; they all seem fine to me.' });
    const { session, store } = await newSession({ judge });
    const plain = await newSession();
    const events = await collect(session.play({ text: INPUT }));
    await collect(plain.session.play({ text: INPUT }));
    const error = events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error.message).toMatch(/judge's answer could not be read \(the judge's answer held no JSON\)/);
    expect(events.some((e) => e.type === 'turn-done')).toBe(true);
    expect(store.records.some((r) => r.type === 'turn')).toBe(true);
    const scores = new Map(plain.session.turns()[0].candidates.map((c) => [c.variant.label, c.score]));
    for (const c of session.turns()[0].candidates) {
      expect(c.critics.some((r) => r.id === 'judge')).toBe(false);
      expect(c.judge?.error).toBe("the judge's answer held no JSON");
      expect(c.score).toBe(scores.get(c.variant.label));
    }
  });

  it('a judge that leaves a candidate out grades the others; the one left out says so', async () => {
    const { judge } = await judgeAt((request) => ({
      content: JSON.stringify({
        candidates: candidatesIn(request)
          .slice(1)
          .map((_, i) => ({ candidate: i + 2, verdicts: [] })),
      }),
    }));
    const { session } = await newSession({ judge });
    const events = await collect(session.play({ text: INPUT }));
    expect(events.some((e) => e.type === 'error')).toBe(false);
    const candidates = session.turns()[0].candidates;
    expect(candidates.filter((c) => c.critics.some((r) => r.id === 'judge'))).toHaveLength(candidates.length - 1);
    expect(candidates.filter((c) => c.judge?.error === 'no grade for candidate 1')).toHaveLength(1);
  });

  it("a failing judge is reported and the turn still commits with the critics' scores", async () => {
    const { judge } = await judgeAt({ status: 500 });
    const { session, store } = await newSession({ judge });
    const events = await collect(session.play({ text: INPUT }));
    const error = events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error.message).toMatch(/judge could not grade this turn/);
    expect(events.some((e) => e.type === 'turn-done')).toBe(true);
    expect(session.turns()).toHaveLength(1);
    expect(store.records.some((r) => r.type === 'turn')).toBe(true);
    for (const c of session.turns()[0].candidates) expect(c.judge?.error).toMatch(/500/);
  });
});
