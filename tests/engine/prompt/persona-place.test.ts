/**
 * Where the player's description goes, as SillyTavern's persona_description_position places it:
 * the system prompt (default), the top or bottom of the author's note on the turns that carry the
 * note, a depth in the chat with a role, or nowhere; a pack says so in `player.position`.
 */
import { describe, expect, it } from 'vitest';
import { buildPrompt, type PromptInput } from '../../../src/engine/prompt/index.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { PlayerPersona } from '../../../src/world/types.js';
import { validatePack } from '../../../src/world/validate.js';
import { packToYaml } from '../../../src/world/serialize.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { exactTokens, thirdTurnInput } from './helpers.js';

const counter = new TokenCounter();
const DESCRIPTION = "Wren's younger sister, back from the city after five years.";

function built(placement: Partial<PlayerPersona>, overrides: Partial<PromptInput> = {}) {
  const pack = miniPack();
  return buildPrompt(thirdTurnInput(counter, { pack, persona: { ...pack.player, ...placement }, ...overrides }));
}

const carrying = (messages: Array<{ role: string; content: string }>) => messages.filter((m) => m.content.includes(DESCRIPTION));

describe("the player's description placed as SillyTavern places a persona's", () => {
  it('by default and with position prompt, is in the system prompt only', () => {
    for (const placement of [{}, { position: 'prompt' as const }]) {
      const { messages } = built(placement);
      expect(carrying(messages)).toEqual([messages[0]]);
    }
  });

  it('at a depth, is a message of its role that many messages from the end, and out of the system prompt', () => {
    const prompt = built({ position: 'depth', depth: 1, role: 'user' });
    const { messages, diagnostics } = prompt;
    expect(messages[0].content).not.toContain(DESCRIPTION);
    // The player's name stays in the system prompt: only the description moved.
    expect(messages[0].content).toContain("## The player's character: Tamsin");
    const at = messages.findIndex((m) => m.content === DESCRIPTION);
    expect(messages[at].role).toBe('user');
    expect(messages[at + 1].content).toBe('Player line 3.');
    expect(diagnostics.breakdown.persona).toBeGreaterThan(counter.countMessage(DESCRIPTION));
    expect(diagnostics.tokens).toBe(exactTokens(prompt));
    expect(Object.values(diagnostics.breakdown).reduce((a, b) => a + b, 0)).toBe(diagnostics.tokens);
  });

  it("at the top or bottom of the author's note, joins the note's message, and only on a turn that carries it", () => {
    const note = { text: 'Keep the rain falling.', depth: 2, every: 1 };
    const top = built({ position: 'authors_note_top' }, { authorsNote: note }).messages;
    expect(carrying(top)).toEqual([{ role: 'system', content: `${DESCRIPTION}\nKeep the rain falling.` }]);
    const bottom = built({ position: 'authors_note_bottom' }, { authorsNote: note }).messages;
    expect(carrying(bottom)).toEqual([{ role: 'system', content: `Keep the rain falling.\n${DESCRIPTION}` }]);
    expect(bottom.at(-4)).toEqual(carrying(bottom)[0]);
    // Without a note of the player's, it goes where the note would (4 messages from the end).
    const alone = built({ position: 'authors_note_top' }).messages;
    expect(alone[alone.length - 1 - 1 - 4]).toEqual({ role: 'system', content: DESCRIPTION });
    // Turn 3 skips a note set for every second turn: the description goes with it.
    expect(carrying(built({ position: 'authors_note_top' }, { authorsNote: { ...note, every: 2 } }).messages)).toEqual([]);
  });

  it('with position none, is sent nowhere', () => {
    expect(carrying(built({ position: 'none' }).messages)).toEqual([]);
  });

  it("a pack's player takes position, depth and role, and keeps them when written back", () => {
    const raw = { ...miniPack(), player: { ...miniPack().player, position: 'depth', depth: 1, role: 'assistant' } };
    const { pack, problems } = validatePack(raw, 'world.yaml');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(pack?.player).toMatchObject({ position: 'depth', depth: 1, role: 'assistant' });
    expect(packToYaml(pack!)).toMatch(/player:[\s\S]*position: depth\n\s+depth: 1\n\s+role: assistant/);
    expect(validatePack({ ...raw, player: { ...raw.player, position: 'chat' } }, 'world.yaml').problems.length).toBeGreaterThan(0);
  });
});
