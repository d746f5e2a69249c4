import { describe, expect, it } from 'vitest';
import { activateLore, compileLore } from '../../../src/engine/lore/index.js';
import { hashSeed, seededRandom } from '../../../src/engine/random.js';
import { TokenCounter } from '../../../src/engine/tokens.js';
import type { LoreEntry } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { collect, newSession } from '../session/helpers.js';
import { scriptedProvider } from '../session/scripted-provider.js';
import { entry, story } from './helpers.js';
import { worldInfoEntryDraft } from '../../../src/world/import/lore-entries.js';
import { packToCard } from '../../../src/world/export/card.js';

const counter = new TokenCounter();

/** One activation at `turn` with a roll seeded per turn, as the session does. */
function at(entries: LoreEntry[], texts: string[], turn: number, extra: { lastFired?: Map<string, number> } = {}) {
  return activateLore(compileLore(entries), {
    messages: story(texts),
    turn,
    budget: 10_000,
    counter,
    random: seededRandom(hashSeed(7, 'lore', turn)),
    ...extra,
  });
}
const fired = (r: { active: LoreEntry[] }) => r.active.map((e) => e.id);

/** Four standard deviations either side of the mean of a binomial: a seeded run lands inside. */
function binomialBounds(n: number, p: number): [number, number] {
  const sd = Math.sqrt(n * p * (1 - p));
  return [n * p - 4 * sd, n * p + 4 * sd];
}

describe('World Info: probability and groups', () => {
  it('an entry at 10% fires about one matched turn in ten, within binomial bounds', () => {
    const rare = entry('rare', { keys: ['wheel'], probability: 10 });
    const turns = 400;
    let count = 0;
    for (let turn = 1; turn <= turns; turn++) if (fired(at([rare], ['The wheel turns.'], turn)).includes('rare')) count++;
    const [lo, hi] = binomialBounds(turns, 0.1);
    expect(count).toBeGreaterThanOrEqual(lo);
    expect(count).toBeLessThanOrEqual(hi);
  });

  it('a failed roll is reported with its roll', () => {
    const never = entry('never', { keys: ['wheel'], probability: 0 });
    const result = at([never], ['The wheel turns.'], 3);
    expect(fired(result)).toEqual([]);
    expect(result.suppressed).toEqual([
      expect.objectContaining({ id: 'never', reason: 'probability', excerpt: expect.stringMatching(/^rolled \d+ against 0%$/) }),
    ]);
  });

  it('a group draws one member, weighted by groupWeight', () => {
    const heavy = entry('heavy', { keys: ['wheel'], group: 'mill', groupWeight: 300 });
    const light = entry('light', { keys: ['wheel'], group: 'mill', priority: 50 });
    const turns = 400;
    let heavyWins = 0;
    for (let turn = 1; turn <= turns; turn++) {
      const result = at([heavy, light], ['The wheel turns.'], turn);
      expect(result.active).toHaveLength(1);
      if (fired(result)[0] === 'heavy') heavyWins++;
      expect(result.suppressed.map((s) => s.reason)).toEqual(['group']);
    }
    // 300 against 100: three wins in four, although `light` has the higher priority.
    const [lo, hi] = binomialBounds(turns, 0.75);
    expect(heavyWins).toBeGreaterThanOrEqual(lo);
    expect(heavyWins).toBeLessThanOrEqual(hi);
  });

  it('groupOverride picks by priority; groupScoring draws only among the best-matching members', () => {
    const low = entry('low', { keys: ['wheel'], group: 'mill', groupOverride: true, priority: 1, groupWeight: 1000 });
    const high = entry('high', { keys: ['wheel'], group: 'mill', priority: 9 });
    for (let turn = 1; turn <= 20; turn++) expect(fired(at([low, high], ['The wheel turns.'], turn))).toEqual(['high']);

    const broad = entry('broad', { keys: ['wheel', 'river', 'mill'], group: 'g', groupScoring: true, groupWeight: 1 });
    const narrow = entry('narrow', { keys: ['wheel'], group: 'g', groupWeight: 1000 });
    for (let turn = 1; turn <= 20; turn++)
      expect(fired(at([broad, narrow], ['The wheel of the mill by the river.'], turn))).toEqual(['broad']);
  });

  it('members of several groups (comma-separated) close each of them', () => {
    const both = entry('both', { keys: ['wheel'], group: 'a, b', groupOverride: true, priority: 5 });
    const inA = entry('in-a', { keys: ['wheel'], group: 'a' });
    const inB = entry('in-b', { keys: ['wheel'], group: 'b' });
    expect(fired(at([both, inA, inB], ['The wheel.'], 1))).toEqual(['both']);
  });
});

describe('World Info: recursion', () => {
  const opener = entry('opener', { keys: ['wheel'], text: 'The miller keeps the ledger.' });
  it("preventRecursion keeps an entry's text from activating others", () => {
    const ledger = entry('ledger', { keys: ['ledger'] });
    expect(fired(at([opener, ledger], ['The wheel.'], 1)).sort()).toEqual(['ledger', 'opener']);
    expect(fired(at([{ ...opener, preventRecursion: true }, ledger], ['The wheel.'], 1))).toEqual(['opener']);
  });

  it('excludeRecursion entries fire only from the story; delayUntilRecursion ones only in a recursion pass', () => {
    const excluded = entry('ledger', { keys: ['ledger'], excludeRecursion: true });
    expect(fired(at([opener, excluded], ['The wheel.'], 1))).toEqual(['opener']);
    expect(fired(at([opener, excluded], ['The wheel and the ledger.'], 1)).sort()).toEqual(['ledger', 'opener']);
    const delayed = entry('ledger', { keys: ['ledger', 'wheel'], delayUntilRecursion: true });
    // Alone, its key in the story is not enough: no entry fired, so no recursion pass is made.
    expect(fired(at([delayed], ['The wheel.'], 1))).toEqual([]);
    // Once another entry fired there is one, and it scans the story too (SillyTavern's buffer holds
    // the messages and the entries' texts).
    expect(fired(at([entry('plain', { keys: ['wheel'] }), delayed], ['The wheel.'], 1)).sort()).toEqual(['ledger', 'plain']);
    expect(fired(at([opener, delayed], ['The wheel.'], 1)).sort()).toEqual(['ledger', 'opener']);
  });

  it('delayUntilRecursion levels: a level-2 entry waits for the pass after level 1 added nothing', () => {
    const one = entry('one', { keys: ['ledger'], delayUntilRecursion: 1, text: 'The lantern is lit.' });
    const two = entry('two', { keys: ['wheel'], delayUntilRecursion: 2, text: 'Nothing more.' });
    const lantern = entry('lantern', { keys: ['lantern'], text: 'Oil.' });
    const found = at([opener, one, two, lantern], ['The wheel.'], 1);
    expect(fired(found).sort()).toEqual(['lantern', 'one', 'opener', 'two']);
    // With three scans (story, level 1, lantern from it) the level-2 pass never comes.
    const capped = activateLore(compileLore([opener, one, two, lantern]), {
      messages: story(['The wheel.']),
      turn: 1,
      budget: 10_000,
      counter,
      maxRecursionSteps: 3,
    });
    expect(fired(capped).sort()).toEqual(['lantern', 'one', 'opener']);
  });
});

describe('World Info: generation triggers and match sources', () => {
  const wheel = entry('wheel', { keys: ['wheel'] });
  const onSwipe = entry('swipe-only', { keys: ['wheel'], triggers: ['swipe', 'regenerate'] });
  it('an entry with triggers fires only on those generations (normal when none is said)', () => {
    const run = (trigger?: 'normal' | 'swipe' | 'regenerate' | 'continue') =>
      fired(activateLore(compileLore([wheel, onSwipe]), { messages: story(['The wheel.']), turn: 1, budget: 10_000, counter, trigger }));
    expect(run()).toEqual(['wheel']);
    expect(run('continue')).toEqual(['wheel']);
    expect(run('swipe').sort()).toEqual(['swipe-only', 'wheel']);
    expect(run('regenerate').sort()).toEqual(['swipe-only', 'wheel']);
  });

  it('matchSources: keys found in the persona or the scenario fire only the entries that read them', () => {
    const persona = entry('scar', { keys: ['scar'], matchSources: ['persona'], text: 'Old wound.' });
    const scenario = entry('siege', { keys: ['siege'], matchSources: ['scenario'], text: 'Walls.' });
    const storyOnly = entry('scar-story', { keys: ['scar'], text: 'Told tale.' });
    const run = (sources?: Partial<Record<'persona' | 'scenario', string>>) =>
      activateLore(compileLore([persona, scenario, storyOnly]), {
        messages: story(['Hello.']),
        turn: 1,
        budget: 10_000,
        counter,
        sources,
      });
    expect(fired(run())).toEqual([]);
    const result = run({ persona: 'A scar runs down her cheek.', scenario: 'The siege is in its third week.' });
    expect(fired(result).sort()).toEqual(['scar', 'siege']);
    expect(result.fired.find((f) => f.id === 'scar')?.excerpt).toContain('scar runs down');
    // The persona is not the scenario: each entry reads the texts it names.
    expect(fired(run({ persona: 'The siege.', scenario: 'A scar.' }))).toEqual([]);
  });
});

/** Plays `turns` turns in a pack with `lore`, every message naming the wheel; returns the ids fired at each turn. */
async function firedPerTurn(lore: LoreEntry[], turns: number, inputs: (turn: number) => string = () => 'I look at the wheel.') {
  const pack = miniPack({ lore });
  const { session } = await newSession({
    pack,
    candidates: 1,
    provider: scriptedProvider({ text: (turn) => `Reply ${turn}. "What now?"` }),
    seed: 11,
  });
  const out: string[][] = [];
  for (let turn = 1; turn <= turns; turn++) {
    await collect(session.play({ text: inputs(turn) }));
    out.push(session.turns()[turn - 1].prompt.loreFired.map((f) => (f.key === 'sticky' ? `${f.id}(sticky)` : f.id)));
  }
  return { out, session };
}

describe('World Info over a story (counted in messages, two a turn)', () => {
  it('cooldown: a cooldown-5 entry named every turn rests two turns after each firing', async () => {
    const { out } = await firedPerTurn([entry('wheel', { keys: ['wheel'], cooldown: 5 })], 10);
    expect(out.map((ids) => ids.includes('wheel'))).toEqual([true, false, false, true, false, false, true, false, false, true]);
  });

  it('sticky: an entry named once stays for its span, then goes', async () => {
    const { out } = await firedPerTurn([entry('bell', { keys: ['bell'], sticky: 6 })], 5, (turn) =>
      turn === 1 ? 'I ring the bell.' : 'I wait.',
    );
    expect(out).toEqual([['bell'], ['bell(sticky)'], ['bell(sticky)'], [], []]);
  });

  it('sticky then cooldown: held, then resting, then free again', async () => {
    const { out } = await firedPerTurn([entry('wheel', { keys: ['wheel'], sticky: 4, cooldown: 4 })], 6);
    // Fired at 2 messages: held while under 6, resting while under 10, free at 10.
    expect(out).toEqual([['wheel'], ['wheel(sticky)'], [], [], ['wheel'], ['wheel(sticky)']]);
  });

  it('delay: nothing before the story has that many messages', async () => {
    const { out, session } = await firedPerTurn([entry('wheel', { keys: ['wheel'], delay: 6 })], 4);
    expect(out.map((ids) => ids.includes('wheel'))).toEqual([false, false, true, true]);
    expect(session.turns()[0].prompt.loreSkipped).toEqual([expect.objectContaining({ id: 'wheel', reason: 'delay' })]);
  });

  it('probability rolls come from the story seed: the same seed fires the same turns', async () => {
    const lore = [entry('half', { keys: ['wheel'], probability: 50 })];
    const first = (await firedPerTurn(lore, 12)).out;
    const second = (await firedPerTurn(lore, 12)).out;
    expect(second).toEqual(first);
    expect(new Set(first.map((ids) => ids.length))).toEqual(new Set([0, 1]));
  });
});

describe('World Info: where the text goes', () => {
  it("before or after the characters, at a depth with a role, and in the author's note slot", async () => {
    const lore = [
      entry('before', { keys: ['wheel'], text: 'BEFORE-CHARACTERS', position: 'before_characters' }),
      entry('after', { keys: ['wheel'], text: 'AFTER-CHARACTERS' }),
      entry('deep', { keys: ['wheel'], text: 'AT-DEPTH-0', position: 'depth', depth: 0, role: 'user' }),
      entry('two', { keys: ['wheel'], text: 'AT-DEPTH-2', position: 'depth', depth: 2 }),
      entry('note', { keys: ['wheel'], text: 'NOTE-BOTTOM', position: 'authors_note_bottom' }),
      entry('note-top', { keys: ['wheel'], text: 'NOTE-TOP', position: 'authors_note_top' }),
    ];
    const provider = scriptedProvider();
    const { session } = await newSession({ pack: miniPack({ lore }), candidates: 1, provider, seed: 3 });
    for (const text of ['I look around.', 'I knock.', 'I look at the wheel.']) await collect(session.play({ text }));
    const messages = provider.requests[2].candidates[0].messages;
    const system = messages[0].content;
    const wren = system.indexOf('Wren Alder');
    expect(system.indexOf('BEFORE-CHARACTERS')).toBeGreaterThan(-1);
    expect(system.indexOf('BEFORE-CHARACTERS')).toBeLessThan(wren);
    expect(system.indexOf('AFTER-CHARACTERS')).toBeGreaterThan(wren);
    expect(system).not.toMatch(/AT-DEPTH|NOTE-/);
    // The chat: opening, 2 turns (4 messages), the new input; then the directive.
    const chat = messages.slice(1, -1);
    const indexOf = (text: string) => chat.findIndex((m) => m.content.includes(text));
    const last = chat.length - 1;
    expect(chat[last]).toMatchObject({ role: 'user', content: 'AT-DEPTH-0' });
    expect(chat[last - 1].content).toBe('I look at the wheel.');
    expect(indexOf('AT-DEPTH-2')).toBe(last - 3);
    expect(chat[indexOf('AT-DEPTH-2')].role).toBe('system');
    // The author's note slot, four messages from the end: top before bottom, in one system message.
    expect(chat[indexOf('NOTE-TOP')].content).toBe('NOTE-TOP\nNOTE-BOTTOM');
    expect(chat.slice(indexOf('NOTE-TOP') + 1).filter((m) => !/AT-DEPTH/.test(m.content))).toHaveLength(4);
    // Their tokens count as lore.
    const diagnostics = session.turns()[2].prompt;
    expect(diagnostics.breakdown.lore).toBeGreaterThan(0);
    expect(diagnostics.lore.sort()).toEqual(['after', 'before', 'deep', 'note', 'note-top', 'two']);
  });
});

describe('World Info: ignoreBudget', () => {
  // Made for the test: the real lorebook fixture (Eldoria) predates the field.
  it('an entry that ignores the budget fires when the budget is spent, and spends none of it', () => {
    const long = 'The wheel has turned for three hundred years, and the town has grown around it like moss. '.repeat(4);
    const big = entry('big', { keys: ['wheel'], text: long, priority: 9 });
    const free = entry('free', { keys: ['wheel'], text: 'The miller is gone.', priority: 1, ignoreBudget: true });
    const small = entry('small', { keys: ['wheel'], text: 'The mill is cold.', priority: 5 });
    const budget = counter.count(long);
    const result = activateLore(compileLore([big, free, small]), { messages: story(['The wheel turns.']), turn: 1, budget, counter });
    expect(fired(result)).toEqual(['big', 'free']);
    expect(result.cut.map((c) => c.id)).toEqual(['small']);
  });

  it('is read from a World Info export, with no warning', () => {
    const warnings: string[] = [];
    const draft = worldInfoEntryDraft({ uid: 1, key: ['wheel'], content: 'x', comment: 'Wheel', ignoreBudget: true }, '1', warnings);
    expect(draft.entry.ignoreBudget).toBe(true);
    expect(warnings).toEqual([]);
  });
});

describe("World Info: the scene's characters (SillyTavern's characterFilter)", () => {
  // Made for the test: neither real fixture's lorebook filters by character.
  it('onlyWith fires while one of its characters is in the scene, notWith stays out then; each said in the debug pane', async () => {
    const lore = [
      entry('wren-only', { constant: true, text: 'WREN-ONLY', onlyWith: ['wren'] }),
      entry('ilsa-only', { constant: true, text: 'ILSA-ONLY', onlyWith: ['Ilsa Morrow'] }),
      entry('not-wren', { constant: true, text: 'NOT-WREN', notWith: ['wren alder', 'Ilsa Morrow'] }),
      entry('anyone', { constant: true, text: 'ANYONE' }),
    ];
    const provider = scriptedProvider();
    const { session } = await newSession({ pack: miniPack({ lore }), candidates: 1, provider, seed: 3 });
    await collect(session.play({ text: 'I look around.' }));
    const system = provider.requests[0].candidates[0].messages[0].content;
    expect(system).toContain('WREN-ONLY');
    expect(system).toContain('ANYONE');
    expect(system).not.toMatch(/ILSA-ONLY|NOT-WREN/);
    expect(session.turns()[0].prompt.loreSkipped).toEqual([
      expect.objectContaining({ id: 'ilsa-only', reason: 'excluded', excerpt: 'only with Ilsa Morrow in the scene' }),
      expect.objectContaining({ id: 'not-wren', reason: 'excluded', excerpt: 'not with wren alder in the scene' }),
    ]);
  });

  it('without a scene every entry may fire; a World Info characterFilter is read as onlyWith or notWith and exported back', () => {
    const only = entry('only', { constant: true, onlyWith: ['Ilsa'] });
    expect(fired(activateLore(compileLore([only]), { messages: story(['x']), turn: 1, budget: 1000, counter }))).toEqual(['only']);
    expect(fired(activateLore(compileLore([only]), { messages: story(['x']), turn: 1, budget: 1000, counter, present: ['ilsa'] }))).toEqual(
      ['only'],
    );

    const warnings: string[] = [];
    const raw = {
      uid: 1,
      key: ['mill'],
      content: 'x',
      comment: 'Mill',
      characterFilter: { isExclude: true, names: ['Seraphina'], tags: ['t1'] },
    };
    expect(worldInfoEntryDraft(raw, '1', warnings).entry).toMatchObject({ notWith: ['Seraphina'] });
    expect(worldInfoEntryDraft({ ...raw, characterFilter: { names: ['Seraphina'] } }, '2', []).entry).toMatchObject({
      onlyWith: ['Seraphina'],
    });
    expect(warnings).toEqual([
      'lore "Mill": kept out for Seraphina (SillyTavern\'s character filter, by card file name): skald reads it as the name or id of a character in the scene',
      'lore "Mill": its character filter\'s tags are your SillyTavern\'s own; skald has no character tags and leaves them out',
    ]);
    const card = packToCard(miniPack({ lore: [entry('mill', { keys: ['mill'], notWith: ['Seraphina'] })] }));
    const book = (card.data as unknown as { character_book: { entries: Array<{ extensions: Record<string, unknown> }> } }).character_book;
    expect(book.entries[0].extensions.character_filter).toEqual({ isExclude: true, names: ['Seraphina'], tags: [] });
  });
});

describe('World Info import: match sources, triggers and recursion levels', () => {
  it('are read from a World Info entry and written back to a card', () => {
    const warnings: string[] = [];
    const raw = {
      uid: 3,
      key: ['scar'],
      content: 'Old wound.',
      comment: 'Scar',
      matchPersonaDescription: true,
      matchScenario: true,
      matchCreatorNotes: false,
      triggers: ['swipe', 'regenerate', 'sideways'],
      delayUntilRecursion: 2,
    };
    const { entry: read } = worldInfoEntryDraft(raw, '3', warnings);
    expect(read).toMatchObject({ matchSources: ['persona', 'scenario'], triggers: ['swipe', 'regenerate'], delayUntilRecursion: 2 });
    expect(warnings).toEqual(['lore "Scar": its triggers "sideways" are not generation types skald knows; left out']);
    const card = packToCard(miniPack({ lore: [entry('scar', { ...read })] }));
    const book = (card.data as unknown as { character_book: { entries: Array<{ extensions: Record<string, unknown> }> } }).character_book;
    expect(book.entries[0].extensions).toMatchObject({
      match_persona_description: true,
      match_scenario: true,
      triggers: ['swipe', 'regenerate'],
      delay_until_recursion: 2,
    });
  });
});
