import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTemplate } from '../../src/providers/instruct/catalog.js';
import { renderPrompt } from '../../src/providers/instruct/render.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../config/cli.js';
import { ST_PRESETS } from '../providers/instruct/fixtures.js';

const home = () => ({ SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-completions-')) });
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, any>);

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ models: ['story-1'] });
  // Each request's own reply, so the candidates can be told apart.
  let n = 0;
  server.setBehaviour(() => ({ content: `The mill wheel groans, telling ${++n}. What do you do?` }));
});
afterAll(async () => {
  await server.close();
});

describe('a text-completion session', () => {
  it("plays a turn through /v1/completions with ChatML: the same messages as chat mode, rendered, with the template's stop strings", async () => {
    const args = [
      'play',
      'glass-orchard',
      '--headless',
      '--base-url',
      server.url,
      '--model',
      'story-1',
      '--candidates',
      '3',
      '--seed',
      '3',
    ];
    const before = server.requests.length;
    const text = await runCli([...args, '--api', 'completions', '--template', 'chatml'], { env: home(), input: 'I knock twice.\n' });
    expect(text.status).toBe(0);
    const [session, turn] = lines(text.stdout);
    expect(session).toMatchObject({ type: 'session', provider: `${new URL(server.url).host} · story-1 · text, ChatML` });
    expect(turn.candidates).toHaveLength(3);
    expect(new Set(turn.candidates.map((c: { text: string }) => c.text)).size).toBe(3);
    const sent = server.requests.slice(before);
    expect(sent.every((r) => r.path === '/v1/completions')).toBe(true);
    expect(sent).toHaveLength(3);
    for (const request of sent) {
      const body = request.body!;
      expect(body.stream).toBe(true);
      expect(body.prompt!.startsWith('<|im_start|>system\n')).toBe(true);
      expect(body.prompt).toContain('<|im_start|>user\nTamsin: I knock twice.<|im_end|>\n<|im_start|>system\n');
      expect(body.prompt!.endsWith('<|im_end|>\n<|im_start|>assistant\n')).toBe(true);
      expect(body.stop).toEqual([
        '<|im_end|>',
        '\n<|im_start|>user',
        '\n<|im_start|>assistant',
        '\n<|im_start|>system',
        '\nTamsin:',
        'Tamsin:',
        'User:',
      ]);
    }

    // The same turn in chat mode: each text prompt is exactly its chat messages through the template.
    const mark = server.requests.length;
    const chat = await runCli(args, { env: home(), input: 'I knock twice.\n' });
    expect(chat.status).toBe(0);
    const chatml = findTemplate('chatml').instruct;
    const rendered = server.requests.slice(mark).map((r) => renderPrompt(r.body!.messages as never, chatml, { user: 'Tamsin' }).prompt);
    expect(rendered.sort()).toEqual(sent.map((r) => r.body!.prompt!).sort());
  });

  it('refuses an unknown template in one line naming the known ones, before anything is played', async () => {
    const env = home();
    const run = await runCli(
      ['play', 'glass-orchard', '--headless', '--base-url', server.url, '--model', 'story-1', '--template', 'chatmll'],
      { env, input: 'Hello.\n' },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(
      'There is no template "chatmll"; did you mean "chatml"? Templates: alpaca, chatml, gemma, llama3, mistral',
    );
    const noTemplate = await runCli(
      ['play', 'glass-orchard', '--headless', '--base-url', server.url, '--model', 'story-1', '--api', 'completions'],
      { env, input: 'Hello.\n' },
    );
    expect(noTemplate.status).toBe(2);
    expect(noTemplate.stderr).toContain(
      'Text completion needs an instruct template: --template NAME (templates: alpaca, chatml, gemma, llama3, mistral).',
    );
  });

  it('keeps api and template in a profile, set one at a time, and plays with them', async () => {
    const env = home();
    expect((await runCli(['profiles', 'add', 'local', '--base-url', server.url, '--model', 'story-1'], { env })).status).toBe(0);
    const api = await runCli(['profiles', 'set', 'local', 'api', 'completions'], { env });
    expect(api.stdout).toContain('Profile local now uses text completion; name its template with `skald profiles set local template NAME`');
    const template = await runCli(['profiles', 'set', 'local', 'template', 'Llama3'], { env });
    expect(template.stdout.trim()).toBe('Profile local now uses text completion with the template Llama 3 Instruct (llama3).');
    expect((await runCli(['profiles', 'list'], { env })).stdout).toContain(
      `* local: ${server.url}, model story-1, no key, text completion (template llama3)`,
    );
    const bad = await runCli(['profiles', 'set', 'local', 'api', 'text'], { env });
    expect([bad.status, bad.stderr.trim()]).toEqual([2, expect.stringContaining('The api setting is chat or completions, not "text".')]);

    const mark = server.requests.length;
    const run = await runCli(['play', 'glass-orchard', '--headless', '--candidates', '1', '--seed', '4'], { env, input: 'I wait.\n' });
    expect(run.status).toBe(0);
    const prompt = server.requests.slice(mark).find((r) => r.path === '/v1/completions')!.body!.prompt!;
    expect(prompt.startsWith('<|start_header_id|>system<|end_header_id|>\n\n')).toBe(true);
    expect(prompt.endsWith('<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n')).toBe(true);

    expect((await runCli(['profiles', 'set', 'local', 'api', 'chat'], { env })).stdout.trim()).toBe(
      'Profile local now uses chat completions.',
    );
    const config = JSON.parse(readFileSync(join(env.SKALD_HOME, 'config.json'), 'utf8')) as { profiles: Record<string, unknown> };
    expect(config.profiles.local).toEqual({ baseURL: server.url, model: 'story-1', template: 'llama3' });
  });

  it('evaluates in text completion with --api completions --template, and keeps them for --resume', async () => {
    const env = home();
    const out = join(env.SKALD_HOME, 'eval.json');
    const mark = server.requests.length;
    const run = await runCli(
      [
        'eval',
        'glass-orchard',
        '--turns',
        '1',
        '--players',
        'terse',
        '--candidates',
        '1',
        '--seed',
        '5',
        '--base-url',
        server.url,
        '--model',
        'story-1',
        '--api',
        'completions',
        '--template',
        'gemma',
        '--json',
        out,
      ],
      { env },
    );
    expect(run.status).toBe(0);
    const generated = server.requests.slice(mark).filter((r) => r.path === '/v1/completions');
    expect(generated.length).toBeGreaterThan(0);
    expect(server.requests.slice(mark).filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
    expect(generated.every((r) => r.body!.prompt!.endsWith('<start_of_turn>model\n'))).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8')).config).toMatchObject({ api: 'completions', template: 'gemma' });
  });
});

describe('skald templates', () => {
  it('lists the bundled templates, as text and JSON', async () => {
    const env = home();
    const text = await runCli(['templates', 'list'], { env });
    expect(text.stdout.split('\n').slice(0, 6)).toEqual([
      'Instruct templates (--api completions --template ID):',
      '  alpaca   Alpaca (bundled)',
      '  chatml   ChatML (bundled)',
      '  gemma    Gemma 2 (bundled)',
      '  llama3   Llama 3 Instruct (bundled)',
      '  mistral  Mistral V3-Tekken (bundled)',
    ]);
    const json = JSON.parse((await runCli(['templates', 'list', '--json'], { env })).stdout) as {
      templates: Array<{ id: string; origin: string; source: string; stop: string[] }>;
    };
    expect(json.templates.map((t) => t.id).sort()).toEqual(['alpaca', 'chatml', 'gemma', 'llama3', 'mistral']);
    expect(json.templates.find((t) => t.id === 'chatml')!.stop[0]).toBe('<|im_end|>');
    expect(json.templates.every((t) => t.origin === 'bundled' && /SillyTavern/.test(t.source))).toBe(true);
  });

  it('finds the bundled templates from the built package (dist/) too', () => {
    const bin = new URL('../../bin/skald.js', import.meta.url).pathname;
    const run = spawnSync(process.execPath, [bin, 'templates', 'list', '--json'], { encoding: 'utf8', env: { ...process.env, ...home() } });
    expect(run.status).toBe(0);
    const files = (JSON.parse(run.stdout) as { templates: Array<{ file: string }> }).templates.map((t) => t.file);
    expect(files).toHaveLength(5);
    expect(files.every((f) => f.startsWith(new URL('../../templates/instruct/', import.meta.url).pathname))).toBe(true);
  });

  it('shows a template with its stop strings and an example prompt', async () => {
    const run = await runCli(['templates', 'show', 'chatml'], { env: home() });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ChatML (bundled; --template chatml)');
    expect(run.stdout).toContain('Stop strings: ["<|im_end|>","\\n<|im_start|>user","\\n<|im_start|>assistant","\\n<|im_start|>system"]');
    expect(run.stdout).toContain("<|im_start|>user\nPlayer: (the player's move)<|im_end|>\n");
  });

  it.skipIf(!ST_PRESETS)(
    "imports SillyTavern's Llama 3 instruct file under its name, and a context template paired to it",
    async () => {
      const env = home();
      const run = await runCli(['templates', 'import', join(ST_PRESETS!, 'instruct', 'Llama 3 Instruct.json')], { env });
      expect(run.stdout.trim()).toBe(
        'Imported the instruct template Llama 3 Instruct; it replaces the bundled template of that name. Use it with `--api completions --template llama3instruct` or `skald profiles set PROFILE template llama3instruct`.',
      );
      const context = await runCli(['templates', 'import', join(ST_PRESETS!, 'context', 'Default.json')], { env });
      expect(context.stdout.split('\n')[0]).toBe(
        'Imported the context template Default; no instruct template is named Default, so it applies once one is (or import it again with --name ID).',
      );
      // Its {{wiBefore}}, {{description}}, {{personality}}, {{scenario}} and {{persona}} are all filled from skald's system text.
      expect(context.stdout).not.toContain('{{personality}}');
      expect(context.stdout).not.toContain('{{wiBefore}}');
      const paired = await runCli(['templates', 'import', join(ST_PRESETS!, 'context', 'Default.json'), '--name', 'Llama 3 Instruct'], {
        env,
      });
      expect(paired.stdout.split('\n')[0]).toBe(
        'Imported the context template Llama 3 Instruct; it lays out the system prompt of the instruct template Llama 3 Instruct.',
      );
      const list = await runCli(['templates', 'list'], { env });
      expect(list.stdout).toContain('Llama 3 Instruct (imported, with its context template)');
      expect(list.stdout).toContain('Context templates with no instruct template of their name: Default');
    },
    60_000,
  );

  it('says, one line per reason, what a SillyTavern template holds that skald does not use', async () => {
    const wild = fileURLToPath(new URL('../fixtures/sillytavern-wild/', import.meta.url));
    const run = await runCli(['templates', 'import', join(wild, 'instruct', 'Alpaca@19fd0f18.json')], { env: home() });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(1, 3)).toEqual([
      'Not used by skald:',
      '  system_prompt: the system prompt that SillyTavern kept in instruct templates before 1.12.6: a template carries none in skald; `skald profiles set PROFILE system-prompt-file FILE` takes it from this file',
    ]);
  }, 60_000);

  it.skipIf(!ST_PRESETS)(
    "refuses a file that is not a template (SillyTavern's sampler preset) in one line",
    async () => {
      const run = await runCli(['templates', 'import', join(ST_PRESETS!, 'textgen', 'Universal-Creative.json')], { env: home() });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(
        'Universal-Creative.json is not a template skald can use: it is neither an instruct template (input_sequence, output_sequence ...) nor a context template (story_string).',
      );
    },
    60_000,
  );
});
