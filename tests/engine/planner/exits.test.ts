/**
 * Leaving the scene: the narration sending someone out, the player sending someone away, the
 * player going elsewhere; and what is none of these (a refusal, an intention, an object left).
 */
import { describe, expect, it } from 'vitest';
import { isPlayerMove, narrationEvents, sentAwayIn } from '../../../src/engine/planner/exits.js';
import { sceneOf } from '../../../src/engine/planner/index.js';
import type { StoryMessage } from '../../../src/engine/types.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { WorldPack } from '../../../src/world/types.js';

const orchard = async (): Promise<WorldPack> => (await resolveWorld('glass-orchard')).pack;
const inn = async (): Promise<WorldPack> => (await resolveWorld('qingshan-inn')).pack;

const exits = (pack: WorldPack, text: string): string[] =>
  narrationEvents(pack, text, true)
    .filter((e) => e.exit)
    .map((e) => e.id);

/** The scene after `story` (alternating player and narrator messages after the opening), at the mill with Wren. */
async function sceneAfter(story: string[], input = 'I wait.', opening = 0): Promise<{ present: string[]; left: string[] }> {
  const pack = await orchard();
  const open = pack.openings[opening];
  const history: StoryMessage[] = [{ role: 'narrator', text: open.text, turn: 0 }];
  story.forEach((text, i) => history.push({ role: i % 2 === 0 ? 'player' : 'narrator', text, turn: Math.floor(i / 2) + 1 }));
  const scene = sceneOf({ pack, opening: open.characters, history, playerInput: input, openingScene: open.scene });
  return { present: [...scene.present].sort(), left: [...scene.left].sort() };
}

describe('exits in the narration', () => {
  it('reads a character leaving, by name or by the one pronoun that can stand for them', async () => {
    const pack = await orchard();
    expect(exits(pack, 'Wren leaves without a word.')).toEqual(['wren']);
    expect(exits(pack, 'Ilsa Morrow quietly walks out into the rain.')).toEqual(['ilsa']);
    expect(exits(pack, 'Ilsa sets down her cup. She walks out into the rain.')).toEqual(['ilsa']);
    expect(exits(pack, 'Maud has gone home.')).toEqual(['maud']);
    expect(exits(pack, 'Wren takes his leave.')).toEqual(['wren']);
    // A pronoun that cannot be the one named ("she" after Wren), or two named before it: no one.
    expect(exits(pack, 'Wren sets down the sack. She walks out into the rain.')).toEqual([]);
    expect(exits(pack, 'Ilsa looks at Maud. She walks out into the rain.')).toEqual([]);
  });

  it('reads no exit in a refusal, an intention, an object left behind or a line of dialogue', async () => {
    const pack = await orchard();
    for (const text of [
      "Ilsa doesn't leave.",
      'Ilsa does not leave; she sits down again.',
      'Wren turns to leave, then stops.',
      'Ilsa leaves the note on the table.',
      'Ilsa leaves you to think it over.',
      'Maud, who never leaves the orchard, waits by the gate.',
      '"Wren left at dawn," Maud says.',
      'Wren goes on hauling the chain.',
      'The leaves fall on Wren.',
    ])
      expect(exits(pack, text), text).toEqual([]);
  });

  it('reads Chinese exits, not a walk over or a refusal', async () => {
    const pack = await inn();
    expect(exits(pack, '阿竹一溜烟出去了。')).toEqual(['a-zhu']);
    expect(exits(pack, '祁寒放下茶杯，转身离去。')).toEqual(['qi-han']);
    expect(exits(pack, '云娘看了你一眼。她转身离去。')).toEqual(['yun-niang']);
    expect(exits(pack, '云娘看了阿竹一眼，阿竹转身离去。')).toEqual(['a-zhu']);
    expect(exits(pack, '云娘走了过来。')).toEqual([]);
    expect(exits(pack, '祁寒没有离开。')).toEqual([]);
    expect(exits(pack, '陆清和不走了。')).toEqual([]);
  });
});

describe('the player sending someone away, and moving', () => {
  it('reads a command to go, not a request to go on', async () => {
    const pack = await orchard();
    const inns = await inn();
    expect(sentAwayIn(pack.characters, 'Go home, Wren.')).toEqual(['wren']);
    expect(sentAwayIn(pack.characters, '"Wren, leave us." I do not look at him.')).toEqual(['wren']);
    expect(sentAwayIn(pack.characters, 'Get out, Ilsa!')).toEqual(['ilsa']);
    expect(sentAwayIn(pack.characters, 'Go on, Wren.')).toEqual([]);
    expect(sentAwayIn(pack.characters, 'Leave it, Wren.')).toEqual([]);
    expect(sentAwayIn(pack.characters, 'Wren, go ahead and tell me.')).toEqual([]);
    expect(sentAwayIn(inns.characters, '阿竹，你先回去吧。')).toEqual(['a-zhu']);
    expect(sentAwayIn(inns.characters, '阿竹，别走。')).toEqual([]);
  });

  it('reads a move that names where it goes', () => {
    for (const text of [
      'I walk up the hill to the orchard alone.',
      'I leave the mill.',
      'I head out.',
      'Skip to nightfall. I go straight to the square.',
      '我起身离开客栈。',
    ])
      expect(isPlayerMove(text), text).toBe(true);
    for (const text of [
      'I step closer to Wren.',
      'I walk over to the window.',
      'I go on.',
      'I look up the hill at the orchard.',
      '"I walked to the orchard yesterday," I say.',
      'I leave the note on the table.',
      '我走向云娘。',
    ])
      expect(isPlayerMove(text), text).toBe(false);
  });
});

describe('who is in the scene as people come and go', () => {
  it('takes out someone the narration sends away, and keeps someone who stays', async () => {
    expect((await sceneAfter(['I say nothing.', 'Wren shrugs. He walks out into the dusk.'])).present).toEqual([]);
    expect((await sceneAfter(['I say nothing.', 'Wren shrugs. He walks out into the dusk.'])).left).toEqual(['wren']);
    expect((await sceneAfter(['I say nothing.', "Wren doesn't leave. He waits."])).present).toEqual(['wren']);
    // Still out many turns later: the exit is remembered past the messages that name people.
    const long = ['I say nothing.', 'Wren leaves without a word.'];
    for (let i = 0; i < 8; i++) long.push('I wait.', 'The wheel creaks on in the dark.');
    expect((await sceneAfter(long)).present).toEqual([]);
  });

  it('takes out someone the player sends away once the reply is told, not during it', async () => {
    expect((await sceneAfter([], 'Go home, Wren.')).present).toEqual(['wren']);
    expect((await sceneAfter(['Go home, Wren.', '"Fine," Wren says.'])).present).toEqual([]);
  });

  it('leaves the opening behind when the player goes elsewhere, and brings back who is there on return', async () => {
    expect((await sceneAfter([], 'I walk up the hill to the orchard alone.')).present).toEqual([]);
    expect((await sceneAfter([], 'I walk up the hill to the orchard with Wren.')).present).toEqual(['wren']);
    expect((await sceneAfter(['I walk up the hill to the orchard.', 'Maud is at the gate with a lamp.'])).present).toEqual(['maud']);
    // Back at the mill, the opening's scene: Wren is there; Maud stayed at the orchard.
    const back = await sceneAfter(['I walk up the hill to the orchard.', 'Maud is at the gate.'], 'I go back to the mill.');
    expect(back.present).toEqual(['wren']);
    // Unless he went off on his own before.
    const sent = ['Go home, Wren.', 'Wren goes.', 'I walk up the hill to the orchard.', 'Maud is at the gate.'];
    expect((await sceneAfter(sent, 'I go back to the mill.')).present).toEqual([]);
  });

  it('brings someone in who arrives, even after they left', async () => {
    const story = ['I say nothing.', 'Wren leaves without a word.', 'I wait.', 'Footsteps, and then Wren is back at the sluice.'];
    expect((await sceneAfter(story)).present).toEqual(['wren']);
    expect((await sceneAfter(['I wait.', 'Ilsa comes down the landing stones.'])).present).toEqual(['ilsa', 'wren']);
    // Only named after he left ("until Wren tells her"): not back.
    const named = [
      'I say nothing.',
      'Wren leaves without a word.',
      'I wait.',
      'Ilsa means to hold the note until Wren tells her the truth.',
    ];
    expect((await sceneAfter(named)).present).toEqual(['ilsa']);
  });

  it('follows a Chinese story out of the inn and back: an arrival brings one back, the hall all of them', async () => {
    const pack = await inn();
    const open = pack.openings[0];
    const at = async (story: string[], input: string): Promise<string[]> => {
      const history: StoryMessage[] = [{ role: 'narrator', text: open.text, turn: 0 }];
      story.forEach((text, i) => history.push({ role: i % 2 === 0 ? 'player' : 'narrator', text, turn: Math.floor(i / 2) + 1 }));
      return [...sceneOf({ pack, opening: open.characters, history, playerInput: input, openingScene: open.scene }).present].sort();
    };
    const out = '我起身离开客栈，走到院子里。';
    expect(await at([], out)).toEqual([]);
    // Named in passing after the player left, 云娘 is not there; come out after them, she is.
    expect(await at([out, '柴火却只够五天，云娘已经开始心疼炭火。'], '我看着雪。')).toEqual([]);
    expect(await at([out, '没过多久，云娘也来了，看见你，停下了脚步。'], '我看着雪。')).toEqual(['yun-niang']);
    expect(await at([out, '雪落无声。'], '我回到大堂。')).toEqual([...open.characters].sort());
  });
});
