/**
 * Who is who, compiled once per pack and persona (WeakMaps): the names the player goes by, the
 * characters' name forms and, where their descriptions make it plain, the pronoun each takes.
 * Shared by the speaks-for-user and reference-confusion critics.
 */
import type { Character, PlayerPersona, WorldPack } from '../../world/types.js';
import { nameForms } from '../persona-name.js';
import { ACT_ZH, ADVERB_EN } from './agency.js';
import { playerLineRegex } from './markup.js';
import { compilePack } from './pack-cache.js';
import { boundedSource, CJK } from './text.js';
import { isTitle } from './titles.js';
import { escapeRegExp } from '../../text/regexp.js';

export type Gender = 'm' | 'f';

export interface WhoCharacter {
  character: Character;
  forms: string[];
  gender?: Gender;
}

export interface Who {
  /** The player's names (importers' "You" and other pronouns left out), `{{user}}` included. */
  playerForms: string[];
  /** The player's pronoun when the persona's description makes it plain. */
  playerGender?: Gender;
  characters: WhoCharacter[];
  /**
   * The player's name at a clause start and the word after it (group 1), to be checked with
   * `isAct`; case-sensitive, so the player "Man" is not "the man".
   */
  playerActs: RegExp;
  /** The same for Chinese names: 林晚点了点头. */
  playerActsZh?: RegExp;
  /** A transcript line for the player: `Tamsin:`, `Man (speaking):`, `{{user}}:`, `User:`. */
  playerLine: RegExp;
  /** Any player form, case-sensitive, on word boundaries. */
  playerName: RegExp;
}

// A name that is really the second person: importers name the player "You" by default.
const PRONOUN_NAME = /^(?:you|ye|thou|yourself|u|你|您|妳|あなた|君)$/iu;
// Two-character surnames, so 欧阳明 keeps 明 rather than 阳明 as its given name.
const COMPOUND_SURNAME = /^(?:欧阳|司马|上官|诸葛|东方|慕容|令狐|皇甫|公孙|长孙|夏侯|独孤|南宫|西门|尉迟|宇文|轩辕|端木|司徒|呼延)/u;

/** What may come before an English clause: the text start, punctuation or markup, and/then/but/so. */
export const CLAUSE_BEFORE_EN = '(?:^|[.!?;:—–…*"”)\\]（(])\\s*|\\b(?:[Aa]nd|[Tt]hen|[Bb]ut|[Ss]o|[Nn]ow|[Ff]inally)\\s+';
const CLAUSE_BEFORE_ZH = '(?:^|[，。！？；：…—、（）「」“”*\\s]|于是|然后|接着|随后)';

/**
 * Regex source for `x` opening a clause. The word comes first and the look back after it: a
 * look-behind tried at every position of the text costs three times as much.
 */
export function clauseStart(x: string, before = CLAUSE_BEFORE_EN): string {
  // The copy inside the look-behind captures nothing, so group numbers stay those of `x`.
  const copy = x.replace(/(?<!\\)\((?!\?)/g, '(?:');
  return `(?:${x})(?<=(?:${before})(?:${copy}))`;
}

/** The same for Chinese: after the text start, punctuation, brackets, or 于是/然后/接着. */
export function clauseStartZh(x: string): string {
  return clauseStart(x, CLAUSE_BEFORE_ZH);
}

/** The forms a reply may name the player by, for pattern matching. */
export function playerForms(persona: PlayerPersona): string[] {
  // "Mr Darcy" is not called "Mr": a title alone is every titled name's.
  const forms = nameForms(persona).filter((f) => !PRONOUN_NAME.test(f.trim()) && !isTitle(f));
  for (const f of [...forms]) {
    // Chinese names are written without spaces; the given name alone (李凌风 -> 凌风) is a form too.
    if (!/^[\p{Script=Han}]{3,4}$/u.test(f)) continue;
    const given = COMPOUND_SURNAME.test(f) ? f.slice(2) : f.slice(f.length === 4 ? 2 : 1);
    if (given.length >= 2 && !forms.includes(given)) forms.push(given);
  }
  forms.push('{{user}}');
  return forms;
}

// No u flag: a case-insensitive unicode word test costs several times as much.
const HE = /\b(?:he|him|his|himself)\b/gi;
const SHE = /\b(?:she|her|hers|herself)\b/gi;

/** Male and female third-person pronoun counts in `text` (English and Chinese). */
export function pronounCounts(text: string): { m: number; f: number } {
  const m = (text.match(HE)?.length ?? 0) + (text.match(/他/gu)?.length ?? 0);
  const f = (text.match(SHE)?.length ?? 0) + (text.match(/她/gu)?.length ?? 0);
  return { m, f };
}

/** The pronoun a description uses for its subject, when one clearly dominates. */
export function genderOf(text: string): Gender | undefined {
  const { m, f } = pronounCounts(text);
  if (m >= 2 && m >= 3 * f) return 'm';
  if (f >= 2 && f >= 3 * m) return 'f';
  return undefined;
}

/**
 * Name forms plus each capitalised part of a Latin name: "Makise Kurisu" is called "Kurisu" as
 * well as "Makise", whichever order the pack wrote the name in.
 */
function withNameParts(forms: readonly string[]): string[] {
  const out = new Set(forms);
  for (const f of forms) {
    if (CJK.test(f)) continue;
    for (const part of f.split(/\s+/)) if (/^\p{Lu}[\p{L}'’-]{2,}$/u.test(part) && !isTitle(part)) out.add(part);
  }
  return [...out];
}

function source(forms: readonly string[]): string {
  if (forms.length === 0) return '(?!)';
  return `(?:${[...forms]
    .sort((a, b) => b.length - a.length)
    .map((f) => (CJK.test(f) ? escapeRegExp(f) : boundedSource(f)))
    .join('|')})`;
}

const packs = new WeakMap<WorldPack, WeakMap<PlayerPersona, Who>>();

/** The compiled view of who is who for `pack` played as `persona`. */
export function compileWho(pack: WorldPack, persona: PlayerPersona): Who {
  let byPersona = packs.get(pack);
  if (!byPersona) {
    byPersona = new WeakMap();
    packs.set(pack, byPersona);
  }
  const hit = byPersona.get(persona);
  if (hit) return hit;
  const forms = playerForms(persona);
  const latin = forms.filter((f) => !CJK.test(f));
  const han = forms.filter((f) => CJK.test(f));
  const characterNames = compilePack(pack).characterNames;
  const characters = pack.characters.map((character) => {
    const gender = genderOf(character.persona);
    return { character, forms: withNameParts(characterNames.get(character.id) ?? [character.name]), ...(gender ? { gender } : {}) };
  });
  const lineNames = [...forms.map((f) => escapeRegExp(f)), 'User', 'You', 'Player', 'Human', '用户', '玩家'].join('|');
  const playerGender = genderOf(persona.persona);
  const who: Who = {
    playerForms: forms,
    ...(playerGender ? { playerGender } : {}),
    characters,
    playerActs: new RegExp(`${clauseStart(source(latin))}${ADVERB_EN}\\s+(\\p{L}+)`, 'gu'),
    ...(han.length > 0 ? { playerActsZh: new RegExp(`${clauseStartZh(source(han))}${ACT_ZH}`, 'gu') } : {}),
    playerLine: playerLineRegex(lineNames),
    playerName: new RegExp(source(forms), 'gu'),
  };
  byPersona.set(persona, who);
  return who;
}
