/**
 * What the client suite drives of skald: the CLI's session setup, the headless turn line, and the
 * token counter's data as the CLI's main points it. bench/bundle.ts bundles this file as
 * scripts/build.mjs bundles the CLI, so the suite runs the code a player runs.
 */
export { setupSession } from '../src/cli/session-setup.js';
export { turnLine } from '../src/cli/play-headless.js';
export { useCompactTokenizer } from '../src/cli/tokenizer-data.js';
