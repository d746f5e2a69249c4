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
 * Adds facts to the ledger: duplicates are skipped, a newer name replaces an older one, and past
 * `MAX_FACTS` the least lasting, oldest unpinned facts are dropped.
 */
export function addFacts(memory: MemoryState, facts: readonly Fact[]): MemoryState {
  if (facts.length === 0) return memory;
  let ledger = [...memory.facts];
  const known = new Set(ledger.map((f) => normaliseFact(f.text)));
  for (const fact of facts) {
    const key = normaliseFact(fact.text);
    if (known.has(key)) continue;
    if (fact.kind === 'name' && fact.source === 'player') {
      ledger = ledger.filter((f) => !(f.kind === 'name' && f.source === 'player'));
    }
    known.add(key);
    ledger.push(fact);
  }
  return { ...memory, facts: capLedger(ledger) };
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
const KEEP_RANK: Record<Fact['kind'], number> = { possession: 0, place: 0, other: 0, promise: 1, relationship: 2, name: 3 };

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
