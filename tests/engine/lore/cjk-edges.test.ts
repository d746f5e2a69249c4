/**
 * Chinese text has no spaces, so a key is found inside longer words: that stays, except where
 * the key reads across the edge of a name or key that starts before it ("掌柜的" in "钱掌柜的",
 * where 钱掌柜 is a person), since the text is read from the left.
 */
import { describe, expect, it } from 'vitest';
import { activateLore, compileLore } from '../../../src/engine/lore/index.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { LoreEntry } from '../../../src/world/types.js';
import { entry, story } from './helpers.js';

const counter = new TokenCounter();

function fired(entries: LoreEntry[], text: string, names: string[] = [], recursive = false): string[] {
  const compiled = compileLore(recursive ? entries.map((e) => ({ ...e, recursive: true })) : entries, names);
  return activateLore(compiled, { messages: story([text]), turn: 1, budget: 10_000, counter })
    .active.map((e) => e.id)
    .sort();
}

const innkeeper = entry('innkeeper', { keys: ['掌柜的'], text: '掌柜的姓林，开店三十年。' });
const merchant = entry('merchant', { keys: ['钱掌柜'], text: '钱掌柜是南边来的药材商人。' });

describe('Chinese keys at word edges', () => {
  it('does not read a key across the edge of a name that starts before it', () => {
    expect(fired([innkeeper], '钱掌柜的货箱半夜会响。', ['钱掌柜'])).toEqual([]);
    expect(fired([innkeeper, merchant], '钱掌柜的货箱半夜会响。')).toEqual(['merchant']);
    // The same key on its own, or after the name's end, still fires.
    expect(fired([innkeeper], '掌柜的，这雪什么时候停？', ['钱掌柜'])).toEqual(['innkeeper']);
    expect(fired([innkeeper, merchant], '钱掌柜找掌柜的算账。')).toEqual(['innkeeper', 'merchant']);
    // Without the name known, the text is read as before.
    expect(fired([innkeeper], '钱掌柜的货箱半夜会响。')).toEqual(['innkeeper']);
  });

  it('still finds a key inside a longer key or name, and one-character keys anywhere', () => {
    const inn = entry('inn', { keys: ['客栈'] });
    const qingshan = entry('qingshan', { keys: ['青山客栈'] });
    const sword = entry('sword', { keys: ['剑'] });
    expect(fired([inn, qingshan], '你推开青山客栈的门。')).toEqual(['inn', 'qingshan']);
    expect(fired([sword], '女剑客把剑挂在墙上。', ['女剑客'])).toEqual(['sword']);
  });

  it('reads entry texts the same way when lore recurses', () => {
    const ledger = entry('ledger', { keys: ['账本'], text: '账本里记着钱掌柜的欠款。' });
    expect(fired([ledger, innkeeper], '他翻开账本。', ['钱掌柜'], true)).toEqual(['ledger']);
    expect(fired([ledger, innkeeper], '他翻开账本。', [], true)).toEqual(['innkeeper', 'ledger']);
  });
});
