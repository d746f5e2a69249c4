/**
 * The lore engine as it was before the recursion pass kept each entry text's scan and regex keys
 * were screened by their literals (main at 172c443, src/engine/lore and src/text/pattern.ts),
 * kept unchanged as the oracle of differential.test.ts: the engine must activate exactly what
 * this activates. timed.ts and decorators.ts are the engine's own (those rules were not touched).
 */
export { compileLore } from './compile.js';
export { activateLore } from './activate.js';
