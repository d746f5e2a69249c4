/**
 * The debug pane's prompt section names a chat-completion preset's parts: its prompts after the
 * chat (with a card's instructions beside them), its in-chat prompts, and the prefill's tokens.
 */
import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../src/engine/prompt/index.js';
import { compileLore } from '../../src/engine/lore/index.js';
import { emptyMemory } from '../../src/engine/memory/index.js';
import { TokenCounter } from '../../src/engine/tokens.js';
import type { ChatPreset } from '../../src/engine/prompt/chat-preset.js';
import { debugLines } from '../../src/ui/debug/sections.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { plan } from '../engine/prompt/helpers.js';

const text = (lines: ReturnType<typeof debugLines>) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');

describe("the debug pane's prompt section with a chat-completion preset", () => {
  it("names the preset's prompts after and inside the chat, the card's instructions, and counts the prefill", () => {
    const base = miniPack();
    const pack = { ...base, style: { ...base.style, postHistoryInstructions: 'Keep {{char}} in character.' } };
    const chatPreset: ChatPreset = {
      afterChat: [{ name: 'Post-History Instructions', role: 'system', text: 'Stay in the scene.', postHistory: true }],
      injections: [{ name: 'Reminder', role: 'user', text: 'Mind the sluice gate.', depth: 2, order: 100 }],
      assistantPrefill: 'Wren nods.',
    };
    const { diagnostics } = buildPrompt({
      pack,
      opening: pack.openings[0],
      persona: pack.player,
      history: [
        { role: 'narrator', text: pack.openings[0].text, turn: 0 },
        { role: 'player', text: 'I ask about the wheel.', turn: 1 },
      ],
      memory: emptyMemory(),
      plan: plan(),
      turn: 1,
      budget: 8192,
      maxReplyTokens: 400,
      counter: new TokenCounter(),
      lore: compileLore(pack.lore),
      chatPreset,
    });
    const pane = text(debugLines({ turn: 1, totalTurns: 1, shown: 0, running: false, candidates: [], prompt: diagnostics }, 200));
    expect(pane).toContain(
      `after the chat the preset's "Post-History Instructions" and the world's post-history instructions (${diagnostics.breakdown.postHistory} tok), then the direction`,
    );
    expect(pane).toContain('in the chat the preset\'s "Reminder" 2 back as user');
    expect(pane).toMatch(new RegExp(`^prefill\\s+[█░]+ ${diagnostics.breakdown.prefill}$`, 'm'));
    expect(pane).toMatch(new RegExp(`^injections [█░]+ ${diagnostics.breakdown.injections}$`, 'm'));
  });
});
