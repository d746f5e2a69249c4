/**
 * The steps of the turn the Session calls, gathered in one place so the orchestrator has a single
 * list of what it depends on: lore, prompt, memory, pacing, planner, carousel and critics.
 */
export { TokenCounter, countTokens } from '../tokens.js';
export { compileLore } from '../lore/index.js';
export { buildPrompt } from '../prompt/index.js';
export type { PromptInput } from '../prompt/index.js';
export { addFacts, emptyMemory, extractFacts, pinFact, forgetFact, updateSummary, scrolledOut } from '../memory/index.js';
export type { SummaryOptions } from '../memory/index.js';
export { PacingModel } from '../pacing/index.js';
export { planTurn, neutralPlan } from '../planner/index.js';
export { variantsFor, planForVariant, rankCandidates } from '../carousel/index.js';
export { critiqueCandidate, runCritics, aggregateScore, repairReply } from '../critics/index.js';
export type { CriticContext } from '../critics/index.js';
