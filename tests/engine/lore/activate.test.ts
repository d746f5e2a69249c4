import { describe, expect, it } from 'vitest';
import { activateLore, compileLore } from '../../../src/engine/lore/index.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { LoreEntry } from '../../../src/world/types.js';
import { entry, story } from './helpers.js';

const counter = new TokenCounter();

function run(
  entries: LoreEntry[],
  texts: string[],
  options: { turn?: number; budget?: number; scanDepth?: number; maxRecursionSteps?: number } = {},
) {
  return activateLore(compileLore(entries), {
    messages: story(texts),
    turn: options.turn ?? 5,
    budget: options.budget ?? 10_000,
    counter,
    scanDepth: options.scanDepth,
    maxRecursionSteps: options.maxRecursionSteps,
  });
}
const ids = (result: { active: LoreEntry[] }) => result.active.map((e) => e.id);

describe('lore keys', () => {
  it('matches case-insensitively by default and case-sensitively when asked', () => {
    const loose = entry('loose', { keys: ['wren'] });
    const strict = entry('strict', { keys: ['wren'], caseSensitive: true });
    expect(ids(run([loose, strict], ['Wren waits.']))).toEqual(['loose']);
    expect(ids(run([loose, strict], ['wren waits.'])).sort()).toEqual(['loose', 'strict']);
  });

  it('matches whole words unless wholeWords is false', () => {
    const whole = entry('whole', { keys: ['mill'] });
    const part = entry('part', { keys: ['mill'], wholeWords: false });
    expect(ids(run([whole, part], ['The miller sleeps.']))).toEqual(['part']);
    expect(ids(run([whole, part], ['The mill sleeps.'])).sort()).toEqual(['part', 'whole']);
  });

  it('matches multi-word phrases across extra whitespace but not across punctuation', () => {
    const phrase = entry('phrase', { keys: ['mill town'] });
    expect(ids(run([phrase], ['A cold\n  mill   town.']))).toEqual(['phrase']);
    expect(ids(run([phrase], ['The mill, town hall.']))).toEqual([]);
  });

  it('supports /regex/flags keys', () => {
    const glow = entry('glow', { keys: ['/glow ?worms?/i'] });
    expect(ids(run([glow], ['A GLOW WORM drifts.']))).toEqual(['glow']);
    expect(ids(run([glow], ['A glimmer.']))).toEqual([]);
    const sensitive = entry('sensitive', { keys: ['/^Oath$/m'] });
    expect(ids(run([sensitive], ['oath']))).toEqual([]);
    expect(ids(run([sensitive], ['Oath']))).toEqual(['sensitive']);
  });

  it('matches Chinese keys as substrings, and Latin names inside Chinese text', () => {
    const wheel = entry('wheel', { keys: ['水车'] });
    const wren = entry('wren', { keys: ['Wren'] });
    const result = run([wheel, wren], ['你回到磨坊，水车停了三天。我叫Wren。']);
    expect(ids(result).sort()).toEqual(['wheel', 'wren']);
    expect(result.fired.find((f) => f.id === 'wheel')?.excerpt).toContain('水车停了');
  });

  it('never activates disabled entries, always activates constants', () => {
    const off = entry('off', { keys: ['wheel'], enabled: false });
    const always = entry('always', { constant: true });
    const offConstant = entry('off-constant', { constant: true, enabled: false });
    const result = run([off, always, offConstant], ['The wheel turns.']);
    expect(ids(result)).toEqual(['always']);
    expect(result.fired[0].key).toBe('constant');
  });
});

describe('secondary keys', () => {
  const text = ['The wheel stopped at dusk.'];
  const make = (logic: LoreEntry['selectiveLogic']) =>
    entry(logic, { keys: ['wheel'], secondary: ['stopped', 'broken'], selectiveLogic: logic });
  it('and_any needs one of them', () => {
    expect(ids(run([make('and_any')], text))).toEqual(['and_any']);
    expect(ids(run([make('and_any')], ['The wheel turns.']))).toEqual([]);
  });
  it('and_all needs all of them', () => {
    expect(ids(run([make('and_all')], text))).toEqual([]);
    expect(ids(run([make('and_all')], ['The wheel stopped, broken.']))).toEqual(['and_all']);
  });
  it('not_any needs none of them', () => {
    expect(ids(run([make('not_any')], text))).toEqual([]);
    expect(ids(run([make('not_any')], ['The wheel turns.']))).toEqual(['not_any']);
  });
  it('not_all needs at least one missing', () => {
    expect(ids(run([make('not_all')], text))).toEqual(['not_all']);
    expect(ids(run([make('not_all')], ['The wheel stopped, broken.']))).toEqual([]);
  });
});

describe('decorators', () => {
  it('exclude keys keep a matching entry out and say why', () => {
    const e = entry('ghost', { keys: ['daughter'], excludeKeys: ['alive'] });
    expect(ids(run([e], ['The daughter is gone.']))).toEqual(['ghost']);
    const result = run([e], ['The daughter is alive.']);
    expect(ids(result)).toEqual([]);
    expect(result.suppressed[0]).toMatchObject({ id: 'ghost', reason: 'excluded' });
    expect(result.suppressed[0].excerpt).toContain('alive');
  });

  it('activateOnlyAfter fires only when turn > N', () => {
    const e = entry('late', { keys: ['wheel'], activateOnlyAfter: 3 });
    expect(ids(run([e], ['wheel'], { turn: 3 }))).toEqual([]);
    expect(ids(run([e], ['wheel'], { turn: 4 }))).toEqual(['late']);
  });

  it('activateOnlyEvery fires only when turn % N === 0', () => {
    const e = entry('rhythm', { constant: true, activateOnlyEvery: 3 });
    expect(ids(run([e], ['x'], { turn: 4 }))).toEqual([]);
    expect(ids(run([e], ['x'], { turn: 6 }))).toEqual(['rhythm']);
  });

  it('scans the default depth of 4 messages and honours a per-entry depth', () => {
    const texts = ['The wheel creaks.', 'a', 'b', 'c', 'd'];
    const shallow = entry('shallow', { keys: ['wheel'] });
    const deep = entry('deep', { keys: ['wheel'], scanDepth: 5 });
    const newestOnly = entry('newest', { keys: ['d'], scanDepth: 1 });
    expect(ids(run([shallow, deep, newestOnly], texts)).sort()).toEqual(['deep', 'newest']);
    expect(ids(run([shallow], texts, { scanDepth: 5 }))).toEqual(['shallow']);
    expect(ids(run([entry('older', { keys: ['c'], scanDepth: 1 })], texts))).toEqual([]);
  });
});

describe('decorators in the text (V3 cards)', () => {
  it('applies @@ decorators the fields leave unset and keeps them out of the prompt text', () => {
    const e = entry('card', {
      keys: ['wheel'],
      text: '@@activate_only_after 2\n@@exclude_keys alive, saved\n@@additional_keys sluice\nThe wheel waits for her.',
    });
    expect(ids(run([e], ['the wheel'], { turn: 2 }))).toEqual([]);
    const later = run([e], ['the sluice'], { turn: 3 });
    expect(ids(later)).toEqual(['card']);
    expect(later.active[0].text).toBe('The wheel waits for her.');
    expect(ids(run([e], ['the wheel, saved'], { turn: 3 }))).toEqual([]);
    const quiet = entry('quiet', { keys: ['wheel'], text: '@@dont_activate\nNever by key.' });
    expect(ids(run([quiet], ['the wheel']))).toEqual([]);
  });
});

describe('selection', () => {
  it('fills the lore budget by priority and reports what was cut', () => {
    const big = entry('big', { keys: ['wheel'], priority: 1, text: 'word '.repeat(50) });
    const top = entry('top', { keys: ['wheel'], priority: 9, text: 'The wheel is older than the town.' });
    const small = entry('small', { keys: ['wheel'], priority: 0, text: 'Small.' });
    const topTokens = counter.count(top.text);
    const result = run([big, top, small], ['the wheel'], { budget: topTokens + counter.count(small.text) });
    expect(ids(result)).toEqual(['top', 'small']);
    expect(result.cut.map((c) => c.id)).toEqual(['big']);
    expect(result.cut[0].key).toBe('wheel');
    expect(result.cut[0].tokens).toBe(counter.count(big.text));
  });

  it('keeps only the highest-priority entry of a group', () => {
    const a = entry('a', { keys: ['wheel'], group: 'g', priority: 1 });
    const b = entry('b', { keys: ['wheel'], group: 'g', priority: 5 });
    const result = run([a, b], ['the wheel']);
    expect(ids(result)).toEqual(['b']);
    expect(result.suppressed).toEqual([expect.objectContaining({ id: 'a', reason: 'group' })]);
  });

  it('follows recursion from active entries until a pass adds nothing, or for maxRecursionSteps scans', () => {
    const first = entry('first', { keys: ['wheel'], text: 'The wheel was built by the Guild.' });
    const second = entry('second', { keys: ['guild'], text: 'The Guild answers to the Abbot.' });
    const third = entry('third', { keys: ['abbot'], text: 'The Abbot is blind.' });
    expect(ids(run([first, second, third], ['The wheel stopped.'])).sort()).toEqual(['first', 'second', 'third']);
    expect(ids(run([first, second, third], ['The wheel stopped.'], { maxRecursionSteps: 3 })).sort()).toEqual(['first', 'second', 'third']);
    expect(ids(run([first, second, third], ['The wheel stopped.'], { maxRecursionSteps: 1 }))).toEqual(['first']);
    const result = run([first, second, third], ['The wheel stopped.'], { maxRecursionSteps: 2 });
    expect(ids(result).sort()).toEqual(['first', 'second']);
    const firing = result.fired.find((f) => f.id === 'second');
    expect(firing?.key).toBe('recursion:first');
    expect(firing?.excerpt).toContain('Guild');
  });

  it('recursion can reach an entry whose key was in the story but too deep for it', () => {
    const first = entry('first', { keys: ['wheel'], text: 'The Guild built it.' });
    const guild = entry('guild', { keys: ['guild'], scanDepth: 1 });
    const result = run([first, guild], ['The guild hall.', 'The wheel.']);
    expect(result.fired.find((f) => f.id === 'guild')?.key).toBe('recursion:first');
  });

  it('recursion sees each active text on its own lines', () => {
    const a = entry('a', { keys: ['wheel'], text: 'Oath', priority: 2 });
    const b = entry('b', { keys: ['wheel'], text: 'Keeper', priority: 1 });
    const anchored = entry('anchored', { keys: ['/^Keeper$/m'], text: 'Found.' });
    const result = run([a, b, anchored], ['The wheel.']);
    expect(result.fired.find((f) => f.id === 'anchored')).toMatchObject({ key: 'recursion:b', excerpt: 'Keeper' });
  });

  it('explains which key matched in which message', () => {
    const e = entry('wheel', { keys: ['stone', 'wheel'] });
    const messages = story(['The opening.', 'I look at the wheel by the river.', 'Wren shrugs.']);
    const result = activateLore(compileLore([e]), { messages, turn: 2, budget: 1000, counter });
    expect(result.fired[0]).toMatchObject({ id: 'wheel', key: 'wheel', turn: 1 });
    expect(result.fired[0].excerpt).toContain('look at the wheel by the river');
    expect(result.fired[0].tokens).toBe(counter.count(e.text));
  });
});
