/** Lore activation: compile once per pack, activate per turn. */
export { compileLore } from './compile.js';
export { activateLore, DEFAULT_SCAN_DEPTH, MAX_LORE_PASSES, MAX_SCAN_DEPTH } from './activate.js';
export type { ActivateInput, ActivateResult, CompiledLore, LoreSuppressed } from './types.js';
