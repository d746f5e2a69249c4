/**
 * A SillyTavern chat-completion preset as a profile's `system-prompt-file`: its enabled prompts
 * above the chat history become the system prompt, in its Prompt Manager's order; what SillyTavern
 * sends after or inside the chat is named. The real file is SillyTavern's own Default.json (in
 * ../shared); its only non-empty enabled prompt is the main one, so the order, the prompts after
 * the chat and the in-chat injection are checked on a copy of it with those prompts filled in.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addProfile } from '../../src/config/profiles.js';
import { profilePrompt, profileSystemPrompt, setProfileSystemPrompt } from '../../src/config/profile-prompt.js';

// ../shared beside the checkout; SKALD_SHARED names it for a worktree that lives elsewhere.
const SHARED = process.env.SKALD_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url));
const DEFAULT = join(SHARED, 'fixtures/sillytavern/presets/openai/Default.json');
const present = existsSync(DEFAULT);
if (!present) console.warn(`skipped: SillyTavern's chat-completion preset is not at ${DEFAULT} (a fresh clone has no ../shared)`);

type Prompt = { identifier: string; name?: string; content?: string; role?: string; injection_position?: number; injection_depth?: number };
type Preset = {
  prompts: Prompt[];
  prompt_order: Array<{ character_id: number; order: Array<{ identifier: string; enabled: boolean }> }>;
} & Record<string, unknown>;

function profileIn(): NodeJS.ProcessEnv {
  const env = { ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-stprompts-')) };
  addProfile('local', { baseURL: 'http://127.0.0.1:9/v1', model: 'story-1' }, env);
  return env;
}

function write(preset: Preset): string {
  const file = join(mkdtempSync(join(tmpdir(), 'skald-stpreset-')), 'My Preset.json');
  writeFileSync(file, JSON.stringify(preset, null, 4));
  return file;
}

describe.skipIf(!present)("a SillyTavern chat-completion preset as a profile's system-prompt-file", () => {
  it("SillyTavern's Default.json gives its main prompt, not the file's JSON; the disabled Enhance Definitions stays out", () => {
    const env = profileIn();
    const change = setProfileSystemPrompt('local', 'system-prompt-file', DEFAULT, env);
    const text = profileSystemPrompt('local', env);
    expect(text).toBe("Write {{char}}'s next reply in a fictional chat between {{char}} and {{user}}.");
    expect(change).toMatchObject({ cleared: false, chars: text?.length });
    expect(change.cleared === false && change.note).toBe(
      "Its 1 enabled prompt above the chat history, in its order, make the system prompt (skald places the world's description, lore and examples itself). Also used: its scenario_format, its personality_format.",
    );
  });

  it("keeps the preset's order, uses its global order (100001), and names what goes after or inside the chat and the prefill", () => {
    const preset = JSON.parse(readFileSync(DEFAULT, 'utf8')) as Preset;
    const byId = new Map(preset.prompts.map((p) => [p.identifier, p]));
    byId.get('nsfw')!.content = 'Mature themes are allowed.';
    byId.get('jailbreak')!.content = 'Stay in character.';
    preset.prompts.push(
      { identifier: 'style', name: 'Style', role: 'system', content: 'Write in the present tense.' },
      { identifier: 'reminder', name: 'Reminder', role: 'system', content: 'Mind the weather.', injection_position: 1, injection_depth: 2 },
    );
    preset.assistant_prefill = 'Understood.';
    const global = preset.prompt_order.find((o) => o.character_id === 100001)!;
    // The style prompt goes first, before the main prompt; the reminder beside the examples.
    global.order.unshift({ identifier: 'style', enabled: true });
    global.order.splice(
      global.order.findIndex((o) => o.identifier === 'dialogueExamples'),
      0,
      { identifier: 'reminder', enabled: true },
    );
    // The legacy order (100000) is not the one SillyTavern uses: its nsfw is off, and ignored.
    preset.prompt_order.find((o) => o.character_id === 100000)!.order.find((o) => o.identifier === 'nsfw')!.enabled = false;

    const env = profileIn();
    const change = setProfileSystemPrompt('local', 'system-prompt-file', write(preset), env);
    expect(profileSystemPrompt('local', env)).toBe(
      "Write in the present tense.\n\nWrite {{char}}'s next reply in a fictional chat between {{char}} and {{user}}.\n\nMature themes are allowed.",
    );
    const note = change.cleared === false ? (change.note ?? '') : '';
    expect(note).toContain('Its 3 enabled prompts above the chat history');
    expect(note).toContain(
      'Also sent: "Reminder" 2 messages from the end of the chat, "Post-History Instructions" after the chat, the assistant prefill (11 chars) before the reply.',
    );
    // What goes after and inside the chat is read for the prompt builder, with the preset's other parts.
    expect(profilePrompt('local', env).chatPreset).toEqual({
      afterChat: [{ name: 'Post-History Instructions', role: 'system', text: 'Stay in character.', postHistory: true }],
      injections: [{ name: 'Reminder', role: 'system', text: 'Mind the weather.', depth: 2, order: 100 }],
      assistantPrefill: 'Understood.',
      impersonationPrompt: preset.impersonation_prompt,
      continueNudge: preset.continue_nudge_prompt,
      continuePostfix: ' ',
      formats: {
        scenario: preset.scenario_format,
        personality: preset.personality_format,
      },
    });
  });

  it("SillyTavern's Default.json keeps its empty Post-History Instructions as the place a card's instructions take", () => {
    const env = profileIn();
    setProfileSystemPrompt('local', 'system-prompt-file', DEFAULT, env);
    const preset = profilePrompt('local', env).chatPreset;
    expect(preset?.afterChat).toEqual([{ name: 'Post-History Instructions', role: 'system', text: '', postHistory: true }]);
    expect(preset?.injections).toEqual([]);
    expect(preset?.assistantPrefill).toBeUndefined();
    expect(preset?.continuePrefill).toBeUndefined();
  });

  it('a preset whose enabled prompts are all empty is refused in one line, and the profile keeps its prompt', () => {
    const preset = JSON.parse(readFileSync(DEFAULT, 'utf8')) as Preset;
    for (const p of preset.prompts) if (p.identifier === 'main') p.content = '   ';
    const env = profileIn();
    setProfileSystemPrompt('local', 'system-prompt', 'Keep me.', env);
    const file = write(preset);
    expect(() => setProfileSystemPrompt('local', 'system-prompt-file', file, env)).toThrow(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a SillyTavern chat-completion preset whose enabled prompts above the chat history are empty;[^\n]*$`,
      ),
    );
    expect(profileSystemPrompt('local', env)).toBe('Keep me.');
  });

  it('leaves out a prompt SillyTavern sends only for other kinds of generation (injection_trigger), and names it', () => {
    const preset = JSON.parse(readFileSync(DEFAULT, 'utf8')) as Preset;
    const byId = new Map(preset.prompts.map((p) => [p.identifier, p]));
    Object.assign(byId.get('nsfw')!, { content: 'Only when impersonating.', injection_trigger: ['impersonate'] });
    Object.assign(byId.get('jailbreak')!, { content: 'On every reply.', injection_trigger: ['normal', 'swipe'] });
    const env = profileIn();
    const change = setProfileSystemPrompt('local', 'system-prompt-file', write(preset), env);
    expect(profileSystemPrompt('local', env)).not.toContain('Only when impersonating.');
    expect(profilePrompt('local', env).chatPreset?.afterChat.map((p) => p.text)).toEqual(['On every reply.']);
    expect(change.cleared === false && change.note).toContain('Left out: "Auxiliary Prompt" (sent only for impersonate)');
  });
});
