/**
 * Reasoning blocks marked by a reasoning template's tags rather than `<think>`: the real import of
 * the template file, the profile naming it, the provider `providerFor` makes from that profile, and
 * the loopback server streaming a reply whose tags are cut across chunks.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, NarrationContext } from '../../../src/engine/types.js';
import { importTemplate, importTemplates } from '../../../src/providers/instruct/catalog.js';
import { providerFor } from '../../../src/providers/select.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { collect, messages, profileFor, request } from './helpers.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer({ models: ['test-model'] });
});
afterEach(async () => {
  await server.close();
});

const home = () => {
  const dir = mkdtempSync(join(tmpdir(), 'skald-test-reasoning-'));
  return { env: { ...process.env, SKALD_HOME: join(dir, 'home') }, dir };
};
/** A reasoning template as a player writes one for their model (SillyTavern's fields). */
const reasoningFile = (dir: string, name: string, prefix: string, suffix: string) => {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, prefix, suffix, separator: '\n\n' }));
  return file;
};
const deltas = (r: Awaited<ReturnType<typeof collect>>) =>
  r.events
    .filter((e) => e.type === 'delta')
    .map((e) => (e as { text: string }).text)
    .join('');

describe("a profile's reasoning template, in chat mode", () => {
  it('splits a <thinking> block cut across chunks out of the story', async () => {
    const { env, dir } = home();
    importTemplate(reasoningFile(dir, 'Thinking', '<thinking>\n', '\n</thinking>'), {}, env);
    server.setBehaviour({
      content: ['<thin', 'king>\nThe player wants', ' a storm.\n</thi', 'nking', '>\n\nThunder', ' rolls.'],
    });
    const provider = await providerFor(profileFor(server.url, { reasoning: 'thinking' }), {}, env);
    const r = await collect(provider, request(1));
    expect(r.text[0]).toBe('Thunder rolls.');
    expect(r.reasoning[0]).toBe('\nThe player wants a storm.\n');
    expect(deltas(r)).not.toContain('thinking');
  });

  it("splits Kimi's ◁think▷ block, cut inside the tags, and leaves <think> in the story as text", async () => {
    const { env, dir } = home();
    importTemplate(reasoningFile(dir, 'Kimi', '◁think▷', '◁/think▷'), {}, env);
    server.setBehaviour({ content: ['◁thi', 'nk▷Keep it', ' quiet.◁', '/thi', 'nk▷The <think> sign', ' creaks.'] });
    const r = await collect(await providerFor(profileFor(server.url, { reasoning: 'KIMI' }), {}, env), request(1));
    expect(r.text[0]).toBe('The <think> sign creaks.');
    expect(r.reasoning[0]).toBe('Keep it quiet.');
  });

  it('answers a whole completion (summaries, the judge) without the block', async () => {
    const { env, dir } = home();
    importTemplate(reasoningFile(dir, 'Kimi', '◁think▷', '◁/think▷'), {}, env);
    server.setBehaviour({ content: '◁think▷hmm◁/think▷ A short summary.' });
    const provider = await providerFor(profileFor(server.url, { reasoning: 'kimi' }), {}, env);
    expect(await provider.complete(messages(), { maxTokens: 20 })).toBe('A short summary.');
  });

  it('reads <think> when the profile names no reasoning template', async () => {
    const { env } = home();
    server.setBehaviour({ content: ['<th', 'ink>plan</think>\n\nRain.'] });
    const r = await collect(await providerFor(profileFor(server.url), {}, env), request(1));
    expect([r.text[0], r.reasoning[0]]).toEqual(['Rain.', 'plan']);
  });

  it('names the imported reasoning templates when the profile names an unknown one', async () => {
    const { env, dir } = home();
    importTemplate(reasoningFile(dir, 'Kimi', '◁think▷', '◁/think▷'), {}, env);
    await expect(providerFor(profileFor(server.url, { reasoning: 'kimmi' }), {}, env)).rejects.toThrow(
      'There is no reasoning template "kimmi"; did you mean "kimi"? Reasoning templates: kimi',
    );
  });
});

const turn: ChatMessage[] = [
  { role: 'system', content: 'You are the narrator.' },
  { role: 'user', content: 'I knock.' },
];
const textRequest = () => {
  const req = request(1, { perCandidate: () => turn });
  req.context = { persona: { name: 'Mara' } } as NarrationContext;
  return req;
};

describe('a reasoning template in text completion', () => {
  it("reads a completion as inside the block when the template's reply sequence ends with its opening tag (a master export's pair)", async () => {
    const { env, dir } = home();
    const chatml = {
      name: 'ChatML Thinking Tags',
      input_sequence: '<|im_start|>user',
      output_sequence: '<|im_start|>assistant',
      last_output_sequence: '<|im_start|>assistant\n<thinking>',
      system_sequence: '<|im_start|>system',
      input_suffix: '<|im_end|>\n',
      output_suffix: '<|im_end|>\n',
      system_suffix: '<|im_end|>\n',
      stop_sequence: '<|im_end|>',
      wrap: true,
      macro: true,
      names_behavior: 'none',
    };
    const master = join(dir, 'master.json');
    writeFileSync(
      master,
      JSON.stringify({
        instruct: chatml,
        reasoning: { name: 'Thinking', prefix: '<thinking>\n', suffix: '\n</thinking>', separator: '\n\n' },
      }),
    );
    expect(importTemplates(master, {}, env).map((r) => r.kind)).toEqual(['instruct', 'reasoning']);
    server.setBehaviour({ content: ['\nThe player knocks.\n</thi', 'nking>\n\nThe gate', ' opens.'] });
    const profile = profileFor(server.url, { api: 'completions', template: 'chatmlthinkingtags' });
    const r = await collect(await providerFor(profile, {}, env), textRequest());
    expect(String(server.completionRequests()[0].body!.prompt).endsWith('<|im_start|>assistant\n<thinking>\n')).toBe(true);
    expect(r.text[0]).toBe('The gate opens.');
    expect(r.reasoning[0]).toBe('\nThe player knocks.\n');
  });

  it("uses the profile's reasoning template with SillyTavern's Gemma 4 tags", async () => {
    const { env } = home();
    const gemma = fileURLToPath(new URL('../../fixtures/sillytavern-wild/reasoning/Gemma 4@9a0f42c1.json', import.meta.url));
    importTemplate(gemma, {}, env);
    server.setBehaviour({ content: ['<|chan', 'nel>thought\nA knock.\n<chan', 'nel|>\n\nThe gate opens.'] });
    const profile = profileFor(server.url, { api: 'completions', template: 'chatml', reasoning: 'gemma4' });
    const r = await collect(await providerFor(profile, {}, env), textRequest());
    expect(r.text[0]).toBe('The gate opens.');
    expect(r.reasoning[0]).toBe('\nA knock.\n');
  });
});
