/**
 * The offline simulated player: lines composed from the pack (persona, relations, characters,
 * lore keys, thread hooks) and the narrator's last reply (its nouns and questions), in one of the
 * styles and in the pack's language. Each turn's choices come from `hashSeed(seed, style, turn)`,
 * so a run repeats exactly and a resumed run plays the lines it would have played.
 */
import { keptFold } from '../../engine/planner/scene.js';
import { hashSeed, pick, seededRandom } from '../../engine/random.js';
import type { Random } from '../../engine/types.js';
import type { PlayerStyle } from '../types.js';
import { stallReason } from './director.js';
import { gatherMaterial, type Material } from './material.js';
import { phrasebookFor, type Phrasebook } from './phrases.js';
import type { PlayerContext, PlayerMove, SimulatedPlayer } from './player.js';

/** Creates the scripted player of a style. */
export function scriptedPlayer(style: PlayerStyle, seed: number): SimulatedPlayer {
  return {
    style,
    async next(ctx: PlayerContext): Promise<PlayerMove> {
      const random = seededRandom(hashSeed(seed, 'player', style, ctx.turn));
      const m = gatherMaterial(ctx.pack, ctx.persona, ctx.history, ctx.opening, keptFold(ctx.recent[ctx.recent.length - 1]?.plan));
      const book = phrasebookFor(ctx.pack.language);
      const stalled = stallReason(ctx.recent);
      // The terse player is the control: it never helps, so we see whether the narrator still hooks.
      if (stalled && style !== 'terse' && style !== 'adversarial' && random() < 0.7) {
        return { text: steer(book, m, random, style), director: stalled };
      }
      // A player does not say word for word what they said before while the material offers
      // another line (a small phrasebook and few nouns repeated one zh line eight times in 100
      // turns). The terse player is the control and repeats by design; the prober's probes ask again.
      let text = lineFor(book, style, ctx.turn, m, random, seed);
      if (style !== 'terse' && style !== 'prober') {
        const said = new Set(ctx.history.filter((h) => h.role === 'player').map((h) => h.text));
        for (let tries = 0; tries < REDRAWS && said.has(text); tries++) text = lineFor(book, style, ctx.turn, m, random, seed);
      }
      return { text };
    },
  };
}

/** Draws for a line not said before, after the first: enough for a thin phrasebook, bounded for one that has no other. */
const REDRAWS = 8;

function lineFor(book: Phrasebook, style: PlayerStyle, turn: number, m: Material, random: Random, seed: number): string {
  switch (style) {
    case 'slow':
      return slowLine(book, m, random);
    case 'fast':
      return fastLine(book, m, random);
    case 'terse':
      return pick(book.terse, random);
    case 'erratic': {
      const roll = random();
      if (roll < 0.15) return pick(book.ooc, random);
      if (roll < 0.45) return slowLine(book, m, random);
      if (roll < 0.75) return fastLine(book, m, random);
      return pick(book.terse, random);
    }
    case 'prober':
      return proberLine(book, turn, m, random, seed);
    case 'adversarial':
      return adversarialLine(book, m, random);
  }
}

function character(m: Material, random: Random): string {
  return m.characters.length ? pick(m.characters, random) : 'you';
}

function noun(m: Material, random: Random): string {
  const pool = m.nouns.length ? m.nouns : m.loreKeys;
  return pool.length ? pick(pool, random) : 'way ahead';
}

function place(m: Material, random: Random): string {
  return m.loreKeys.length ? pick(m.loreKeys, random) : noun(m, random);
}

function slowLine(book: Phrasebook, m: Material, random: Random): string {
  const who = character(m, random);
  const relation = m.relations.length ? pick(m.relations, random).who : undefined;
  const question = m.questions.length ? pick(m.questions, random) : undefined;
  return book.slow({
    gesture: pick(book.gestures, random),
    feeling: pick(book.feelings, random),
    ...(relation ? { relation } : {}),
    who,
    ...(question ? { question } : {}),
    noun: noun(m, random),
  });
}

function fastLine(book: Phrasebook, m: Material, random: Random): string {
  const roll = random();
  if (roll < 0.3) return book.goTo(pick(book.skips, random), place(m, random));
  if (roll < 0.6) return book.act(pick(book.verbs, random), noun(m, random));
  if (roll < 0.8) return book.demand(character(m, random), noun(m, random));
  return book.pushOn(place(m, random));
}

/** States two facts early and asks about them every few turns from turn 6: reference confusion shows in the answers. */
function proberLine(book: Phrasebook, turn: number, m: Material, random: Random, seed: number): string {
  const fixed = seededRandom(hashSeed(seed, 'prober-facts'));
  const item = pick(book.possessions, fixed);
  const promise = pick(book.promises, fixed);
  // The same person every turn, whoever is in the scene: the probes ask about this promise later.
  const promisedTo = m.everyone.length ? pick(m.everyone, fixed) : m.name;
  if (turn === 1) return book.statement(m.name, item);
  if (turn === 2) return book.promise(promisedTo, promise);
  if (turn >= 6 && turn % 4 === 2) {
    const probes = book.probes(promisedTo);
    return probes[Math.floor(turn / 4) % probes.length];
  }
  return random() < 0.5 ? book.askAbout(character(m, random), noun(m, random)) : fastLine(book, m, random);
}

function adversarialLine(book: Phrasebook, m: Material, random: Random): string {
  const roll = random();
  if (roll < 0.35) return pick(book.attacks, random);
  if (roll < 0.7 && m.forbidden.length) {
    const thing = pick(m.forbidden, random);
    return random() < 0.5 ? book.useForbidden(thing) : book.askForbidden(character(m, random), thing);
  }
  return fastLine(book, m, random);
}

/** The director's move: a thread's hook, a new place, or a character brought in. */
function steer(book: Phrasebook, m: Material, random: Random, style: PlayerStyle): string {
  const roll = random();
  if (m.hooks.length && roll < 0.5) return book.steerHook(pick(m.hooks, random).replace(/\s+/g, ' ').trim(), style === 'slow');
  if (m.loreKeys.length && roll < 0.8) return book.goTo(pick(book.skips, random), pick(m.loreKeys, random));
  // Bringing someone in: someone who is not here yet, when anyone is away.
  const away = m.everyone.filter((name) => !m.characters.includes(name));
  return book.steerPerson(away.length ? pick(away, random) : character(m, random));
}
