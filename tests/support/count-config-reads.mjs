// Preloaded (`node --import`) into a spawned CLI: notes each read of a config.json in the file
// SKALD_COUNT_READS names, one line each, the file then the functions it was read through. It only
// watches: the file is read as always. The built CLI is one bundle, so the config layer's own file
// access (src/config/store.ts, which in-process tests count through) cannot be reached from outside.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const log = process.env.SKALD_COUNT_READS;
const read = fs.readFileSync;
fs.readFileSync = function readFileSync(path, ...rest) {
  if (log && String(path).endsWith('config.json')) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 40;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    const callers = [...stack.matchAll(/^\s+at (?:async )?([\w$.<>]+) \(/gm)].map((m) => m[1]);
    fs.appendFileSync(log, `${String(path)}\t${callers.join(' ')}\n`);
  }
  return read.call(this, path, ...rest);
};
// The bundle imports readFileSync by name: its binding follows the module object from here on.
syncBuiltinESMExports();
