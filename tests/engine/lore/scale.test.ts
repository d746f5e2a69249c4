import { describe, expect, it } from 'vitest';
import { activateLore, compileLore } from '../../../src/engine/lore/index.js';
import { seededRandom } from '../../../src/engine/random.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import { story, entry } from './helpers.js';
import { cpuStopwatch } from '../../support/cpu-time.js';

describe('lore at scale', () => {
  // Made-up names from syllables: many share prefixes, which is what stresses a key index.
  const random = seededRandom(7);
  const syllables = [
    'ka',
    'ro',
    'mi',
    'th',
    'an',
    'el',
    'dor',
    'wyn',
    'su',
    'li',
    'ma',
    'gar',
    'en',
    'os',
    'ur',
    'ia',
    'bel',
    'tor',
    'vek',
    'qua',
  ];
  const word = (): string =>
    Array.from({ length: 3 + Math.floor(random() * 2) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  const entries = Array.from({ length: 10_000 }, (_, i) =>
    entry(`e${i}`, {
      keys: [word(), `${word()} ${word()}`, i % 200 === 0 ? `/${word()}s?/i` : `城${i}`],
      secondary: i % 3 === 0 ? [word()] : [],
      excludeKeys: i % 7 === 0 ? [word()] : [],
      priority: i % 10,
    }),
  );
  const planted = entries[4244].keys[0];
  const filler = (n: number): string => Array.from({ length: n }, () => (random() < 0.02 ? word() : 'the river runs')).join(' ');
  const messages = story([
    filler(60),
    filler(60),
    `${filler(30)} ${planted} ${filler(30)}`,
    filler(60),
    `${filler(40)} 城4243 ${filler(10)}`,
  ]);

  it('activates from 10,000 entries in a few milliseconds per turn', () => {
    const compiled = compileLore(entries);
    const counter = new TokenCounter();
    const input = { messages, turn: 3, budget: 2000, counter };
    for (let i = 0; i < 20; i++) activateLore(compiled, input);
    const times: number[] = [];
    let result = activateLore(compiled, input);
    for (let i = 0; i < 50; i++) {
      const cpu = cpuStopwatch();
      result = activateLore(compiled, input);
      times.push(cpu());
    }
    times.sort((a, b) => a - b);
    const ids = result.active.map((e) => e.id);
    expect(ids).toContain('e4244');
    expect(ids).toContain('e4243');
    // The target is 2 ms on a quiet machine; the bound leaves room for a busy CI core.
    expect(times[25]).toBeLessThan(10);
  });
});
