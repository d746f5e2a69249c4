/**
 * Lore activation per turn: one automaton pass over the last few messages finds every plain key,
 * regex keys are tested on their own, and only the entries whose keys matched are evaluated.
 * Every decision is kept for the debug pane: which key matched in which message, and what the
 * budget, a group or an exclude key kept out.
 */
import type { LoreEntry, LoreMatchSource, LoreTrigger } from '../../world/types.js';
import { delayLevel } from './compile.js';
import type { LoreFiring } from '../types.js';
import { excerptAround } from './text.js';
import { drawGroups, groupsOf, passesRoll, timedState } from './timed.js';
import { scanActiveTexts } from './recursion.js';
import { scanRegexKeys, scanText, type Hit, type Hits } from './scan.js';
import type { ActivateInput, ActivateResult, CompiledEntry, CompiledLore, LoreSkipReason, LoreSuppressed } from './types.js';

/** Messages scanned when neither the caller nor the entry says otherwise. */
export const DEFAULT_SCAN_DEPTH = 4;
/** Per-entry `depth` is honoured up to this many messages, so one odd entry cannot slow every turn. */
export const MAX_SCAN_DEPTH = 64;
/** Scans a turn makes at most when recursion is not limited: a chain of lore deeper than this is unlikely to be meant. */
export const MAX_LORE_PASSES = 16;

interface Match {
  item: CompiledEntry;
  firing: Omit<LoreFiring, 'tokens'>;
  excluded: boolean;
  /** Keys that matched, primary and secondary (group scoring). */
  score: number;
  /** Held by its sticky span rather than matched anew. */
  sticky: boolean;
}

/**
 * Which lore entries go into the prompt this turn, in priority order within `budget` tokens, with
 * the reasons. Recursion as SillyTavern runs it: each pass scans the text of the entries active so
 * far (not `preventRecursion` ones) for entries not yet decided (not `excludeRecursion` ones), until
 * a pass adds nothing or `maxRecursionSteps` passes were made; `delayUntilRecursion` entries wait
 * for a recursion pass of their level (the story's messages count there too), and a level opens
 * when the one before it adds nothing. Entries with `triggers` fire only on those generations, and
 * `matchSources` add texts outside the story. Sticky, cooldown, delay, probability and inclusion
 * groups as in timed.ts.
 */
export function activateLore(compiled: CompiledLore, input: ActivateInput): ActivateResult {
  const scanDepth = Math.max(0, input.scanDepth ?? DEFAULT_SCAN_DEPTH);
  const maxDepth = Math.min(MAX_SCAN_DEPTH, Math.max(scanDepth, compiled.maxEntryDepth));
  const depthOf = (item: CompiledEntry): number => Math.min(MAX_SCAN_DEPTH, item.entry.scanDepth ?? scanDepth);
  const generation: readonly LoreTrigger[] = typeof input.trigger === 'string' ? [input.trigger] : (input.trigger ?? ['normal']);
  const triggered = (entry: LoreEntry): boolean => !entry.triggers?.length || entry.triggers.some((t) => generation.includes(t));
  const timely = (entry: LoreEntry): boolean => turnAllows(entry, input.turn) && triggered(entry);
  const messageCount = input.messageCount ?? input.messages.length;
  const stateOf = (entry: LoreEntry) => timedState(entry, messageCount, input.lastFired?.get(entry.id));
  const present = input.present ? new Set(input.present.map((n) => n.trim().toLowerCase())) : undefined;
  const barredBy = (entry: LoreEntry) => castBars(entry, present);

  // Pass 1: the recent messages, newest first.
  const hits: Hits = new Map();
  const recent = input.messages.slice(Math.max(0, input.messages.length - maxDepth)).reverse();
  recent.forEach((message, depth) => scanText(compiled, message.text, hits, { depth, turn: message.turn }));
  scanRegexKeys(compiled, recent, hits, depthOf, timely);

  // Texts outside the story, each scanned on its own: an entry reads only those it names.
  const sourceHits = new Map<LoreMatchSource, Hits>();
  if (compiled.matchesSources && input.sources) {
    for (const [source, text] of Object.entries(input.sources) as [LoreMatchSource, string | undefined][]) {
      if (!text) continue;
      const found: Hits = new Map();
      scanText(compiled, text, found, { depth: 0, turn: input.turn });
      scanRegexKeys(compiled, [{ role: 'narrator', text, turn: input.turn }], found, () => 1, timely);
      sourceHits.set(source, found);
    }
  }
  const withinDepth = (item: CompiledEntry, key: number): Hit | undefined => {
    const hit = hits.get(key);
    if (hit && hit.depth < depthOf(item)) return hit;
    for (const source of item.entry.matchSources ?? []) {
      const found = sourceHits.get(source)?.get(key);
      if (found) return found;
    }
    return undefined;
  };

  const matches: Match[] = [];
  const seen = new Set<number>();
  const consider = (index: number): void => {
    if (seen.has(index)) return;
    seen.add(index);
    const item = compiled.entries[index];
    if (!item.entry.enabled || !timely(item.entry) || item.entry.delayUntilRecursion) return;
    const match = evaluate(compiled, item, input.turn, (key) => withinDepth(item, key));
    if (match) matches.push(match);
  };
  // Entries inside their sticky span stay, matched or not, without a new roll.
  for (const index of compiled.stickies) {
    const item = compiled.entries[index];
    if (!item.entry.enabled || !triggered(item.entry) || stateOf(item.entry) !== 'sticky') continue;
    seen.add(item.index);
    matches.push({
      item,
      firing: { id: item.entry.id, key: 'sticky', turn: input.turn, excerpt: `held for ${item.entry.sticky} messages` },
      excluded: false,
      score: 0,
      sticky: true,
    });
  }
  for (const index of compiled.constants) consider(index);
  for (const [key] of hits) {
    const k = compiled.keys[key];
    if (k.role === 'primary') consider(k.entry);
  }
  for (const found of sourceHits.values()) {
    for (const [key] of found) {
      const k = compiled.keys[key];
      if (k.role === 'primary') consider(k.entry);
    }
  }

  const result: ActivateResult = { active: [], fired: [], cut: [], suppressed: [] };
  const groupsTaken = new Set<string>();
  let used = 0;
  used = admit(settle(matches, input.random, stateOf, barredBy, result), input, groupsTaken, used, result);

  // Recursion passes over the text of what is active so far. Entries that matched in a pass are
  // decided; the others may still be reached from lore.
  const decided = new Set(matches.map((m) => m.item.index));
  const levels = [...compiled.delayLevels];
  let level = levels.shift() ?? 0;
  const steps = input.maxRecursionSteps && input.maxRecursionSteps > 0 ? input.maxRecursionSteps : MAX_LORE_PASSES;
  let feeding = result.active.filter((e) => !e.preventRecursion);
  let fresh = feeding.length > 0;
  for (let pass = 2; pass <= steps; pass++) {
    if (!fresh) {
      // Nothing new: the next level of delayed entries gets its pass, over the same texts.
      if (levels.length === 0) break;
      level = levels.shift() as number;
    }
    const recursionHits = scanActiveTexts(compiled, feeding, input.turn, timely);
    const candidates = new Set<number>();
    for (const [key] of recursionHits) {
      const k = compiled.keys[key];
      if (k.role === 'primary') candidates.add(k.entry);
    }
    // A delayed entry's pass scans the story too (SillyTavern's buffer holds both).
    if (level > 0) {
      for (const [key] of hits) {
        const k = compiled.keys[key];
        if (k.role === 'primary' && compiled.entries[k.entry].entry.delayUntilRecursion) candidates.add(k.entry);
      }
    }
    const found: Match[] = [];
    for (const index of candidates) {
      if (decided.has(index)) continue;
      const item = compiled.entries[index];
      if (!item.entry.enabled || !timely(item.entry) || item.entry.excludeRecursion || delayLevel(item.entry) > level) continue;
      const lookup = (key: number): Hit | undefined => recursionHits.get(key) ?? withinDepth(item, key);
      const delayed = delayLevel(item.entry) > 0;
      const match = evaluate(compiled, item, input.turn, lookup, delayed ? undefined : (key) => recursionHits.has(key));
      if (match) found.push(match);
    }
    for (const m of found) decided.add(m.item.index);
    const before = result.active.length;
    used = admit(settle(found, input.random, stateOf, barredBy, result), input, groupsTaken, used, result);
    const added = result.active.slice(before).filter((e) => !e.preventRecursion);
    fresh = added.length > 0;
    feeding = [...feeding, ...added];
  }

  // Keep one order for the prompt: priority, then the pack's order.
  const order = new Map(result.active.map((e) => [e.id, e]));
  const rank = (id: string): [number, number] => {
    const item = compiled.byId.get(id);
    return [-(order.get(id)?.priority ?? 0), item?.index ?? 0];
  };
  const byRank = (a: { id: string }, b: { id: string }): number => {
    const [pa, ia] = rank(a.id);
    const [pb, ib] = rank(b.id);
    return pa - pb || ia - ib;
  };
  result.active.sort(byRank);
  result.fired.sort(byRank);
  return result;
}

/**
 * Why the scene's characters keep the entry out (`onlyWith` names none of them, or `notWith` names
 * one: SillyTavern's characterFilter), or undefined. Without a scene every entry may fire.
 */
function castBars(entry: LoreEntry, present: ReadonlySet<string> | undefined): string | undefined {
  if (!present) return undefined;
  if (entry.onlyWith?.length && !entry.onlyWith.some((n) => present.has(n.trim().toLowerCase())))
    return `only with ${entry.onlyWith.join(', ')} in the scene`;
  const barred = (entry.notWith ?? []).filter((n) => present.has(n.trim().toLowerCase()));
  return barred.length > 0 ? `not with ${barred.join(', ')} in the scene` : undefined;
}

/** `activateOnlyAfter` (turn > N) and `activateOnlyEvery` (turn % N === 0). */
function turnAllows(entry: LoreEntry, turn: number): boolean {
  if (entry.activateOnlyAfter !== undefined && !(turn > entry.activateOnlyAfter)) return false;
  if (entry.activateOnlyEvery !== undefined && entry.activateOnlyEvery > 0 && turn % entry.activateOnlyEvery !== 0) return false;
  return true;
}

/**
 * Whether an entry matches: constant, or a primary key plus its secondary logic. Exclude keys are
 * reported as a match that stays out, so the debug pane can say why.
 */
function evaluate(
  compiled: CompiledLore,
  item: CompiledEntry,
  turn: number,
  hitOf: (key: number) => Hit | undefined,
  primaryOnly?: (key: number) => boolean,
): Match | undefined {
  const { entry } = item;
  let firing: Omit<LoreFiring, 'tokens'> | undefined;
  const score = [...item.primary, ...item.secondary].filter((key) => hitOf(key) !== undefined).length;
  if (entry.constant) {
    firing = { id: entry.id, key: 'constant', turn, excerpt: '' };
  } else {
    // The newest matching primary key explains the firing best.
    let best: { key: number; hit: Hit } | undefined;
    for (const key of item.primary) {
      if (primaryOnly && !primaryOnly(key)) continue;
      const hit = hitOf(key);
      if (hit && (!best || hit.depth < best.hit.depth)) best = { key, hit };
    }
    if (!best) return undefined;
    if (!secondaryAllows(item, hitOf)) return undefined;
    firing = describe(entry.id, best.hit, best.hit.via ? `recursion:${best.hit.via}` : compiled.keys[best.key].source);
  }
  for (const key of item.exclude) {
    const hit = hitOf(key);
    if (hit) {
      return {
        item,
        firing: { ...firing, excerpt: `excluded by "${compiled.keys[key].source}": ${excerptAround(hit.text, hit.start, hit.end)}` },
        excluded: true,
        score,
        sticky: false,
      };
    }
  }
  return { item, firing, excluded: false, score, sticky: false };
}

function secondaryAllows(item: CompiledEntry, hitOf: (key: number) => Hit | undefined): boolean {
  if (item.secondary.length === 0) return true;
  const matched = item.secondary.filter((key) => hitOf(key) !== undefined).length;
  switch (item.entry.selectiveLogic) {
    case 'and_all':
      return matched === item.secondary.length;
    case 'not_any':
      return matched === 0;
    case 'not_all':
      return matched < item.secondary.length;
    case 'and_any':
    default:
      return matched > 0;
  }
}

function describe(id: string, hit: Hit, key: string): Omit<LoreFiring, 'tokens'> {
  return { id, key, turn: hit.turn, excerpt: excerptAround(hit.text, hit.start, hit.end) };
}

/**
 * The matches that may enter, the rest recorded with the reason: the scene's characters first
 * (SillyTavern filters by character before anything else), cooldown and delay, then one member
 * per inclusion group, then each one's probability roll (a sticky entry rolls no more).
 */
function settle(
  matches: Match[],
  random: (() => number) | undefined,
  stateOf: (entry: LoreEntry) => ReturnType<typeof timedState>,
  barredBy: (entry: LoreEntry) => string | undefined,
  result: ActivateResult,
): Match[] {
  const skip = (m: Match, reason: LoreSkipReason, why: string) => result.suppressed.push({ ...m.firing, excerpt: why, tokens: 0, reason });
  const due: Match[] = [];
  for (const m of matches) {
    const barred = m.excluded ? undefined : barredBy(m.item.entry);
    const state = m.sticky || m.excluded || barred ? undefined : stateOf(m.item.entry);
    if (barred) skip(m, 'excluded', barred);
    else if (state === 'cooldown') skip(m, 'cooldown', `cooling down for ${m.item.entry.cooldown} messages`);
    else if (state === 'delay') skip(m, 'delay', `waits until the story has ${m.item.entry.delay} messages`);
    else due.push(m);
  }
  const grouped = due.filter((m) => !m.excluded && groupsOf(m.item.entry).length > 0);
  const { losers } = drawGroups(
    grouped.map((m) => ({ entry: m.item.entry, score: m.score, sticky: m.sticky, index: m.item.index, match: m })),
    random,
  );
  const lost = new Set([...losers].map((l) => l.match));
  const out: Match[] = [];
  for (const m of due) {
    if (lost.has(m)) {
      skip(m, 'group', `another entry of group "${m.item.entry.group}" was drawn`);
      continue;
    }
    const roll = m.sticky || m.excluded ? { pass: true } : passesRoll(m.item.entry, random);
    if (!roll.pass) skip(m, 'probability', `rolled ${roll.roll} against ${m.item.entry.probability}%`);
    else out.push(m);
  }
  return out;
}

/**
 * Admits matches by priority within the remaining budget; a group that an entry of the first pass
 * took stays closed to recursion. Returns the tokens used so far.
 */
function admit(matches: Match[], input: ActivateInput, groupsTaken: Set<string>, used: number, result: ActivateResult): number {
  const ordered = [...matches].sort(
    (a, b) =>
      b.item.entry.priority - a.item.entry.priority ||
      Number(b.item.entry.constant) - Number(a.item.entry.constant) ||
      a.item.index - b.item.index,
  );
  for (const match of ordered) {
    const tokens = input.counter.count(match.item.entry.text);
    // Written out, not `{ ...match.firing, tokens }`: Node 20's V8 gives each object spread with a new key a hidden class of its own (~250 bytes, ~7 firings a turn kept in the tree).
    const { id, key, turn, excerpt } = match.firing;
    const firing: LoreFiring = { id, key, turn, excerpt, tokens };
    if (match.excluded) {
      result.suppressed.push({ ...firing, reason: 'excluded' } satisfies LoreSuppressed);
      continue;
    }
    const groups = groupsOf(match.item.entry);
    if (groups.some((g) => groupsTaken.has(g))) {
      result.suppressed.push({ ...firing, reason: 'group' });
      continue;
    }
    // A group goes to its drawn member even when that one is then cut by the budget.
    for (const g of groups) groupsTaken.add(g);
    // An entry that ignores the budget is let in whatever is spent, and spends none of it (SillyTavern's ignoreBudget).
    const free = match.item.entry.ignoreBudget === true;
    if (!free && used + tokens > input.budget) {
      result.cut.push(firing);
      continue;
    }
    if (!free) used += tokens;
    result.active.push(match.item.entry);
    result.fired.push(firing);
  }
  return used;
}
