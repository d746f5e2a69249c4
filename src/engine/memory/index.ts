/** Long-range memory: the fact ledger and the rolling summary. */
export { characterNames, extractFacts, factId, normaliseFact } from './facts.js';
export { MAX_FACTS, addFacts, emptyMemory, forgetFact, pinFact, recordPlayerFacts } from './ledger.js';
export { DEFAULT_SUMMARY_TOKENS, extractiveSummary, modelFacts, scrolledOut, updateSummary } from './summary.js';
export type { SummaryOptions, SummaryUpdate } from './summary.js';
export { SUMMARY_BATCH_TURNS, summaryBatch } from './summary-batch.js';
export { parseSummaryReply, summaryJsonSchema } from './summary-reply.js';
export type { ModelFact, SummaryResult } from './summary-reply.js';
export { renderMemory } from './render.js';
