import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runHeadless } from '../../src/cli/play-headless.js';
import { setupSession } from '../../src/cli/session-setup.js';
import { addProfile } from '../../src/config/profiles.js';
import { setSetting } from '../../src/config/settings.js';
import { lastUserText, startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  setSetting('judgeProfile', undefined);
  await server?.close();
  server = undefined;
});

/** One loopback endpoint that narrates, and judges when asked for JSON (the judge's own profile points at it too). */
async function endpoint(): Promise<OpenAIServer> {
  server = await startOpenAIServer();
  server.setBehaviour((request) => {
    if (!request.response_format)
      return { content: 'Wren sets down the lamp. "The wheel stopped the night she left," he says. "Will you help me find out why?"' };
    const count = [...lastUserText(request).matchAll(/Candidate \d+:/g)].length;
    return {
      content: JSON.stringify({ candidates: Array.from({ length: count }, (_, i) => ({ candidate: i + 1, verdicts: [] })) }),
      usage: { prompt_tokens: 640, completion_tokens: 30 },
    };
  });
  addProfile('narrator', { baseURL: server.url, model: 'test-model' });
  addProfile('judge', { baseURL: server.url, model: 'test-model' });
  setSetting('judgeProfile', 'judge');
  return server;
}

async function headlessLines(setup: Awaited<ReturnType<typeof setupSession>>, input: string): Promise<Array<Record<string, unknown>>> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await runHeadless(setup, { input: Readable.from([`${input}\n`]), output });
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('the judge profile, as `skald config set judgeProfile` sets it', () => {
  it('grades each turn in one call and puts its cost on the headless turn line', async () => {
    const s = await endpoint();
    const setup = await setupSession('glass-orchard', { profile: 'narrator', headless: true, candidates: 2, seed: 1 });
    const lines = await headlessLines(setup, 'I ask Wren about the wheel.');
    const turn = lines.find((l) => l.type === 'turn')!;
    expect(turn.judge).toEqual({
      calls: 1,
      candidates: 2,
      promptTokens: 640,
      completionTokens: 30,
      ms: expect.any(Number),
      format: 'json_schema',
    });
    expect(s.chatRequests().filter((r) => r.body?.response_format)).toHaveLength(1);
  });

  it('is not called offline: the patterns alone judge', async () => {
    const s = await endpoint();
    const setup = await setupSession('glass-orchard', { offline: true, headless: true, candidates: 2, seed: 1 });
    const lines = await headlessLines(setup, 'I ask Wren about the wheel.');
    const turn = lines.find((l) => l.type === 'turn')!;
    expect(turn.judge).toBeUndefined();
    expect(s.chatRequests()).toHaveLength(0);
  });
});
