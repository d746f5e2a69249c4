import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCard } from '../../src/world/import/index.js';
import { ImportError } from '../../src/world/import/errors.js';
import { detectLanguage } from '../../src/world/import/text.js';
import { loadPack } from '../../src/world/load.js';
import { packToYaml } from '../../src/world/serialize.js';
import { validatePack } from '../../src/world/validate.js';
import { tempDir, v2Card } from './helpers.js';

async function cardFile(card: unknown, name = 'card.json'): Promise<string> {
  const dir = await tempDir();
  const path = join(dir, name);
  await writeFile(path, typeof card === 'string' ? card : JSON.stringify(card));
  return path;
}

describe('character cards to packs', () => {
  it('TavernAI V1: flat fields become a valid pack', async () => {
    const { pack, format } = await importCard(
      await cardFile({
        name: 'Old Tom',
        description: 'A ferryman.',
        personality: 'gruff',
        scenario: 'The river at dusk.',
        first_mes: '"Fare?" {{char}} asks {{user}}.',
        mes_example: '<START>{{user}}: hi\n{{char}}: "Hm."',
        creatorcomment: 'An old one.',
        avatar: 'none',
        chat: 'Old Tom - 2023',
        talkativeness: '0.9',
        custom: 'kept',
      }),
    );
    expect(format).toBe('tavernai_v1');
    expect(pack).toMatchObject({
      id: 'old-tom',
      title: 'Old Tom',
      language: 'en',
      setting: 'The river at dusk.',
      player: { name: 'Traveller', open: true, persona: '', relations: {} },
      openings: [{ id: 'first-message', text: '"Fare?" {{char}} asks {{user}}.', characters: ['old-tom'] }],
    });
    expect(pack.characters[0]).toMatchObject({
      id: 'old-tom',
      name: 'Old Tom',
      persona: 'A ferryman.\n\nPersonality: gruff',
      examples: ['{{user}}: hi\n{{char}}: "Hm."'],
    });
    expect(pack.summary).toBe('An old one.');
    expect(pack.characters[0].voice).toBe('Talkative; fills silences readily.');
    expect(pack.extensions).toEqual({
      // SillyTavern's own V1 fields are kept too: an import drops nothing without a word.
      card: {
        custom: 'kept',
        creatorcomment: 'An old one.',
        avatar: 'none',
        chat: 'Old Tom - 2023',
        talkativeness: '0.9',
        originals: {
          description: 'A ferryman.',
          personality: 'gruff',
          scenario: 'The river at dusk.',
          mes_example: '<START>{{user}}: hi\n{{char}}: "Hm."',
        },
      },
    });
    expect(validatePack(pack, 'x').pack).toBeDefined();
  });

  it('V2: every mapped field lands where the format says', async () => {
    const { pack, format, warnings } = await importCard(await cardFile(v2Card()));
    expect(format).toBe('chara_card_v2');
    expect(pack).toMatchObject({
      id: 'mira-vale',
      title: 'Mira Vale',
      version: '2.1',
      authors: ['tester'],
      tags: ['drama', 'sea'],
      rating: 'teen',
      summary: 'A quiet storm story.',
      setting: 'A gale has stranded {{user}} at the lighthouse.',
      // The card's prompts kept whole, {{original}} and all (the prompt builder splices it).
      style: {
        notes: [],
        systemPrompt: '{{original}}\nWrite in a spare, salty style.',
        postHistoryInstructions: 'Keep {{char}} in character.',
      },
    });
    const mira = pack.characters[0];
    expect(mira.persona).toBe('{{char}} is a lighthouse keeper on a storm coast.\n\nPersonality: wry, patient, hides her worry');
    expect(mira.voice).toBe('Speaks sparingly; answers briefly unless drawn out.'); // talkativeness 0.2
    expect(mira.examples).toEqual([
      '{{user}}: Hello?\n{{char}}: "Mind the steps."',
      '{{user}}: Is it safe?\n{{char}}: "Safer than out there."',
    ]);
    expect(pack.openings.map((o) => [o.id, o.text])).toEqual([
      ['first-message', '*The door bangs open.* "In, quickly," {{char}} says.'],
      ['alternate-1', '*The lamp turns.* "You again."'],
      ['alternate-2', '"Tea?"'],
    ]);
    // character_book -> lore
    expect(pack.lore.map((e) => e.id)).toEqual(['the-lamp', 'wreck', 'entry-3', 'draft', 'character-note']);
    const [lamp, wreck, constant, draft] = pack.lore;
    expect(lamp).toMatchObject({
      keys: ['lighthouse', 'lamp'],
      priority: 10,
      selectiveLogic: 'and_any',
      secondary: [],
      caseSensitive: false,
      wholeWords: true,
      enabled: true,
    });
    expect(wreck).toMatchObject({
      keys: ['wreck'],
      secondary: ['night', 'fog'],
      selectiveLogic: 'and_all',
      caseSensitive: true,
      wholeWords: false,
      group: 'ships',
      priority: 5,
    });
    expect(constant).toMatchObject({ constant: true, keys: [], enabled: true });
    expect(draft).toMatchObject({ enabled: false, secondary: [] }); // not selective: its secondary keys never counted
    // The character's note (extensions.depth_prompt) is in play every turn at its depth, as in SillyTavern.
    expect(pack.lore[4]).toMatchObject({ constant: true, keys: [], text: 'remember the sea', position: 'depth', depth: 4, enabled: true });
    expect(warnings).toEqual([]);
  });

  it('keeps unknown extensions (card, book, entry) untouched through a YAML round trip', async () => {
    const { pack } = await importCard(await cardFile(v2Card({ made_up_field: { keep: ['me'] } })));
    const dir = await tempDir({});
    await writeFile(join(dir, 'world.yaml'), packToYaml(pack));
    const loaded = await loadPack(dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const back = loaded.loaded.pack;
    expect(back.characters[0].extensions).toEqual({
      talkativeness: '0.2',
      fav: true,
      depth_prompt: { prompt: 'remember the sea', depth: 4 },
    });
    expect(back.lore[1].extensions).toEqual({
      selectiveLogic: 3,
      match_whole_words: false,
      group: 'ships',
      weird: [1, { x: null }],
      card_entry: { name: 'wreck' },
    });
    expect(back.extensions).toEqual({
      card: { spec: 'chara_card_v2', spec_version: '2.0', made_up_field: { keep: ['me'] }, originals: expect.any(Object) },
      character_book: { name: 'Storm Coast', scan_depth: 3, extensions: { custom_book: { a: 1 } } },
    });
    expect(loaded.loaded.warnings).toEqual([]);
    expect(back).toEqual(pack);
  });

  it('V3: nickname, group-only greetings, regex keys and decorators', async () => {
    const card = v2Card({
      nickname: 'Mir',
      group_only_greetings: ['"All of you, inside."'],
      assets: [{ type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' }],
      character_book: {
        entries: [
          {
            keys: ['storm(s)?'],
            use_regex: true,
            content: '@@activate_only_after 3\n@@activate_only_every 2\n@@depth 4\n@@exclude_keys calm, sunny\nStorms come in threes.',
            enabled: true,
            insertion_order: 1,
            extensions: {},
          },
          {
            keys: ['/bell/i', 'bell tower'],
            content: '@@scan_depth 6\n@@additional_keys chime\nThe bell.',
            enabled: true,
            insertion_order: 2,
            extensions: {},
          },
          { keys: ['(broken'], use_regex: true, content: 'Never fires.', enabled: true, insertion_order: 3, extensions: {} },
        ],
      },
    });
    (card as { spec: string }).spec = 'chara_card_v3';
    const { pack, format, warnings } = await importCard(await cardFile(card));
    expect(format).toBe('chara_card_v3');
    expect(pack.characters[0]).toMatchObject({ nickname: 'Mir', aliases: ['Mir'] });
    const group = pack.openings.find((o) => o.id === 'group-1');
    expect(group).toMatchObject({ title: 'Group greeting 1 (for ensembles)', text: '"All of you, inside."' });
    expect(pack.extensions?.group_only_openings).toEqual(['group-1']);
    expect((pack.extensions?.card as Record<string, unknown>).assets).toEqual([
      { type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' },
    ]);

    const [storm, bell, broken] = pack.lore;
    // `@@depth` is where the text goes (the V3 spec); `@@scan_depth` how far back keys are looked for.
    expect(storm).toMatchObject({
      keys: ['/storm(s)?/i'],
      activateOnlyAfter: 3,
      activateOnlyEvery: 2,
      position: 'depth',
      depth: 4,
      excludeKeys: ['calm', 'sunny'],
    });
    expect(storm.scanDepth).toBeUndefined();
    expect(storm.text).toBe(
      '@@activate_only_after 3\n@@activate_only_every 2\n@@depth 4\n@@exclude_keys calm, sunny\nStorms come in threes.',
    );
    expect(bell).toMatchObject({ keys: ['/bell/i', 'bell tower', 'chime'], scanDepth: 6 });
    expect(bell.depth).toBeUndefined();
    expect(broken).toMatchObject({ keys: [], enabled: false });
    expect(warnings).toEqual([
      'lore "broken": dropped "/(broken/i", not a regular expression that compiles',
      'lore "broken": no keys and not constant, so it could never fire; imported disabled',
    ]);
  });

  it('a Chinese card gives a zh pack with a hashed ASCII id', async () => {
    const { pack } = await importCard(
      await cardFile({
        spec: 'chara_card_v2',
        data: {
          name: '林小雨',
          description: '{{char}}是一位在江南小镇开茶馆的年轻女子，性格温柔，却藏着一段往事。',
          personality: '温柔、细心',
          scenario: '梅雨季节，{{user}}走进了茶馆。',
          first_mes: '"客官，请坐。"她微笑着说。',
          tags: ['slice of life'],
        },
      }),
    );
    expect(pack.language).toBe('zh');
    expect(pack.id).toMatch(/^card-[0-9a-f]{8}$/);
    expect(pack.title).toBe('林小雨');
    expect(pack.characters[0].id).toBe('char');
  });

  it('detects languages from the share of scripts', () => {
    expect(detectLanguage(['A tall woman with 林 tattooed on her arm walks into the bar.'])).toBe('en');
    expect(detectLanguage(['{{char}}是一位老师。{{user}} {{char}} <START>'])).toBe('zh');
    expect(detectLanguage(['彼女は静かに笑った。'])).toBe('ja');
    expect(detectLanguage(['그녀는 조용히 웃었다.'])).toBe('ko');
  });

  it('strips terminal control sequences from card text, and says so', async () => {
    const { pack, warnings } = await importCard(
      await cardFile({ name: 'Evil\u001b[31mRed', description: 'Bad\u001b]0;title\u0007 text', first_mes: 'Hi.' }),
    );
    expect(pack).toMatchObject({ id: 'evilred', title: 'EvilRed', setting: 'Bad text' });
    expect(pack.characters[0].persona).toBe('Bad text');
    expect(warnings).toContain('setting: terminal control characters removed from this text');
  });

  it('a card without a greeting still makes a pack, and says so', async () => {
    const { pack, warnings } = await importCard(await cardFile({ name: 'Quiet', description: 'Says nothing.' }));
    expect(pack.openings).toHaveLength(1);
    expect(pack.setting).toBe('Says nothing.');
    expect(warnings).toContain('the card has no greeting; added a plain opening that lets the story start');
  });

  it('says which SillyTavern card extensions do nothing in skald: a linked lorebook not in the card, Tavern Helper scripts', async () => {
    const card = v2Card();
    const data = card.data as Record<string, unknown>;
    const scripts = [{ scriptName: 'Trim', findRegex: '/x/g', replaceString: '' }];
    const helper = { scripts: [{ type: 'script', enabled: true, name: 'MVU', content: "import 'x.js'" }], variables: {} };
    data.extensions = { ...(data.extensions as object), world: 'Storm Atlas', regex_scripts: scripts, tavern_helper: helper };
    const { pack, warnings } = await importCard(await cardFile(card));
    expect(warnings).toEqual([
      "1 SillyTavern regex script imported as regexScripts: run on the player's input, the model's reply and its reasoning, and lore as the prompt carries it (stored, display-only and prompt-only as in SillyTavern)",
      'the card names the SillyTavern lorebook "Storm Atlas" (extensions.world), which is not inside it; merge that lorebook\'s export with `skald worlds import FILE.json --into <pack folder>`',
      "extensions.tavern_helper (1 Tavern Helper script for SillyTavern's page) is not run by skald",
    ]);
    // Kept as they were, so an export back carries them; the regex scripts became the pack's own (card-regex.test.ts).
    expect(pack.characters[0].extensions).toMatchObject({ world: 'Storm Atlas' });
    expect(pack.regexScripts).toEqual([expect.objectContaining(scripts[0])]);
    // The lorebook the card embeds under the linked name is the linked one: nothing to say.
    data.extensions = { world: 'Storm Coast' };
    expect((await importCard(await cardFile(card))).warnings).toEqual([]);
  });

  it("reads SillyTavern's own card export (use_regex: true on every entry) with plain keys, as SillyTavern matches them", async () => {
    // As SillyTavern's convertWorldInfoToCharacterBook writes an entry: use_regex true, its settings in extensions.
    const entry = (id: number, keys: string[]) => ({
      id,
      keys,
      secondary_keys: [],
      comment: keys[0],
      content: `About ${keys[0]}.`,
      constant: false,
      selective: true,
      insertion_order: 100,
      enabled: true,
      position: 'before_char',
      use_regex: true,
      extensions: {
        position: 0,
        exclude_recursion: false,
        display_index: id,
        probability: 100,
        useProbability: true,
        depth: 4,
        selectiveLogic: 0,
      },
    });
    const card = v2Card({ character_book: { name: 'Terms', entries: [entry(0, ['C++', 'Dr. Who?']), entry(1, ['/harbou?r/i'])] } });
    const { pack, warnings } = await importCard(await cardFile(card));
    expect(pack.lore.slice(0, 2).map((e) => e.keys)).toEqual([['C++', 'Dr. Who?'], ['/harbou?r/i']]);
    expect(warnings).toEqual([]);
  });

  it('finds a Scenario clause in the description when the card has no scenario', async () => {
    const { pack } = await importCard(
      await cardFile({
        name: 'Ash',
        description: "[Ash's body= tall]\n[Genre: fantasy; Scenario: A burned village at dawn.]",
        first_mes: 'Hm.',
      }),
    );
    expect(pack.setting).toBe('A burned village at dawn.');
  });

  it('refuses a card without a name, a lorebook, and JSON that is neither', async () => {
    const err = async (content: unknown) =>
      importCard(await cardFile(content)).then(
        () => undefined,
        (e: unknown) => e as ImportError,
      );
    const noName = await err({ spec: 'chara_card_v2', data: { name: '  ', first_mes: 'hi' } });
    expect(noName?.kind).toBe('no-name');
    expect(noName?.message).toBe(
      'The card in card.json has no name; a character card needs a `name` (fix the card in its editor and export it again).',
    );
    expect((await err({ entries: { 0: { key: ['x'], content: 'y' } } }))?.message).toBe(
      'card.json is a lorebook (a SillyTavern World Info export), not a character card; merge it into a pack with `skald worlds import card.json --into <pack folder>`.',
    );
    expect((await err({ hello: 'world' }))?.kind).toBe('unknown-format');
    expect((await err({ spec: 'chara_card_v9', data: {} }))?.message).toMatch(
      /^card\.json is a "chara_card_v9" document, not a format skald imports/,
    );
    expect((await err('{"name": "x", '))?.kind).toBe('bad-json');
  });
});
