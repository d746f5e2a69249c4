// Preloaded (`node --import`) into a spawned CLI: holds the launcher's import of the CLI itself
// (dist/main.js) for SKALD_SLOW_LOAD_MS, after writing the file SKALD_SLOW_LOAD_MARK names. A
// loaded machine takes that long to read the CLI's modules; here the test knows when the window
// is, so it types into it instead of racing node's start.
import { register } from 'node:module';

register('./slow-cli-load-hooks.mjs', import.meta.url);
