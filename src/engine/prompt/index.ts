/** The prompt builder. */
export { buildPrompt, DEFAULT_BUDGET, DEFAULT_HISTORY_MESSAGES } from './build.js';
export { stopSequences } from './stop.js';
export { localeFor } from './locale.js';
export type { PromptInput } from './types.js';
export { overflowMessage, type PromptRoom } from './overflow.js';
