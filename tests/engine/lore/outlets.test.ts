/**
 * World Info outlets (SillyTavern 1.12.14's position 7): an entry at an outlet goes where a text
 * writes `{{outlet::NAME}}`, its active entries joined by a line break, and nowhere else; an
 * outlet with nothing active is empty. None of the real fixtures has one (Eldoria and Seraphina's
 * book predate them), so the entries here are made for the test, as SillyTavern writes them.
 */
import { describe, expect, it } from 'vitest';
import { resolveMacros } from '../../../src/engine/macros.js';
import { worldInfoEntryDraft } from '../../../src/world/import/lore-entries.js';
import { packToCard } from '../../../src/world/export/card.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { collect, newSession } from '../session/helpers.js';
import { scriptedProvider } from '../session/scripted-provider.js';
import { entry } from './helpers.js';

describe('World Info outlets', () => {
  it('place the active entries of a name where {{outlet::NAME}} stands, and nowhere else', async () => {
    const lore = [
      entry('rain', { keys: ['umbrella'], text: 'RAIN-FALLS', position: 'outlet', outlet: 'Weather', priority: 9 }),
      entry('fog', { constant: true, text: 'FOG-LIES', position: 'outlet', outlet: 'Weather' }),
      entry('unplaced', { constant: true, text: 'NEVER-PLACED', position: 'outlet', outlet: 'Nobody Asks' }),
      entry('echo', { constant: true, text: 'ECHO {{outlet::Echo}}', position: 'outlet', outlet: 'Echo' }),
      entry('plain', { constant: true, text: 'PLAIN-LORE' }),
    ];
    const pack = miniPack({ lore });
    pack.style = {
      ...pack.style,
      systemPrompt: '{{original}}\nThe weather now: [{{outlet:: Weather }}] [{{outlet::Snow}}] <{{outlet::Echo}}>',
    };
    const provider = scriptedProvider();
    const { session } = await newSession({ pack, candidates: 1, provider, seed: 3 });
    for (const text of ['I look around.', 'I open my umbrella.']) await collect(session.play({ text }));

    const [first, second] = provider.requests.map((r) => r.candidates[0].messages.map((m) => m.content).join('\n---\n'));
    // Before the umbrella is named only the constant entry is active; an outlet nobody fills is empty.
    expect(first).toContain('The weather now: [FOG-LIES] []');
    expect(second).toContain('The weather now: [RAIN-FALLS\nFOG-LIES] []');
    // An outlet's own text opens no outlet: the macro there is left as written.
    expect(second).toContain('<ECHO {{outlet::Echo}}>');
    for (const prompt of [first, second]) {
      expect(prompt).not.toContain('NEVER-PLACED');
      expect(prompt.match(/FOG-LIES/g)).toHaveLength(1);
      expect(prompt).toContain('PLAIN-LORE');
    }
    // The debug pane lists the outlet entries a text placed, not the one no text asks for.
    expect(session.turns()[1].prompt.lore.sort()).toEqual(['echo', 'fog', 'plain', 'rain']);
  });

  it('outside a prompt the macro is left as written; in one, an outlet nothing fills is empty', () => {
    expect(resolveMacros('[{{outlet::Weather}}]', { user: 'Mara', char: 'Wren' })).toBe('[{{outlet::Weather}}]');
    const ctx = { user: 'Mara', char: 'Wren', outlet: (name: string) => (name === 'Weather' ? 'Rain.' : '') };
    expect(resolveMacros('[{{outlet::Weather}}] [{{outlet::Snow}}] [{{outlet}}]', ctx)).toBe('[Rain.] [] [{{outlet}}]');
  });

  it('are read from a World Info export (position 7, outletName) and go back into a card as outlet_name', () => {
    const warnings: string[] = [];
    const raw = { uid: 3, key: ['rain'], content: 'It rains.', comment: 'Rain', position: 7, outletName: ' Weather ', order: 100 };
    const draft = worldInfoEntryDraft(raw, '3', warnings);
    expect(draft.entry).toMatchObject({ position: 'outlet', outlet: 'Weather' });
    expect(warnings).toEqual([]);

    worldInfoEntryDraft({ ...raw, outletName: '' }, '4', warnings);
    expect(warnings).toEqual([
      'lore "Rain": goes to an outlet with no name, which no {{outlet::NAME}} can place: it is never in the prompt',
    ]);

    const pack = miniPack({ lore: [entry('rain', { keys: ['rain'], position: 'outlet', outlet: 'Weather' })] });
    const book = (packToCard(pack).data as unknown as { character_book: { entries: Array<{ extensions: Record<string, unknown> }> } })
      .character_book;
    expect(book.entries[0].extensions).toMatchObject({ position: 7, outlet_name: 'Weather' });
  });
});
