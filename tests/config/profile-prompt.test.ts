/** `skald profiles set NAME system-prompt|system-prompt-file VALUE` through the real CLI. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

const freshHome = () => ({ SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-prompt-')), NO_COLOR: '1' });

describe('skald profiles set', () => {
  it('sets, lists and clears a profile system prompt, as text or from a file', { timeout: 180_000 }, async () => {
    const env = freshHome();
    expect((await runCli(['profiles', 'add', 'local', '--preset', 'ollama', '--model', 'llama3.1'], { env })).status).toBe(0);

    const set = await runCli(['profiles', 'set', 'local', 'system-prompt', '{{original}} Write in short, plain sentences.'], { env });
    expect(set.status).toBe(0);
    expect(set.stdout).toContain(
      "Profile local's system prompt: 45 chars; it replaces skald's narrator rules, or extends them where it says {{original}}.",
    );
    expect((await runCli(['profiles', 'list'], { env })).stdout).toContain('system prompt: text (45 chars)');

    const file = join(mkdtempSync(join(tmpdir(), 'skald-prompt-')), 'noir.txt');
    const missing = await runCli(['profiles', 'set', 'local', 'system-prompt-file', file], { env });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`${file} cannot be read (ENOENT).`);
    writeFileSync(file, 'Rain. Always rain.');
    expect((await runCli(['profiles', 'set', 'local', 'system-prompt-file', file], { env })).stdout).toContain(
      `read from ${file} at the start of each story (18 chars now)`,
    );
    expect((await runCli(['profiles', 'list'], { env })).stdout).toContain(`system prompt: file ${file}`);

    // A SillyTavern system prompt file gives its text, not its JSON; its post_history is named as left out.
    const wild = fileURLToPath(new URL('../fixtures/sillytavern-wild/sysprompt/Text Adventure@00a72b5a.json', import.meta.url));
    const content = (JSON.parse(readFileSync(wild, 'utf8')) as { content: string }).content;
    const st = await runCli(['profiles', 'set', 'local', 'system-prompt-file', wild], { env });
    expect(st.stdout).toContain(`read from ${wild} at the start of each story (${content.length} chars now)`);
    expect(st.stdout).not.toContain('post_history');
    const withAfter = join(mkdtempSync(join(tmpdir(), 'skald-prompt-')), 'Noir.json');
    writeFileSync(withAfter, JSON.stringify({ name: 'Noir', content: 'Rain. Always rain.', post_history: 'Keep it short.' }));
    expect((await runCli(['profiles', 'set', 'local', 'system-prompt-file', withAfter], { env })).stdout).toContain(
      "(18 chars now); it replaces skald's narrator rules, or extends them where it says {{original}}. Its post_history (14 chars) is left out",
    );
    // A master export (instruct, context, sysprompt in one file) gives its sysprompt's content.
    const master = join(mkdtempSync(join(tmpdir(), 'skald-prompt-')), 'Master.json');
    writeFileSync(
      master,
      JSON.stringify({ instruct: { name: 'X', input_sequence: 'U:' }, sysprompt: JSON.parse(readFileSync(wild, 'utf8')) as unknown }),
    );
    expect((await runCli(['profiles', 'set', 'local', 'system-prompt-file', master], { env })).stdout).toContain(
      `(${content.length} chars now)`,
    );
    const blank = join(mkdtempSync(join(tmpdir(), 'skald-prompt-')), 'Blank.json');
    writeFileSync(blank, JSON.stringify({ name: 'Blank', content: '', post_history: '' }));
    const refused = await runCli(['profiles', 'set', 'local', 'system-prompt-file', blank], { env });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${blank} holds the SillyTavern system prompt "Blank", and it is empty`);

    const cleared = await runCli(['profiles', 'set', 'local', 'system-prompt', ''], { env });
    expect(cleared.stdout).toContain("Profile local has no system prompt of its own now: skald's narrator rules stand.");
    expect((await runCli(['profiles', 'list'], { env })).stdout).not.toContain('system prompt:');

    const unknown = await runCli(['profiles', 'set', 'local', 'temperatur', '0.8'], { env });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(
      'The profiles set command changes model, api, template, reasoning, system-prompt or system-prompt-file, not "temperatur"',
    );
    const nobody = await runCli(['profiles', 'set', 'nobody', 'system-prompt', 'x'], { env });
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toContain('There is no profile "nobody"');
  });
});
