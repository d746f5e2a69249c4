/**
 * Lore activation keeps what the keys found in each recent text with the text, so a turn scans
 * only the messages that are new since the last one; what it finds must be what a fresh scan finds.
 */
import { describe, expect, it, vi } from 'vitest';
import { activateLore, compileLore } from '../../../src/engine/lore/index.js';
import type { CompiledLore } from '../../../src/engine/lore/types.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import { entry, story } from './helpers.js';

const counter = new TokenCounter();
const entries = [
  entry('wren', { keys: ['Wren'], caseSensitive: true, text: 'Wren keeps the ledger of the mill.' }),
  entry('ledger', { keys: ['ledger'], text: 'The ledger names the miller and the lantern.' }),
  entry('lantern', { keys: ['lantern'], wholeWords: true, text: 'Lanterns burn glowworm oil.' }),
  entry('glow', { keys: ['/glow ?worms?/i'], text: 'Glowworms live in the well.' }),
  entry('miller', { keys: ['/\\bmill(er)?\\b/i'], text: 'The miller is away.' }),
];
const activate = (compiled: CompiledLore, texts: string[], turn: number) =>
  activateLore(compiled, { messages: story(texts), turn, budget: 10_000, counter, scanDepth: 4, maxRecursionSteps: 2 });

describe('lore keys found in a text, kept with the text', () => {
  it('scans only the new messages of the next turn, and finds what a fresh scan finds', () => {
    const compiled = compileLore(entries);
    const scans = vi.spyOn(compiled.automaton, 'scan');
    const glow = compiled.keys.find((k) => k.kind === 'regex' && k.source.startsWith('/glow'));
    if (glow?.kind !== 'regex') throw new Error('no regex key');
    const finds = vi.spyOn(glow.regex, 'find');
    const texts = ['The mill is dark.', 'I ask Wren about the ledger.', 'wren shrugs at the lanterns.', 'What glows in the well?'];
    const first = activate(compiled, texts, 2);
    expect(first).toEqual(activate(compileLore(entries), texts, 2));
    const [scansBefore, findsBefore] = [scans.mock.calls.length, finds.mock.calls.length];

    // The same story again: nothing is scanned or tried anew.
    expect(activate(compiled, texts, 2)).toEqual(first);
    expect(scans.mock.calls.length).toBe(scansBefore);
    expect(finds.mock.calls.length).toBe(findsBefore);

    // Next turn: one new message; the others' findings are reused, and the result is a fresh scan's.
    const next = [...texts, 'I hold up the lantern: glow worms, everywhere.'];
    const later = activate(compiled, next, 3);
    expect(later).toEqual(activate(compileLore(entries), next, 3));
    expect(later.active.map((e) => e.id)).toContain('glow');
    // The new message, and the active entries' texts if the set changed.
    expect(scans.mock.calls.length - scansBefore).toBeLessThanOrEqual(2);
    expect(scans.mock.calls.slice(scansBefore).map(([text]) => text)).toContain('i hold up the lantern: glow worms, everywhere.');
    // A changed text is a new text: scanned, and its own findings count.
    const edited = [...texts.slice(0, 3), 'What hums in the well?'];
    const changed = activate(compiled, edited, 2);
    expect(changed).toEqual(activate(compileLore(entries), edited, 2));
    expect(changed.active.map((e) => e.id)).not.toContain('glow');
  });
});
