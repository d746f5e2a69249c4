import type { Character } from '../../world/types.js';
import type { CriticResult } from '../types.js';
import type { CriticContext } from './context.js';
import { resultFromFindings, type Finding } from './findings.js';
import { hasKinWord, invertKin, KIN_SOURCE, kinOf, type Kin } from './kinship.js';
import { compilePack, compilePersona, namesSource } from './pack-cache.js';
import { narratorAsPlayer } from './narrator-as-player.js';
import { roleFindings } from './role-swap.js';
import { inRanges, phraseRegex, quoteRangesOf } from './text.js';
import { execAll } from '../../text/regexp.js';

const SURE = 0.9;

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

function checkKin(text: string, ctx: CriticContext, c: Compiled, evidence: Finding[]): void {
  if (!hasKinWord(text)) return;
  for (const [i, re] of c.kinPatterns.entries()) {
    for (const m of execAll(re, text)) {
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
      const span: Finding = { start, end: start + m[0].length, why: '', confidence: SURE };
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

// Cheap test before the identity patterns: "you are", "you're", "your name", 你是, 你的名字.
const IDENTITY_HINT = /\byou(?:['’]re|\s+are)\b|\byour\s+name\b|你(?:就)?是|你的名字/i;

function checkIdentity(text: string, ctx: CriticContext, c: Compiled, evidence: Finding[]): void {
  if (!IDENTITY_HINT.test(text)) return;
  const quotes = quoteRangesOf(text);
  for (const re of c.identity) {
    for (const m of execAll(re, text)) {
      const start = m.index ?? 0;
      // In dialogue, "you are Wren" may be one character speaking to another.
      if (inRanges(start, quotes)) continue;
      const character = c.byName.get((m[1] ?? '').toLowerCase());
      if (!character) continue;
      evidence.push({ start, end: start + m[0].length, why: `calls ${ctx.persona.name} by ${character.name}'s name`, confidence: SURE });
    }
  }
}

// "You are Detective James Watson": the player handed a full name (a title and a name, or a first
// and a last name) the pack and the persona never give them. One capitalised word is not enough:
// "you are British", "you're Welsh". Only a title with a first and a last name is sure: two
// capitalised words, or a title and one, are also how narration hands out a figure of speech
// ("You are Prince Charming.", "You're Lady Luck,", "You are Mr. Right."), so those are hints.
const TITLES =
  'Detective|Inspector|Doctor|Dr\\.|Mr\\.|Mrs\\.|Ms\\.|Miss|Lord|Lady|Sir|Dame|Captain|Professor|Agent|Officer|Sergeant|Lieutenant';
const TITLED = new RegExp(`^(?:${TITLES})\\s`, 'u');
const UNSURE_NAME = 0.6;
const GIVEN_NAME = new RegExp(
  `\\b[Yy]ou(?:['’]re|\\s+are)\\s+((?:(?:${TITLES})\\s+\\p{Lu}\\p{Ll}+|\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\p{Ll}+)(?:\\s+\\p{Lu}\\p{Ll}+)?)(?=\\s*[,.;!]|\\s+(?:my|our|the)\\b)`,
  'gu',
);

function checkGivenName(text: string, ctx: CriticContext, c: Compiled, evidence: Finding[]): void {
  if (!IDENTITY_HINT.test(text)) return;
  const quotes = quoteRangesOf(text);
  const player = new RegExp(compilePersona(ctx.persona).source, 'iu');
  for (const m of execAll(GIVEN_NAME, text)) {
    const start = m.index ?? 0;
    const name = m[1] ?? '';
    if (inRanges(start, quotes) || player.test(name) || c.names.test(name)) continue;
    c.names.lastIndex = 0;
    evidence.push({
      start,
      end: start + m[0].length,
      why: `calls ${ctx.persona.name} ${name}, a name that is not theirs`,
      confidence: TITLED.test(name) && name.split(/\s+/).length >= 3 ? SURE : UNSURE_NAME,
    });
  }
  c.names.lastIndex = 0;
}

/**
 * Who is who goes wrong: a character related to the player wrongly against the pack, the persona
 * and the fact ledger; the player given a character's name ("You are Wren"), or spoken to by the
 * speaker's own name; the speaker claiming the player's name; a character speaking of itself in
 * the third person. Findings it is not sure of (a name that may be self-talk, a Chinese speaker's
 * formal self-reference by name) come with a lower confidence and are settled as hints.
 */
export function referenceConfusion(text: string, ctx: CriticContext): CriticResult {
  const c = compile(ctx);
  const found: Finding[] = [];
  checkKin(text, ctx, c, found);
  checkIdentity(text, ctx, c, found);
  checkGivenName(text, ctx, c, found);
  const roles = roleFindings(text, ctx);
  found.push(...roles.ownName, ...roles.asPlayer, ...roles.selfThird, ...narratorAsPlayer(text, ctx));
  return resultFromFindings('reference-confusion', text, found, 0.5);
}
