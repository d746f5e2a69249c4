/**
 * Everything the critics derive from a pack, compiled once per pack object (a WeakMap, so a
 * reloaded pack gets a fresh entry and an old one is collected): law regexes, the names that may
 * appear in any script, the player's name patterns.
 */
import type { PlayerPersona, WorldPack } from '../../world/types.js';
import { boundedSource, isCjkLanguage, phraseHint, phraseRegex } from './text.js';
import { escapeRegExp } from '../../text/regexp.js';
import { nameForms } from '../persona-name.js';
import { isTitle } from './titles.js';

export interface CompiledLaw {
  id: string;
  text: string;
  regex: RegExp;
  /** `phraseHint` of the forbid list: a text it does not match needs no scan with `regex`. */
  hint: RegExp;
}

export interface CompiledPack {
  cjk: boolean;
  laws: CompiledLaw[];
  /** Lower-cased names, aliases, ids and name parts of characters and the player. */
  names: Set<string>;
  /** Every character's name forms, keyed by character id. */
  characterNames: Map<string, string[]>;
}

const packs = new WeakMap<WorldPack, CompiledPack>();

/** The compiled view of `pack`, built on first use. */
export function compilePack(pack: WorldPack): CompiledPack {
  const hit = packs.get(pack);
  if (hit) return hit;
  const laws: CompiledLaw[] = [];
  for (const law of pack.laws) {
    const regex = phraseRegex(law.forbid);
    if (regex) laws.push({ id: law.id, text: law.text, regex, hint: phraseHint(law.forbid) });
  }
  const names = new Set<string>();
  const characterNames = new Map<string, string[]>();
  const addName = (n: string): void => {
    const v = n.trim().toLowerCase();
    if (!v) return;
    names.add(v);
    for (const part of v.split(/[\s_-]+/)) if (part) names.add(part);
  };
  for (const c of pack.characters) {
    const forms = [c.name, ...c.aliases, ...(c.nickname ? [c.nickname] : [])].filter((n) => n.trim().length > 0);
    // "Wren Alder" is also called "Wren": the first name alone is a form of the name, but a title is not ("Mr Bennet" is
    // not called "Mr", which names every Mr in the story).
    for (const f of [...forms]) {
      const first = f.split(/\s+/)[0];
      if (first && first !== f && first.length > 1 && !/^an?$/i.test(first) && !isTitle(first)) forms.push(first);
    }
    characterNames.set(c.id, [...new Set(forms)]);
    forms.forEach(addName);
    addName(c.id);
  }
  addName(pack.player.name);
  addName(pack.id);
  for (const l of pack.laws) addName(l.id);
  const compiled: CompiledPack = { cjk: isCjkLanguage(pack.language), laws, names, characterNames };
  packs.set(pack, compiled);
  return compiled;
}

export interface CompiledPersona {
  /** The player's name forms (full name, first name, the pack's nicknames for them). */
  forms: string[];
  /** Regex source matching any form on word boundaries. */
  source: string;
}

const personas = new WeakMap<PlayerPersona, CompiledPersona>();

/** The player's name forms, cached per persona object. */
export function compilePersona(persona: PlayerPersona): CompiledPersona {
  const hit = personas.get(persona);
  if (hit) return hit;
  // A title alone ("Mr" of "Mr Darcy") names every titled person, not the player.
  const forms = nameForms(persona).filter((f) => !isTitle(f));
  const source =
    forms.length > 0
      ? `(?:${forms
          .sort((a, b) => b.length - a.length)
          .map(boundedSource)
          .join('|')})`
      : '(?!)';
  const compiled = { forms, source };
  personas.set(persona, compiled);
  return compiled;
}

/** Regex source for a plain list of names without boundaries (used inside larger patterns). */
export function namesSource(names: readonly string[]): string {
  return names.length
    ? `(?:${[...names]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|')})`
    : '(?!)';
}
