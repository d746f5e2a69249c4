import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/session/index.js';
import { MemorySessionStore } from '../../../src/engine/session/records.js';
import { namePlayer } from '../../../src/engine/persona-name.js';
import { createOfflineNarrator } from '../../../src/providers/offline/index.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { collect } from './helpers.js';
import { steppingClock } from './scripted-provider.js';

/** Every string in a value, with the path it sits at. */
function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe('playing a pack under another name', () => {
  it('names the player as chosen in every text of the pack, leaving ids and the pack itself', async () => {
    const pack = (await resolveWorld('glass-orchard')).pack;
    expect(pack.player.name).toBe('Tamsin');
    const { pack: named, persona } = namePlayer(pack, { ...pack.player, name: 'Mara' });
    expect(persona.name).toBe('Mara');
    expect(named.player).toBe(persona);
    // No text names the pack's persona any more; ids are as they were.
    const left = strings(named).filter(([, text]) => /\bTam(?:sin)?\b/.test(text));
    expect(left).toEqual([]);
    expect(named.characters.map((c) => c.id)).toEqual(pack.characters.map((c) => c.id));
    const ilsa = named.characters.find((c) => c.id === 'ilsa')!;
    expect(ilsa.examples.join('\n')).toContain('"Mara Alder. Sit.');
    // The pack's nickname for her ("Tam") becomes the new first name; the new persona has none.
    expect(named.openings[0].text).toContain('"Mara."');
    expect(persona.aliases ?? []).toEqual([]);
    // A two-word name: where the pack writes a surname after the first name, the surname stays.
    const quill = namePlayer(pack, { ...pack.player, name: 'Mara Quill' }).pack;
    expect(quill.summary).toContain('Mara Alder comes home');
    expect(quill.summary).toContain('a note Mara Quill knows');
    // The pack itself is not changed.
    expect(JSON.stringify(pack)).toContain('"Tamsin Alder. Sit.');
  });

  it('replaces the full name, then the first name alone, but never a surname alone', () => {
    const base = miniPack();
    const pack: WorldPack = {
      ...base,
      player: { ...base.player, name: 'Tamsin Alder' },
      setting: 'Tamsin Alder came home. Tamsin stayed. Wren Alder, her brother, did not.',
    };
    expect(namePlayer(pack, { ...pack.player, name: 'Mara Quill' }).pack.setting).toBe(
      'Mara Quill came home. Mara Quill stayed. Wren Alder, her brother, did not.',
    );
  });

  it('renames nicknames by the new first name, in one pass, so a new name holding the old one is not renamed twice', () => {
    const base = miniPack();
    const pack: WorldPack = {
      ...base,
      player: { ...base.player, name: 'Tamsin', aliases: ['Tam'] },
      setting: '"Tam," he says. Tamsin nods.',
    };
    expect(namePlayer(pack, { ...pack.player, name: 'Mara Quill' }).pack.setting).toBe('"Mara," he says. Mara Quill nods.');
    expect(namePlayer(pack, { ...pack.player, name: 'Tamsin Vale' }).pack.setting).toBe('"Tamsin," he says. Tamsin Vale nods.');
  });

  it('replaces whole words only, possessives included, and CJK names as written', () => {
    const base = miniPack();
    const pack: WorldPack = {
      ...base,
      player: { ...base.player, name: 'Ann' },
      setting: "Ann's lamp. Anne and Annabel are not Ann. ANN is shouted.",
    };
    expect(namePlayer(pack, { ...pack.player, name: 'Io' }).pack.setting).toBe("Io's lamp. Anne and Annabel are not Io. ANN is shouted.");
    const zh: WorldPack = { ...base, player: { ...base.player, name: '林晓' }, setting: '林晓推开门。林晓的灯还亮着。' };
    expect(namePlayer(zh, { ...zh.player, name: '陈默' }).pack.setting).toBe('陈默推开门。陈默的灯还亮着。');
    // A name with `$` in it is taken literally.
    expect(namePlayer(pack, { ...pack.player, name: '$1 Cash' }).pack.setting).toContain("$1 Cash's lamp");
  });

  it("leaves the pack alone when the name is the pack's own", () => {
    const pack = miniPack();
    const result = namePlayer(pack, pack.player);
    expect(result.pack).toBe(pack);
  });

  it("the offline narrator never calls a renamed player by the pack's name, and a resumed session keeps the name", async () => {
    const pack = (await resolveWorld('glass-orchard')).pack;
    const store = new MemorySessionStore();
    const deps = { pack, provider: createOfflineNarrator({ seed: 3 }), store, clock: steppingClock(), seed: 3, candidates: 3 };
    const session = await Session.create({ ...deps, persona: { ...pack.player, name: 'Mara' } });
    expect(session.opening.text).not.toMatch(/Tamsin/);
    const moves = [
      'I greet everyone in the room.',
      'I sit down with Ilsa.',
      'I ask Wren about the note.',
      'I tell Maud I am back.',
      'What does Crane want from us?',
      'I go up to the orchard.',
    ];
    for (let i = 0; i < 24; i++) await collect(session.play({ text: moves[i % moves.length] }));
    const texts = session.turns().flatMap((t) => t.candidates.map((c) => c.text));
    expect(texts.join('\n')).not.toMatch(/\bTam(?:sin)?\b/);
    // The pack's name did reach the replies before: without the renaming, this test has teeth.
    const plain = await Session.create({ ...deps, store: new MemorySessionStore() });
    for (let i = 0; i < 24; i++) await collect(plain.play({ text: moves[i % moves.length] }));
    expect(
      plain
        .turns()
        .flatMap((t) => t.candidates.map((c) => c.text))
        .join('\n'),
    ).toMatch(/\bTamsin\b/);

    const resumed = await Session.restore(store.records, deps);
    expect(resumed.persona.name).toBe('Mara');
    expect(resumed.pack.characters.flatMap((c) => c.examples).join('\n')).not.toMatch(/\bTamsin\b/);
  });
});
