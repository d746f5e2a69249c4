#!/usr/bin/env node
// A tiny shim: the real CLI is the bundle in dist/ (built by `npm install` via `prepare`).
import('../dist/launch.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/launch.js')) {
    process.stderr.write('skald: the CLI is not built yet; run `npm install` (or `npm run build`) in the skald folder.\n');
    process.exit(1);
  }
  throw error;
});
