/**
 * The fact ledger: what the player established, always in the prompt, bounded so a long story
 * cannot grow it without end. Pinned facts (`/remember`) are never dropped.
 */
import type { Fact, MemoryState } from '../types.js';
import { extractFacts, factId, normaliseFact } from './facts.js';

/** Facts kept at most; the oldest unpinned ones go first. */
export const MAX_FACTS = 40;

/** A memory with nothing in it yet. */
export function emptyMemory(): MemoryState {
  return { summary: '', summaryThrough: 0, facts: [] };
}

/**
 * Adds facts to the ledger: duplicates are skipped; a fact that contradicts one already there
 * (same kind and subject, another value) replaces it when it comes from the same turn or a later
 * one, and is dropped when the one there is later; past `MAX_FACTS` the least lasting, oldest
 * unpinned facts are dropped. Pinned facts are never replaced.
 */
export function addFacts(memory: MemoryState, facts: readonly Fact[]): MemoryState {
  if (facts.length === 0) return memory;
  let ledger = [...memory.facts];
  for (const fact of facts) {
    const key = normaliseFact(fact.text);
    if (ledger.some((f) => normaliseFact(f.text) === key || sameClaim(f, fact))) continue;
    const rivals = ledger.filter((f) => contradicts(f, fact));
    if (rivals.some((f) => f.source === 'pinned' || f.turn > fact.turn)) continue;
    ledger = ledger.filter((f) => !rivals.includes(f));
    ledger.push(fact);
  }
  return { ...memory, facts: capLedger(ledger) };
}

/** Subjects that name the player rather than a thing: too broad to key a contradiction on. */
const BROAD = new Set(['player', 'the player', "the player's character", '玩家', '玩家角色', 'i', 'me', '我']);

/** The kinds where the player has one value at a time even when the subject is the player. */
const SINGLE = new Set<Fact['kind']>(['name']);

function key(text: string | undefined): string {
  return normaliseFact(text ?? '');
}

/** Same kind, subject and value: the same fact in other words (a pattern's and the model's). */
function sameClaim(a: Fact, b: Fact): boolean {
  return (
    Boolean(a.subject && b.subject && a.value && b.value) &&
    a.kind === b.kind &&
    key(a.subject) === key(b.subject) &&
    key(a.value) === key(b.value)
  );
}

/** What a fact is about; a name from a session saved before facts had subjects is the player's. */
function subjectOf(fact: Fact): string | undefined {
  return fact.subject ?? (fact.kind === 'name' && fact.source !== 'pinned' ? 'player' : undefined);
}

/** Same kind and subject with another value: "Wren is my brother" then "Wren is my cousin". */
function contradicts(older: Fact, newer: Fact): boolean {
  const [a, b] = [subjectOf(older), subjectOf(newer)];
  if (older.kind !== newer.kind || !a || !b) return false;
  const subject = key(b);
  if (subject !== key(a)) return false;
  if (BROAD.has(subject) && !SINGLE.has(newer.kind)) return false;
  return key(older.value ?? older.text) !== key(newer.value ?? newer.text);
}

/** Extracts the facts in a player's message and adds them to the ledger. */
export function recordPlayerFacts(memory: MemoryState, text: string, turn: number, playerName: string, language: string): MemoryState {
  return addFacts(memory, extractFacts(text, turn, playerName, language));
}

/** Pins a fact the player asked to keep (`/remember`). */
export function pinFact(memory: MemoryState, text: string, turn: number): { memory: MemoryState; fact: Fact } {
  const clean = text.replace(/\s+/g, ' ').trim();
  const existing = memory.facts.find((f) => normaliseFact(f.text) === normaliseFact(clean));
  if (existing) {
    // Pinning what was extracted makes it permanent rather than adding a second copy.
    const fact: Fact = { ...existing, source: 'pinned' };
    return { memory: { ...memory, facts: memory.facts.map((f) => (f === existing ? fact : f)) }, fact };
  }
  const fact: Fact = { id: factId('other', `${clean}#${turn}`), text: clean, kind: 'other', turn, source: 'pinned' };
  return { memory: { ...memory, facts: capLedger([...memory.facts, fact]) }, fact };
}

/** Removes a fact by id; the memory is returned unchanged when no fact has that id. */
export function forgetFact(memory: MemoryState, id: string): MemoryState {
  if (!memory.facts.some((f) => f.id === id)) return memory;
  return { ...memory, facts: memory.facts.filter((f) => f.id !== id) };
}

/** How long a kind of fact is worth keeping: names and relationships outlast possessions. */
const KEEP_RANK: Record<Fact['kind'], number> = { possession: 0, place: 0, other: 0, preference: 0, promise: 1, relationship: 2, name: 3 };

/** Drops the least lasting, then oldest, unpinned facts past `MAX_FACTS`. */
function capLedger(facts: Fact[]): Fact[] {
  const excess = facts.length - MAX_FACTS;
  if (excess <= 0) return facts;
  const droppable = facts
    .map((fact, index) => ({ fact, index }))
    .filter(({ fact }) => fact.source !== 'pinned')
    .sort((a, b) => KEEP_RANK[a.fact.kind] - KEEP_RANK[b.fact.kind] || a.fact.turn - b.fact.turn || a.index - b.index)
    .slice(0, excess);
  const drop = new Set(droppable.map(({ index }) => index));
  return facts.filter((_, index) => !drop.has(index));
}
