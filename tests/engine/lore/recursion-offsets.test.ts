// The recursion pass scans the active entries' texts joined; each hit is mapped back to the entry
// it fell in and its place there, which the debug pane shows as `recursion:<id>` and an excerpt.
// An empty (or blank) text among them used to shift that mapping by one for every later entry.
import { describe, expect, it } from 'vitest';
import { activateLore, compileLore } from '../../../src/engine/lore/index.js';
import { excerptAround, foldSpace } from '../../../src/engine/lore/text.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { LoreEntry } from '../../../src/world/types.js';
import { entry, story } from './helpers.js';

const counter = new TokenCounter();

/** Fires `texts` in this order (all on "wheel"), then reports what the recursion pass said about an entry keyed on `key`. */
function viaRecursion(texts: string[], key: string, extra: LoreEntry[] = []) {
  const active = texts.map((text, i) => entry(`t${i}`, { keys: ['wheel'], text, priority: texts.length - i }));
  const target = entry('target', { keys: [key], text: 'Found.', priority: -1 });
  const result = activateLore(compileLore([...active, target, ...extra]), {
    messages: story(['The wheel turns.']),
    turn: 3,
    budget: 10_000,
    counter,
  });
  expect(result.active.slice(0, texts.length).map((e) => e.id)).toEqual(texts.map((_, i) => `t${i}`));
  return result.fired.find((f) => f.id === 'target');
}

/** What the debug pane should show: the named entry's folded text around the key's first occurrence. */
function excerptFor(text: string, key: string): string {
  const folded = foldSpace(text).trim();
  const at = folded.search(new RegExp(key, 'i'));
  return excerptAround(folded, at, at + key.length);
}

const LONG = 'A long first clause runs on and on here, and then the Guild hall stands over the cold river for a long while after.';

describe('the recursion pass names the entry a key was found in', () => {
  it('with an empty entry active before the entry whose text holds the key', () => {
    const firing = viaRecursion(['Oath of the mill.', '', 'Guild hall stands.'], 'guild');
    expect(firing).toMatchObject({ key: 'recursion:t2', excerpt: 'Guild hall stands.' });
  });

  it('with the excerpt taken around the key itself, not one character off', () => {
    const firing = viaRecursion(['Oath of the mill.', '', LONG], 'guild');
    expect(firing?.key).toBe('recursion:t2');
    expect(firing?.excerpt).toBe('…on and on here, and then the Guild hall stands over the cold riv…');
    expect(firing?.excerpt).toBe(excerptFor(LONG, 'Guild'));
  });

  it('with several empty and blank entries, and a key spanning two texts in the lorebook', () => {
    // A key with the separator in it makes the pass scan the joined texts whole.
    const spanning = entry('spanning', { keys: ['mill \u0000 wren'], text: 'x', priority: -2 });
    const texts = ['', 'Oath of the mill.', '   ', '\n', '', LONG, ''];
    expect(viaRecursion(texts, 'guild', [spanning])).toMatchObject({ key: 'recursion:t5', excerpt: excerptFor(LONG, 'Guild') });
    expect(viaRecursion(texts, 'guild')).toMatchObject({ key: 'recursion:t5', excerpt: excerptFor(LONG, 'Guild') });
  });

  it('whatever the texts before it: one character, multi-byte, surrogate pairs, case changes', () => {
    const befores = ['a', '', '城門の前', '🦊🦊 fox', 'İnn and ΟΔΟΣ', 'naïve café', ' ', 'x\u00a0y', '𝒜'];
    for (const [i, a] of befores.entries()) {
      for (const b of befores.slice(i)) {
        for (const target of ['Guild hall stands.', LONG, '🦊 Guild 城', 'İ Guild']) {
          const texts = [a, b, target];
          const firing = viaRecursion(texts, 'guild');
          expect(firing, JSON.stringify(texts)).toMatchObject({ key: 'recursion:t2', excerpt: excerptFor(target, 'Guild') });
        }
      }
    }
  });
});
