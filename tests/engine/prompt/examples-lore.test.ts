/**
 * World Info at SillyTavern's positions 5 and 6 (before and after the example messages): the
 * entries go among the lead character's example dialogues, before or after its own, as SillyTavern
 * adds them to the card's example blocks; with the examples not shown, they stay with the lore.
 * The entries are Eldoria's (../shared, SillyTavern's own lorebook, written as example dialogues),
 * moved to those positions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../../src/engine/prompt/index.js';
import { compileLore } from '../../../src/engine/lore/index.js';
import { emptyMemory } from '../../../src/engine/memory/index.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import { worldInfoEntryDraft } from '../../../src/world/import/lore-entries.js';
import { packToCard } from '../../../src/world/export/card.js';
import type { LoreEntry } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { exactTokens, plan } from './helpers.js';

const SHARED = process.env.SKALD_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const ELDORIA = join(SHARED, 'fixtures/sillytavern/Eldoria.json');
const present = existsSync(ELDORIA);
if (!present) console.warn(`skipped: SillyTavern's Eldoria lorebook is not at ${ELDORIA} (a fresh clone has no ../shared)`);

/** Eldoria's first two entries, always on, at positions 5 and 6, as the import reads them. */
function examplesLore(warnings: string[] = []): LoreEntry[] {
  const book = JSON.parse(readFileSync(ELDORIA, 'utf8')) as { entries: Record<string, Record<string, unknown>> };
  return [
    ['0', 5],
    ['1', 6],
  ].map(([uid, position]) => ({
    id: `eldoria-${uid}`,
    ...worldInfoEntryDraft({ ...book.entries[uid], constant: true, position }, String(uid), warnings).entry,
  }));
}

const counter = new TokenCounter();

function build(lore: LoreEntry[], systemPrompt?: string) {
  const pack = miniPack({ lore });
  if (systemPrompt) pack.style = { ...pack.style, systemPrompt };
  return buildPrompt({
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
    counter,
    lore: compileLore(pack.lore),
  });
}

describe.skipIf(!present)('World Info before and after the example messages', () => {
  it('imports positions 5 and 6 as before_examples and after_examples, with no warning, and exports them back', () => {
    const warnings: string[] = [];
    const lore = examplesLore(warnings);
    expect(lore.map((e) => e.position)).toEqual(['before_examples', 'after_examples']);
    expect(warnings).toEqual([]);
    const book = (
      packToCard(miniPack({ lore })).data as unknown as { character_book: { entries: Array<{ extensions: Record<string, unknown> }> } }
    ).character_book;
    expect(book.entries.map((e) => e.extensions.position)).toEqual([5, 6]);
  });

  it("puts them around the lead character's own example, in the characters section", () => {
    const built = build(examplesLore());
    const system = built.messages[0].content;
    const before = system.indexOf('What is Eldoria?');
    const own = system.indexOf("It's late, Tam.");
    const after = system.indexOf('What are Shadowfangs?');
    expect(before).toBeGreaterThan(system.indexOf('### Wren Alder'));
    expect(before).toBeLessThan(own);
    expect(after).toBeGreaterThan(own);
    // Inside the characters section, and not again in the lore section.
    expect(after).toBeLessThan(system.indexOf("## The player's character"));
    expect(system.match(/What is Eldoria\?/g)).toHaveLength(1);
    // Macros in them are resolved, and they are counted as lore.
    expect(system).toContain('Tamsin: "What is Eldoria?"');
    expect(built.diagnostics.breakdown.lore).toBeGreaterThan(counter.count('What is Eldoria? What are Shadowfangs?'));
    expect(built.diagnostics.tokens).toBe(exactTokens(built));
  });

  it("with the examples placed apart by {{mesExamples}}, they are <START> blocks of it, before and after the card's own (not in the lore section)", () => {
    const system = build(examplesLore(), '{{original}}\n{{mesExamples}}').messages[0].content;
    const blocks = system.slice(system.indexOf('<START>')).split('<START>\n').slice(1);
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toContain('Tamsin: "What is Eldoria?"');
    expect(blocks[1]).toContain("It's late, Tam.");
    expect(blocks[2]).toContain('What are Shadowfangs?');
    expect(system.match(/What is Eldoria\?/g)).toHaveLength(1);
    expect(system.match(/What are Shadowfangs\?/g)).toHaveLength(1);
  });

  it('two entries before the examples go in front one after another, so the later entry is first, as SillyTavern unshifts them', () => {
    const [first, second] = examplesLore();
    const lore = [first, { ...second, id: 'eldoria-1b', position: 'before_examples' as const }];
    const system = build(lore, '{{mesExamples}}').messages[0].content;
    expect(system.indexOf('What are Shadowfangs?')).toBeLessThan(system.indexOf('What is Eldoria?'));
    expect(system.indexOf('What is Eldoria?')).toBeLessThan(system.indexOf("It's late, Tam."));
  });
});
