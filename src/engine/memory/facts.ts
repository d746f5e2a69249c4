/**
 * Extractive fact finding in the player's own words: names, relations, promises, possessions,
 * places, likes and dislikes, and trades, in English and Chinese (facts-en.ts, facts-zh.ts). This
 * is the offline path, and the fallback when a model's facts do not arrive. Deliberately
 * conservative: a missed fact can be pinned with `/remember`, a wrong one pollutes every prompt.
 */
import { hashSeed } from '../random.js';
import type { Fact, FactKind } from '../types.js';
import { ENGLISH } from './facts-en.js';
import { CHINESE } from './facts-zh.js';
import type { Pattern } from './fact-patterns.js';
import { firstPersonView, type FirstPersonView } from './self-narration.js';

/** A stable id for a fact, so the same words give the same id across runs. */
export function factId(kind: FactKind, text: string): string {
  return `f-${kind.slice(0, 3)}-${hashSeed(kind, normaliseFact(text)).toString(36)}`;
}

/** The form facts are compared in when deduplicating. */
export function normaliseFact(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s"“”'’.。!！?？,，]+/g, ' ')
    .trim();
}

/** How to read a message beyond the player's own "I" and "my". */
export interface ExtractOptions {
  /**
   * The pack's character names and aliases. Given, a player who narrates their own character by
   * name ("Tamsin's sister Mara runs the ferry") is read as saying "my sister Mara" (see
   * self-narration.ts); left out, only I/my/我 are read, as callers that cannot rule out a
   * character of the same name need.
   */
  characters?: readonly string[];
}

/** The names `ExtractOptions.characters` wants for a pack's characters: each one's name and aliases. */
export function characterNames(characters: ReadonlyArray<{ name: string; aliases: readonly string[] }>): string[] {
  return characters.flatMap((c) => [c.name, ...c.aliases]);
}

interface Match {
  m: RegExpExecArray;
  from: number;
  to: number;
}

/** A pattern's regex with match indices, for mapping a first-person view's matches back. */
const INDEXED = new Map<RegExp, RegExp>();

/** The pattern's matches in `text`, or in the first-person view (only those touching a rewritten name, mapped back). */
function* matches(pattern: Pattern, text: string, view?: FirstPersonView): Generator<Match> {
  if (!view) {
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m; m = pattern.regex.exec(text)) yield { m, from: m.index, to: m.index + m[0].length };
    return;
  }
  let regex = INDEXED.get(pattern.regex);
  if (!regex) INDEXED.set(pattern.regex, (regex = new RegExp(pattern.regex.source, `${pattern.regex.flags}d`)));
  regex.lastIndex = 0;
  for (let m = regex.exec(view.text); m; m = regex.exec(view.text)) {
    if (!view.touches(m.index, m.index + m[0].length) || !m.indices) continue;
    // A group inside a rewritten place keeps the view's words ("carry" for "carries"); others are the player's own.
    const groups = m.indices.map((span, i) =>
      !span ? undefined : i > 0 && view.inside(span[0], span[1]) ? m[i] : text.slice(...view.original(span[0], span[1])),
    ) as string[];
    const [from, to] = view.original(m.indices[0][0], m.indices[0][1]);
    yield { m: Object.assign(groups, { index: from, input: text, groups: undefined }) as RegExpExecArray, from, to };
  }
}

/**
 * Facts the player established in `text` at `turn`, deduplicated. `language` picks which
 * language's patterns are tried first; both are always tried, since players mix them.
 */
export function extractFacts(text: string, turn: number, playerName: string, language: string, options: ExtractOptions = {}): Fact[] {
  const facts: Fact[] = [];
  const seen = new Set<string>();
  // Two patterns reading one stretch of text as the same kind of fact ("我发誓，无论如何，我都会…") give one fact.
  const spans: Array<{ kind: FactKind; from: number; to: number }> = [];
  const zh = language.toLowerCase().startsWith('zh');
  const patterns = zh ? [...CHINESE, ...ENGLISH] : [...ENGLISH, ...CHINESE];
  const view = options.characters ? firstPersonView(text, playerName, options.characters) : undefined;
  // The name a player narrates under is the one they play as: reading it back would add nothing.
  const passes = [
    ...patterns.map((p) => [p, undefined] as const),
    ...(view ? patterns.filter((p) => p.kind !== 'name').map((p) => [p, view] as const) : []),
  ];
  for (const [pattern, through] of passes) {
    for (const { m, from, to } of matches(pattern, text, through)) {
      const found = pattern.render(m, playerName);
      if (!found) continue;
      if (spans.some((s) => s.kind === pattern.kind && s.from < to && from < s.to)) continue;
      // Two patterns can say one thing ("I'm a smith by trade"): the first wording stays.
      const keys = [normaliseFact(found.text), `${pattern.kind}|${normaliseFact(found.subject)}|${normaliseFact(found.value)}`];
      if (keys.some((k) => seen.has(k))) continue;
      keys.forEach((k) => seen.add(k));
      spans.push({ kind: pattern.kind, from, to });
      facts.push({
        id: factId(pattern.kind, found.text),
        text: found.text,
        kind: pattern.kind,
        turn,
        source: 'player',
        subject: found.subject,
        value: found.value,
      });
    }
  }
  return facts;
}
