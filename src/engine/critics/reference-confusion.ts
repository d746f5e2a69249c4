import type { Character } from '../../world/types.js';
import type { CriticEvidence, CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { invertKin, KIN_SOURCE, kinOf, type Kin } from './kinship.js';
import { compilePack, namesSource } from './pack-cache.js';
import { evidenceAt, inRanges, phraseRegex, quoteRanges, resultFrom } from './text.js';
import { escapeRegExp } from '../../text/regexp.js';

interface Compiled {
  /** Lower-cased name form -> character. */
  byName: Map<string, Character>;
  kinPatterns: RegExp[];
  /** "you are Wren", "your name is Wren", 你是林风: the player given a character's name. */
  identity: RegExp[];
  names: RegExp;
}

const cache = new WeakMap<object, Compiled>();

function compile(ctx: CriticContext): Compiled {
  const hit = cache.get(ctx.pack);
  if (hit) return hit;
  const byName = new Map<string, Character>();
  for (const c of ctx.pack.characters) for (const n of compilePack(ctx.pack).characterNames.get(c.id) ?? []) byName.set(n.toLowerCase(), c);
  const nameList = [...byName.keys()];
  const NAME = `(${namesSource(nameList)})`;
  const ADJ = '(?:(?:older|younger|little|big|elder|baby|dear|late|own)\\s+)?';
  const KIN = `(${KIN_SOURCE})s?`;
  const B = '(?![\\p{L}])';
  const kinPatterns = [
    new RegExp(`\\byour\\s+${ADJ}${KIN},?\\s+${NAME}${B}`, 'giu'),
    new RegExp(`(?<![\\p{L}])${NAME},\\s+your\\s+${ADJ}${KIN}${B}`, 'giu'),
    new RegExp(`(?<![\\p{L}])${NAME}\\s+(?:is|was)\\s+your\\s+${ADJ}${KIN}${B}`, 'giu'),
    new RegExp(`你的?(?:亲)?(${KIN_SOURCE})[，,、]?${NAME}`, 'gu'),
    new RegExp(`${NAME}(?:是|，)你的?(?:亲)?(${KIN_SOURCE})`, 'gu'),
  ];
  const names = phraseRegex(nameList) ?? /(?!)/gu;
  const identity = [
    new RegExp(`\\byou(?:['’]re|\\s+are)\\s+${NAME}(?![\\p{L}'’])`, 'giu'),
    new RegExp(`\\byour\\s+name\\s+is\\s+${NAME}(?![\\p{L}'’])`, 'giu'),
    new RegExp(`你(?:就)?是${NAME}(?![的之])`, 'gu'),
    new RegExp(`你的名字(?:叫|是)${NAME}`, 'gu'),
  ];
  const compiled = { byName, kinPatterns, identity, names };
  cache.set(ctx.pack, compiled);
  return compiled;
}

/** What `c` is to the player, per the persona, the character, or a fact naming both. */
function knownKin(c: Character, ctx: CriticContext): Kin | undefined {
  const fromPersona = ctx.persona.relations[c.id] ?? ctx.pack.player.relations[c.id];
  const direct = fromPersona ? kinOf(fromPersona) : undefined;
  if (direct) return direct;
  const fromChar = c.relations['player'];
  const inverse = fromChar ? kinOf(fromChar) : undefined;
  return inverse ? invertKin(inverse) : undefined;
}

function factAllows(ctx: CriticContext, name: string, kinWord: string): boolean {
  const n = name.toLowerCase();
  const k = kinWord.toLowerCase();
  return ctx.facts.some((f) => {
    const t = f.text.toLowerCase();
    return t.includes(n) && t.includes(k);
  });
}

function checkKin(text: string, ctx: CriticContext, c: Compiled, evidence: CriticEvidence[]): void {
  for (const [i, re] of c.kinPatterns.entries()) {
    for (const m of text.matchAll(re)) {
      // Patterns 0, 3 give kin then name; the others name then kin.
      const kinFirst = i === 0 || i === 3;
      const kinWord = (kinFirst ? m[1] : m[2]) ?? '';
      const name = (kinFirst ? m[2] : m[1]) ?? '';
      const character = c.byName.get(name.toLowerCase());
      const said = kinOf(kinWord);
      if (!character || !said) continue;
      if (factAllows(ctx, name, kinWord)) continue;
      const known = knownKin(character, ctx);
      const start = m.index ?? 0;
      const span = evidenceAt(text, start, start + m[0].length, '');
      if (!known) {
        span.why = `the pack gives ${character.name} no ${kinWord} relation to ${ctx.persona.name}`;
      } else if (known.role !== said.role || (known.gender && said.gender && known.gender !== said.gender)) {
        const rel = ctx.persona.relations[character.id] ?? character.relations['player'] ?? known.role;
        span.why = `${character.name} is ${ctx.persona.name}'s ${rel}, not ${kinWord}`;
      } else continue;
      evidence.push(span);
    }
  }
}

const VOCATIVE_CACHE = new Map<string, RegExp>();
function vocative(name: string): RegExp {
  let re = VOCATIVE_CACHE.get(name);
  if (!re) {
    const n = escapeRegExp(name);
    re = new RegExp(`(?:[,，]\\s*${n}(?=\\s*[,.!?，。！？"”…—])|^["“「]\\s*${n}(?=\\s*[,，!！.。?？]))`, 'iu');
    if (VOCATIVE_CACHE.size > 256) VOCATIVE_CACHE.clear();
    VOCATIVE_CACHE.set(name, re);
  }
  return re;
}

/** A character who speaks to the player using their own name: the player called by another's name. */
function checkSelfAddress(text: string, ctx: CriticContext, c: Compiled, evidence: CriticEvidence[]): void {
  let offset = 0;
  for (const para of text.split(/\n/)) {
    const quotes = quoteRanges(para);
    if (quotes.length > 0) {
      const speakers = new Set<Character>();
      for (const m of para.matchAll(c.names)) {
        if (inRanges(m.index ?? 0, quotes)) continue;
        const who = c.byName.get(m[0].toLowerCase());
        if (who) speakers.add(who);
      }
      if (speakers.size === 1) {
        const speaker = [...speakers][0]!;
        for (const [qs, qe] of quotes) {
          const quote = para.slice(qs, qe);
          for (const form of compilePack(ctx.pack).characterNames.get(speaker.id) ?? []) {
            const m = vocative(form).exec(quote);
            if (!m) continue;
            const at = offset + qs + m.index + m[0].toLowerCase().indexOf(form.toLowerCase());
            evidence.push(evidenceAt(text, at, at + form.length, `${speaker.name} calls ${ctx.persona.name} by ${speaker.name}'s own name`));
            break;
          }
        }
      }
    }
    offset += para.length + 1;
  }
}

function checkIdentity(text: string, ctx: CriticContext, c: Compiled, evidence: CriticEvidence[]): void {
  const quotes = quoteRanges(text);
  for (const re of c.identity) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      // In dialogue, "you are Wren" may be one character speaking to another.
      if (inRanges(start, quotes)) continue;
      const character = c.byName.get((m[1] ?? '').toLowerCase());
      if (!character) continue;
      evidence.push(evidenceAt(text, start, start + m[0].length, `calls ${ctx.persona.name} by ${character.name}'s name`));
    }
  }
}

/** Characters named or related wrongly against the pack, the persona and the fact ledger. */
export function referenceConfusion(text: string, ctx: CriticContext): CriticResult {
  const c = compile(ctx);
  const evidence: CriticEvidence[] = [];
  checkKin(text, ctx, c, evidence);
  checkSelfAddress(text, ctx, c, evidence);
  checkIdentity(text, ctx, c, evidence);
  return resultFrom('reference-confusion', evidence, 0.5);
}
