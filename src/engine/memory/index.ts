/** Long-range memory: the fact ledger and the rolling summary. */
export { extractFacts, factId, normaliseFact } from './facts.js';
export { MAX_FACTS, addFacts, emptyMemory, forgetFact, pinFact, recordPlayerFacts } from './ledger.js';
export { DEFAULT_SUMMARY_TOKENS, extractiveSummary, scrolledOut, updateSummary } from './summary.js';
export type { SummaryOptions } from './summary.js';
export { renderMemory } from './render.js';
