/**
 * `/note` and `/system` in headless play, end to end in process: a profile whose system prompt is
 * a file (`profiles set NAME system-prompt-file`), the session set up from it as `skald play`
 * does, the commands' JSON lines, and what the loopback server received.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runHeadless } from '../../src/cli/play-headless.js';
import { setupSession } from '../../src/cli/session-setup.js';
import { addProfile, removeProfile } from '../../src/config/profiles.js';
import { profileSystemPrompt, setProfileSystemPrompt } from '../../src/config/profile-prompt.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  try {
    removeProfile('loop-note');
  } catch {
    // not every test adds it
  }
});

async function headless(lines: string[]): Promise<Array<Record<string, any>>> {
  const setup = await setupSession('glass-orchard', { profile: 'loop-note', headless: true, seed: 3, candidates: 1 });
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

describe('/note and /system in headless play, with a profile system prompt from a file', () => {
  it('prints what each command changed, and the requests carry the note and the prompts', async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour(() => ({ content: 'The orchard is quiet; a glass leaf turns on its stem. "Who is there?"' }));
    addProfile('loop-note', { baseURL: server.url, model: 'story-1' });
    const file = join(mkdtempSync(join(tmpdir(), 'skald-prompt-')), 'prompt.txt');
    writeFileSync(file, 'PROFILE-FILE-PROMPT for {{char}}\n');
    setProfileSystemPrompt('loop-note', 'system-prompt-file', file);

    const out = await headless([
      '/note',
      '/note Keep the rain falling. --depth 2 --every 2',
      '/note',
      'I walk up the hill.',
      'I knock on the door.',
      '/note --every 1',
      '/note --depth deep',
      '/note off',
      '/system',
      '/system {{original}} STORY-EXTRA',
      'I wait.',
      '/system reset',
      '/system',
    ]);
    expect(out.map((o) => o.type)).toEqual([
      'session',
      'note',
      'note',
      'note',
      'turn',
      'turn',
      'note',
      'error',
      'note',
      'system',
      'system',
      'turn',
      'system',
      'system',
    ]);
    expect(out[1]).toEqual({ type: 'note', action: 'show', note: null });
    expect(out[2]).toEqual({ type: 'note', action: 'set', note: { text: 'Keep the rain falling.', depth: 2, every: 2 }, nextTurn: 2 });
    expect(out[3]).toEqual({ type: 'note', action: 'show', note: { text: 'Keep the rain falling.', depth: 2, every: 2 }, nextTurn: 2 });
    expect(out[4].prompt.authorsNote).toMatchObject({ depth: 2, every: 2, inserted: false });
    expect(out[5].prompt.authorsNote).toMatchObject({ depth: 2, every: 2, inserted: true });
    expect(out[5].prompt.breakdown.note).toBeGreaterThan(0);
    // Flags alone change the note's settings and keep its text.
    expect(out[6]).toEqual({ type: 'note', action: 'set', note: { text: 'Keep the rain falling.', depth: 2, every: 1 }, nextTurn: 3 });
    expect(out[7]).toMatchObject({
      type: 'error',
      kind: 'command',
      message: expect.stringMatching(/--depth takes a whole number from 0 to 100, not "deep"/),
    });
    expect(out[8]).toEqual({ type: 'note', action: 'clear', note: null });
    expect(out[9]).toEqual({ type: 'system', action: 'show', story: null, profile: 'PROFILE-FILE-PROMPT for {{char}}\n', world: null });
    expect(out[10]).toEqual({ type: 'system', action: 'set', story: '{{original}} STORY-EXTRA', keepsOriginal: true });
    expect(out[11].prompt.systemPrompt).toEqual({ source: 'story', keepsSkald: false });
    expect(out[12]).toEqual({ type: 'system', action: 'reset', story: null });
    expect(out[13]).toMatchObject({ type: 'system', action: 'show', story: null });

    const bodies = server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body!.messages);
    expect(bodies).toHaveLength(3);
    // The profile's file replaces skald's rules, its macros resolved.
    expect(bodies[0][0].content).toMatch(/^PROFILE-FILE-PROMPT for \S/);
    expect(bodies[0][0].content).not.toContain('You are the narrator of');
    const carries = (messages: Array<{ content: string }>) => messages.findIndex((m) => m.content === 'Keep the rain falling.');
    expect(carries(bodies[0])).toBe(-1);
    // Turn 2: two story messages after the note, then the directive.
    const at = carries(bodies[1]);
    expect(bodies[1][at].role).toBe('system');
    expect(bodies[1].length - 2 - at).toBe(2);
    // Turn 3: the note is off; the story's prompt keeps the profile's where it says {{original}}.
    expect(carries(bodies[2])).toBe(-1);
    expect(bodies[2][0].content).toMatch(/^PROFILE-FILE-PROMPT for Wren Alder STORY-EXTRA\n\n## Setting/);
  });

  it('a profile prompt file that went missing stops the run with a sentence naming it and the fix', async () => {
    addProfile('loop-note', { baseURL: 'http://127.0.0.1:9/v1', model: 'story-1' });
    const file = join(mkdtempSync(join(tmpdir(), 'skald-prompt-')), 'gone.txt');
    expect(() => setProfileSystemPrompt('loop-note', 'system-prompt-file', file)).toThrow(/cannot be read \(ENOENT\)/);
    writeFileSync(file, 'soon gone');
    setProfileSystemPrompt('loop-note', 'system-prompt-file', file);
    // Replacing the profile (`profiles add` again) keeps its system prompt.
    addProfile('loop-note', { baseURL: 'http://127.0.0.1:9/v1', model: 'story-2' });
    expect(profileSystemPrompt('loop-note')).toBe('soon gone');
    writeFileSync(file, '   ');
    expect(() => profileSystemPrompt('loop-note')).toThrow(
      /loop-note's system prompt file cannot be used: .*is empty\. .*profiles set loop-note system-prompt-file ""/,
    );
    // An empty value clears it.
    setProfileSystemPrompt('loop-note', 'system-prompt-file', '');
    expect(profileSystemPrompt('loop-note')).toBeUndefined();
    setProfileSystemPrompt('loop-note', 'system-prompt', 'INLINE {{original}}');
    expect(profileSystemPrompt('loop-note')).toBe('INLINE {{original}}');
  });
});
