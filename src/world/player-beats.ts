/**
 * Thread beats that narrate the player. A beat is handed to the narrator to bring in ("Nell finds
 * the receipts in Peg's desk"): with the player as its subject, the narrator, and a model told to
 * bring it in, writes the player's move for them, which the speaks-for-user critic then flags.
 * Written as what the world puts in front of them ("the receipts turn up in Peg's desk") it reads
 * as it should. Only an English present-tense verb straight after the name is taken for an act:
 * "Sable is asked to swear" is done to the player, and a name that opens a noun phrase is not
 * followed by such a verb.
 */
import type { Path } from './clean.js';
import { escapeRegExp } from '../text/regexp.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Verbs in -s that do not make the player act: being acted on, having, seeming. */
const NOT_AN_ACT = new Set(['is', 'was', 'has', 'seems', 'looks', 'remains', 'needs']);

/** Warnings for each beat of `data.threads` that opens on the player's name (or `{{user}}`) and a verb of theirs. */
export function playerNarratedBeats(data: Obj): { path: Path; message: string }[] {
  const player = isObj(data.player) && typeof data.player.name === 'string' ? data.player.name.trim() : '';
  const names = ['{{user}}', ...(player && !/\p{Script=Han}/u.test(player) ? [player] : [])];
  const opening = new RegExp(`^\\s*(${names.map(escapeRegExp).join('|')})\\s+(?:[a-z]+ly\\s+)?([a-z]+s)\\b`, 'i');
  const found: { path: Path; message: string }[] = [];
  const threads = Array.isArray(data.threads) ? data.threads : [];
  threads.forEach((thread, t) => {
    if (!isObj(thread) || !Array.isArray(thread.beats)) return;
    thread.beats.forEach((beat, b) => {
      if (typeof beat !== 'string') return;
      const m = opening.exec(beat);
      if (!m || NOT_AN_ACT.has(m[2].toLowerCase())) return;
      found.push({
        path: ['threads', t, 'beats', b],
        message: `this beat tells the player's own move ("${m[1]} ${m[2]}"): a narrator bringing it in would act for the player; say what the world puts in front of them instead ("the receipts turn up in the desk")`,
      });
    });
  });
  return found;
}
