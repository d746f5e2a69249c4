/**
 * A profile's own system prompt (`skald profiles set NAME system-prompt TEXT`, or
 * `system-prompt-file PATH`, read at the start of every story so an edit of the file takes effect
 * at the next one). It replaces skald's narrator rules, or extends them where it writes
 * `{{original}}`; a world's and a story's own prompt go over it.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { MAX_INPUT_CHARS } from '../engine/input-limit.js';
import { listProfiles } from './profiles.js';
import type { StoredProfile } from './store.js';
import { openConfig } from './store.js';
import { chatPresetPrompt, isChatCompletionPreset } from './st-chat-prompts.js';
import type { ChatPreset } from '../engine/prompt/chat-preset.js';

/** The keys `profiles set` takes for the system prompt. */
export const SYSTEM_PROMPT_KEYS = ['system-prompt', 'system-prompt-file'] as const;
export type SystemPromptKey = (typeof SYSTEM_PROMPT_KEYS)[number];

/** What `profiles set` did, for its one line of output. */
export type SystemPromptChange = { cleared: true } | { cleared: false; chars: number; file?: string; note?: string };

/**
 * Sets (or with an empty value clears) a profile's system prompt. A file is checked now (it must
 * be readable text within the size limit) and stored by its absolute path.
 */
export function setProfileSystemPrompt(
  name: string,
  key: SystemPromptKey,
  value: string,
  env: NodeJS.ProcessEnv = process.env,
): SystemPromptChange {
  const all = listProfiles(env);
  const stored = all[name];
  if (!stored) throw new UsageError(`There is no profile "${name}"; \`skald profiles list\` shows them.`);
  const { systemPrompt: _text, systemPromptFile: _file, ...rest } = stored;
  let next: StoredProfile = rest;
  let change: SystemPromptChange = { cleared: true };
  if (value.trim() !== '') {
    if (key === 'system-prompt') {
      if (value.length > MAX_INPUT_CHARS)
        throw new UsageError(
          `A system prompt may be at most ${MAX_INPUT_CHARS.toLocaleString('en-US')} characters; this one is ${value.length.toLocaleString('en-US')}.`,
        );
      next = { ...rest, systemPrompt: value };
      change = { cleared: false, chars: value.length };
    } else {
      const file = resolve(value);
      const { text, note } = readPromptFile(file);
      next = { ...rest, systemPromptFile: file };
      change = { cleared: false, chars: text.length, file, ...(note ? { note } : {}) };
    }
  }
  openConfig(env).set('profiles', { ...all, [name]: next });
  return change;
}

/**
 * The profile's system prompt for a story, its file read now; undefined when it has none. A file
 * that cannot be read is an InputError naming it and saying how to fix it.
 */
export function profileSystemPrompt(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return profilePrompt(name, env).systemPrompt;
}

/**
 * The profile's system prompt and, when its file is a SillyTavern chat-completion preset, the
 * preset's parts placed after and inside the chat, its prefill, continue and impersonate prompts.
 */
export function profilePrompt(name: string, env: NodeJS.ProcessEnv = process.env): { systemPrompt?: string; chatPreset?: ChatPreset } {
  const stored = listProfiles(env)[name];
  if (!stored) return {};
  if (stored.systemPromptFile) {
    try {
      const { text, preset } = readPromptFile(stored.systemPromptFile);
      return { systemPrompt: text, ...(preset ? { chatPreset: preset } : {}) };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new InputError(
        `Profile ${name}'s system prompt file cannot be used: ${why} Fix the file, or clear it with \`skald profiles set ${name} system-prompt-file ""\`.`,
      );
    }
  }
  return stored.systemPrompt?.trim() ? { systemPrompt: stored.systemPrompt } : {};
}

/** A prompt file's text, a note on what was read of it, and a chat-completion preset's other parts. */
type PromptFile = { text: string; note?: string; preset?: ChatPreset };

function readPromptFile(file: string): PromptFile {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file} cannot be read (${code ?? (error instanceof Error ? error.message : String(error))}).`);
  }
  // Checked before reading, so a huge file is not loaded only to be refused.
  if (size > MAX_INPUT_CHARS * 4)
    throw new InputError(
      `${file} is ${Math.ceil(size / 1024)} KB; a system prompt may be at most ${MAX_INPUT_CHARS.toLocaleString('en-US')} characters.`,
    );
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  if (text.length > MAX_INPUT_CHARS)
    throw new InputError(
      `${file} holds ${text.length.toLocaleString('en-US')} characters; a system prompt may be at most ${MAX_INPUT_CHARS.toLocaleString('en-US')}.`,
    );
  if (!text.trim()) throw new InputError(`${file} is empty.`);
  return sillyTavernPrompt(file, text) ?? { text };
}

/**
 * A SillyTavern system prompt file (`presets/sysprompt/*.json`: `name`, `content`, `post_history`),
 * a master export holding one (`sysprompt`), or an instruct template from before 1.12.6 (its
 * `system_prompt`) gives its prompt text, not its JSON, and so does a chat-completion preset (its
 * prompts above the chat history, st-chat-prompts.ts); undefined for any other file, used as it is.
 */
function sillyTavernPrompt(file: string, text: string): PromptFile | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const top = value as Record<string, unknown>;
  if (isChatCompletionPreset(top)) return presetPrompt(file, top);
  // A master export (Advanced Formatting's): its system prompt is under `sysprompt`.
  const inner = top.sysprompt;
  const raw = typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : top;
  const name = typeof raw.name === 'string' ? `"${raw.name}"` : 'prompt';
  let prompt: string;
  let what: string;
  if (typeof raw.content === 'string' && ('name' in raw || 'post_history' in raw)) {
    prompt = raw.content;
    what = `the SillyTavern system prompt ${name}`;
  } else if (typeof raw.system_prompt === 'string' && ('input_sequence' in raw || 'output_sequence' in raw)) {
    prompt = raw.system_prompt;
    what = `the system_prompt of the SillyTavern instruct template ${name}`;
  } else return undefined;
  if (!prompt.trim())
    throw new InputError(
      `${file} holds ${what}, and it is empty; to keep skald's narrator rules, clear the profile's system prompt with \`system-prompt-file ""\`.`,
    );
  const after = typeof raw.post_history === 'string' ? raw.post_history.trim() : '';
  return {
    text: prompt,
    ...(after
      ? {
          note: `Its post_history (${after.length} chars) is left out: skald reads no instructions after the story from a system prompt file (the author's note, \`/note\`, goes there).`,
        }
      : {}),
  };
}

/** A chat-completion preset's prompts above the chat history, with what it sends elsewhere named. */
function presetPrompt(file: string, raw: Record<string, unknown>): PromptFile {
  const { text, used, preset, placed, leftOut, unrun, formatting } = chatPresetPrompt(raw);
  if (!text)
    throw new InputError(
      `${file} is a SillyTavern chat-completion preset whose enabled prompts above the chat history are empty; to keep skald's narrator rules, clear the profile's system prompt with \`system-prompt-file ""\`.`,
    );
  const took = `Its ${used} enabled prompt${used === 1 ? '' : 's'} above the chat history, in its order, make the system prompt (skald places the world's description, lore and examples itself).`;
  const also = placed.length ? ` Also sent: ${placed.join(', ')}.` : '';
  const left = leftOut.length ? ` Left out: ${leftOut.join(', ')}; skald sends the same prompt for a reply, a swipe and a continue.` : '';
  const notRun = unrun.length ? ` Not run: ${unrun.join(', ')}.` : '';
  const shaped = formatting.length ? ` Also used: ${formatting.join(', ')}.` : '';
  return { text, note: took + also + left + notRun + shaped, preset };
}
