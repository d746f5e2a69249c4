/**
 * Lore activation per turn with 100, 1,000 and 10,000 generated entries, against the simplest
 * possible scan: `String.prototype.includes` of every key over the same (lower-cased) text.
 */
import { activateLore, compileLore } from '../src/engine/lore/index.js';
import { seededRandom } from '../src/engine/random.js';
import { TokenCounter } from '../src/engine/tokens.js';
import type { StoryMessage } from '../src/engine/types.js';
import type { LoreEntry } from '../src/world/types.js';
import { keep, timePerCall, type BenchRow } from './lib.js';

const SYLLABLES = [
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
const COMMON = 'the lantern swung over dark water and she listened closely while the mill wheel turned slowly'.split(' ');

function entries(n: number, random: () => number): LoreEntry[] {
  const word = () =>
    Array.from({ length: 3 + Math.floor(random() * 2) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
  return Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    // Two plain keys each, a phrase among them; a few regex keys, as real lorebooks have.
    keys: [word(), `${word()} ${word()}`, ...(i % 250 === 0 ? [`/${word()}s?/i`] : [])],
    secondary: i % 3 === 0 ? [word()] : [],
    selectiveLogic: 'and_any' as const,
    text: `Entry ${i}: ${Array.from({ length: 30 }, () => COMMON[Math.floor(random() * COMMON.length)]).join(' ')}.`,
    constant: i % 500 === 0,
    priority: i % 10,
    enabled: true,
    caseSensitive: false,
    wholeWords: true,
    excludeKeys: i % 7 === 0 ? [word()] : [],
  }));
}

/** A turn's recent story: six messages of ~80 words (four are scanned), a few lore keys planted in each. */
function story(keys: string[], random: () => number): StoryMessage[] {
  const message = () => {
    const words = Array.from({ length: 80 }, () => COMMON[Math.floor(random() * COMMON.length)]);
    for (let j = 0; j < 3; j++) words.splice(Math.floor(random() * words.length), 0, keys[Math.floor(random() * keys.length)]);
    return words.join(' ');
  };
  return Array.from({ length: 6 }, (_, i) => ({ role: i % 2 ? 'player' : 'narrator', text: message(), turn: Math.ceil(i / 2) }));
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [100, 1_000, 10_000]) {
    const random = seededRandom(n);
    const lore = entries(n, random);
    const keys = lore.flatMap((e) => e.keys.filter((k) => !k.startsWith('/')));
    const messages = story(keys, random);
    const compiled = compileLore(lore);
    const counter = new TokenCounter();
    // Each turn brings a new message: rotate through more newest messages than the text cache
    // holds, so the newest one is always scanned afresh, as in play.
    const fresh = story(keys, random)
      .concat(story(keys, random))
      .concat(...Array.from({ length: 40 }, () => story(keys, random)));
    let k = 0;
    const inputFor = () => ({
      messages: [...messages.slice(0, -1), { ...messages[messages.length - 1], text: fresh[k++ % fresh.length].text }],
      turn: 3,
      budget: 1500,
      counter,
    });
    const perTurn = timePerCall(() => activateLore(compiled, inputFor()), { batch: 5, rounds: 40, warmup: 4 });
    const fired = activateLore(compiled, inputFor()).active.length;

    // Baseline: what a naive client does, every key against the lower-cased recent text.
    const plainKeys = lore
      .flatMap((e) => [...e.keys, ...e.secondary, ...e.excludeKeys])
      .filter((k) => !k.startsWith('/'))
      .map((k) => k.toLowerCase());
    const recent = messages.slice(-4).map((m) => m.text);
    const baseline = timePerCall(
      () => {
        let found = 0;
        const texts = recent.map((t) => t.toLowerCase());
        for (const key of plainKeys) for (const t of texts) if (t.includes(key)) found++;
        return found;
      },
      { batch: 5, rounds: 40, warmup: 4 },
    );
    keep(fired);
    rows.push({
      suite: 'lore',
      metric: `activation per turn, ${n.toLocaleString('en')} entries`,
      value: perTurn,
      unit: 'ms',
      baseline: { label: 'includes() of every key', value: baseline, unit: 'ms' },
      ratio: perTurn / baseline,
      ...(n === 10_000 ? { target: '< 2 ms', met: perTurn < 2 } : {}),
      note:
        n === 10_000
          ? `${plainKeys.length} plain keys; 4 messages of ~80 words scanned, the newest one new each turn; ${fired} entries fired`
          : undefined,
    });
    // Compiling happens once per pack, at start or resume: reported so it is not hidden.
    const compileMs = timePerCall(() => compileLore(lore), { batch: 1, rounds: 5, warmup: 1 });
    rows.push({
      suite: 'lore',
      metric: `compile once per pack, ${n.toLocaleString('en')} entries`,
      value: compileMs,
      unit: 'ms',
      baseline: { label: 'one activation', value: perTurn, unit: 'ms' },
      ratio: compileMs / perTurn,
    });
  }
  return rows;
}
