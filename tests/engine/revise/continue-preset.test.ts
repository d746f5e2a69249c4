/**
 * Continue under a profile's SillyTavern chat-completion preset, as the endpoint receives it (the
 * real openai SDK against the loopback server): the preset's continue nudge in place of skald's
 * instruction, its continue_prefill sending the reply as the last message with its postfix, and a
 * turn written from an assistant prefill continued without that prefill sent twice. The preset is
 * SillyTavern's Default.json (in ../shared).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { chatPresetPrompt } from '../../../src/config/st-chat-prompts.js';
import type { ChatPreset } from '../../../src/engine/prompt/chat-preset.js';
import { CONTINUE_INSTRUCTION } from '../../../src/engine/revise/continue-prompt.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { profileFor } from '../../providers/openai/helpers.js';
import { collect, newSession } from '../session/helpers.js';

const SHARED = process.env.SKALD_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const DEFAULT = join(SHARED, 'fixtures/sillytavern/presets/openai/Default.json');
const present = existsSync(DEFAULT);
if (!present) console.warn(`skipped: SillyTavern's chat-completion preset is not at ${DEFAULT} (a fresh clone has no ../shared)`);

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function preset(change: (raw: Record<string, unknown>) => void = () => {}): ChatPreset {
  const raw = JSON.parse(readFileSync(DEFAULT, 'utf8')) as Record<string, unknown> & { prompts: unknown[] };
  change(raw);
  return chatPresetPrompt(raw).preset;
}

const REPLY = 'Wren sets the lamp down by the wheel.';
const MORE = 'Then he turns to you at last.';

/** A story with one reply, then its continuation; the messages of the continue request. */
async function continued(chatPreset: ChatPreset) {
  server = await startOpenAIServer({ models: ['story-1'] });
  server.enqueue({ content: REPLY });
  server.enqueue({ content: MORE });
  const provider = createOpenAIProvider(profileFor(server.url, { name: 'loop', model: 'story-1' }), { maxRetries: 0 });
  const { session } = await newSession({ candidates: 1, provider, chatPreset });
  await collect(session.play({ text: 'I ask about the wheel.' }));
  await collect(session.continueReply());
  const bodies = server.chatRequests().map((r) => r.body!.messages);
  return { session, sent: bodies.at(-1)!, first: bodies[0] };
}

describe.skipIf(!present)('continue with a chat-completion preset', () => {
  it("sends Default.json's continue nudge, the reply in its {{lastChatMessage}}, in place of skald's instruction", async () => {
    const { sent, session } = await continued(preset());
    const chosen = session.turns()[0].candidates;
    expect(sent.at(-2)).toEqual({ role: 'assistant', content: chosen[0].text });
    const nudge = sent.at(-1)!;
    expect(nudge.role).toBe('system');
    expect(nudge.content).toMatch(/^\[Continue the following message\. Do not include ANY parts of the original message\./);
    expect(nudge.content.endsWith(`message: ${chosen[0].text}]`)).toBe(true);
    expect(nudge.content).not.toBe(CONTINUE_INSTRUCTION);
    expect(chosen[1].text).toBe(`${REPLY} ${MORE}`);
  });

  it('with continue_prefill, sends the reply as the last message, its postfix after it, and no instruction', async () => {
    const { sent, session } = await continued(
      preset((raw) => {
        raw.continue_prefill = true;
        raw.continue_postfix = '\n';
      }),
    );
    expect(sent.at(-1)).toEqual({ role: 'assistant', content: `${session.turns()[0].candidates[0].text}\n` });
    expect(sent.some((m) => m.content === CONTINUE_INSTRUCTION || m.content.startsWith('[Continue'))).toBe(false);
  });

  it('a reply written from the assistant prefill is continued with the prefill inside it, not sent again', async () => {
    const { sent, first, session } = await continued(
      preset((raw) => {
        raw.assistant_prefill = 'Wren nods.';
      }),
    );
    expect(first.at(-1)).toEqual({ role: 'assistant', content: 'Wren nods.' });
    const reply = session.turns()[0].candidates[0].text;
    expect(reply.startsWith('Wren nods.')).toBe(true);
    expect(sent.filter((m) => m.role === 'assistant' && m.content === 'Wren nods.')).toHaveLength(0);
    expect(sent.at(-2)).toEqual({ role: 'assistant', content: reply });
  });
});
