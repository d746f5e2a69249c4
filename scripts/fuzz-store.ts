/**
 * `npm run fuzz:store` (and `npm run fuzz`, with the hostile-input fuzz): the store fuzz at full size, 1,000 cases each of one-byte damage at random
 * offsets of real session files and of wrong-shaped records, printing the counts BENCHMARKS.md
 * quotes (see tests/hardening/store-fuzz.ts). Exits 1 when a turn is hidden, changed without a
 * warning, or an error escapes.
 */
import { fuzz, oneByteDamage, realSession, wrongShape, type FuzzTotals } from '../tests/hardening/store-fuzz.js';

const cases = Number(process.argv[2] ?? 1000);
const started = Date.now();
const sessions = [await realSession(20, 11), await realSession(12, 12), await realSession(30, 13)];
const bytes = sessions.reduce((n, s) => n + s.bytes.length, 0);
process.stdout.write(
  `store fuzz: ${sessions.length} real session files (20, 12 and 30 turns, ${Math.round(bytes / 1024)} kB), ${cases} cases each\n`,
);
let failed = false;
const report = (name: string, t: FuzzTotals) => {
  failed ||= t.hidden > 0 || t.silent > 0 || t.unexpected > 0;
  process.stdout.write(
    `${name.padEnd(22)} cases ${t.cases}  turns hidden or lost (intact) ${t.hidden}  changed without a warning ${t.silent}  unexpected errors ${t.unexpected}  damaged turns lost (named) ${t.lostDamaged}  cases warned ${t.warned}\n`,
  );
  for (const example of t.examples) process.stdout.write(`  e.g. ${example}\n`);
};
report('one-byte damage', await fuzz(sessions, cases, 1, oneByteDamage));
report('wrong-shaped records', await fuzz(sessions, cases, 2, wrongShape));
process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exitCode = failed ? 1 : 0;
