/**
 * A chat-completion preset's formats and names, as SillyTavern's openai.js applies them: its
 * scenario_format and personality_format wrap the card's scenario and personality, its wi_format
 * the World Info text, and names_behavior 2 (Message Content) begins each story message with its
 * speaker's name. The preset is SillyTavern's own Default.json and the card Seraphina.png (../shared);
 * Default.json's wi_format is the bare '{0}' and its names_behavior 0, so those two are set on a copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chatPresetPrompt } from '../../../src/config/st-chat-prompts.js';
import { buildPrompt } from '../../../src/engine/prompt/index.js';
import { compileLore } from '../../../src/engine/lore/index.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import { importCard } from '../../../src/world/import/index.js';
import type { WorldPack } from '../../../src/world/types.js';
import { exactTokens, thirdTurnInput } from './helpers.js';

const SHARED = process.env.SKALD_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const DEFAULT = join(SHARED, 'fixtures/sillytavern/presets/openai/Default.json');
const SERAPHINA = join(SHARED, 'fixtures/sillytavern/Seraphina.png');
const ARCHIVIST = fileURLToPath(new URL('../../fixtures/st-regex/card.json', import.meta.url));
const present = existsSync(DEFAULT) && existsSync(SERAPHINA);
if (!present) console.warn(`skipped: SillyTavern's Default.json or Seraphina.png is not under ${SHARED} (a fresh clone has no ../shared)`);

const counter = new TokenCounter();
const rawPreset = (change: (raw: Record<string, unknown>) => void = () => {}) => {
  const raw = JSON.parse(readFileSync(DEFAULT, 'utf8')) as Record<string, unknown>;
  change(raw);
  return chatPresetPrompt(raw);
};

describe.skipIf(!present)("a chat-completion preset's formats and names", () => {
  it("wraps the card's scenario and personality in Default.json's scenario_format and personality_format", async () => {
    const { pack } = await importCard(SERAPHINA);
    const { preset, formatting } = rawPreset();
    expect(preset.formats).toEqual({
      scenario: '[Circumstances and context of the dialogue: {{scenario}}]',
      personality: "[{{char}}'s personality: {{personality}}]",
    });
    expect(formatting).toEqual(['its scenario_format', 'its personality_format']);
    const system = buildPrompt(thirdTurnInput(counter, { pack, chatPreset: preset })).messages[0].content;
    expect(system).toContain(`[Circumstances and context of the dialogue: ${pack.setting.trim()}]`);
    // In place of skald's own heading, not beside it.
    expect(system).not.toContain('## Setting');
    expect(buildPrompt(thirdTurnInput(counter, { pack })).messages[0].content).toContain('## Setting');
    // No scenario, no wrapper (SillyTavern formats only a scenario it has).
    const bare = { ...pack, setting: '' };
    expect(buildPrompt(thirdTurnInput(counter, { pack: bare, chatPreset: preset })).messages[0].content).not.toContain('[Circumstances');

    // Seraphina's card keeps her personality in its description; a card with a personality field:
    const { pack: archivist } = await importCard(ARCHIVIST);
    const withPreset = buildPrompt(thirdTurnInput(counter, { pack: archivist, chatPreset: preset })).messages[0].content;
    expect(withPreset).toContain("[Archivist's personality: patient, exact]");
    expect(withPreset).not.toContain('Personality: patient, exact');
    expect(buildPrompt(thirdTurnInput(counter, { pack: archivist })).messages[0].content).toContain('Personality: patient, exact');
  });

  it("puts the lore in wi_format and each story message after its speaker's name with names_behavior 2", async () => {
    const { pack: imported } = await importCard(SERAPHINA);
    const entry = (id: string, text: string) => ({
      id,
      keys: [],
      secondary: [],
      selectiveLogic: 'and_any' as const,
      text,
      constant: true,
      priority: 0,
      enabled: true,
      caseSensitive: false,
      wholeWords: true,
      excludeKeys: [],
    });
    const pack: WorldPack = { ...imported, lore: [entry('glade', 'The glade is warded.'), entry('wolves', 'Shadow wolves hunt at dusk.')] };
    const { preset, formatting } = rawPreset((raw) => {
      raw.wi_format = '[Details of the world:\n{0}]';
      raw.names_behavior = 2;
    });
    expect(formatting).toContain("each story message begun with its speaker's name (names_behavior: Message Content)");
    const built = buildPrompt(thirdTurnInput(counter, { pack, chatPreset: preset, lore: compileLore(pack.lore) }));
    const system = built.messages[0].content;
    expect(system).toMatch(
      /\[Details of the world:\n(The glade is warded\.\nShadow wolves hunt at dusk\.|Shadow wolves hunt at dusk\.\nThe glade is warded\.)\]/,
    );
    expect(system).not.toContain('## Lore relevant now');
    const story = built.messages.slice(1).filter((m) => m.role !== 'system');
    expect(story.find((m) => m.role === 'user')?.content).toMatch(new RegExp(`^${pack.player.name}: Player line`));
    expect(story.find((m) => m.role === 'assistant')?.content).toMatch(/^Seraphina: /);
    expect(built.diagnostics.tokens).toBe(exactTokens(built));
    // names_behavior 0 (Default.json's): the messages as they are.
    const plain = buildPrompt(thirdTurnInput(counter, { pack, chatPreset: rawPreset().preset, lore: compileLore(pack.lore) }));
    expect(plain.messages.find((m) => m.role === 'user')?.content).toMatch(/^Player line/);
  });
});
