// Preloaded (NODE_OPTIONS='--require bench/rss-probe.cjs') into a skald process that the memory
// suite starts as a player does, through bin/skald.js and its shebang: on SIGWINCH (a signal no
// exit hook in the bundle, like when-exit's, ends the process on) it collects garbage and reports
// memory on stderr as one JSON line.
// Preloads also run in worker threads; only the main thread answers, and only once per signal.
const { isMainThread } = require('node:worker_threads');
const v8 = require('node:v8');
const vm = require('node:vm');
const { setTimeout } = require('node:timers');

/** V8's gc(), without --expose-gc on the command line (which would not be the player's command). */
function collector() {
  if (typeof global.gc === 'function') return global.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

/**
 * V8 hands the pages a full collection freed back to the system from a background thread, over
 * the next ~100-500 ms (later on a loaded machine): a reading taken at once counts memory the
 * process is already giving back (15-60 MB after 1,000 turns). The probe waits half a second, then
 * reads every 200 ms until two readings agree within half a megabyte (at most 5 s), and reports
 * the first reading too.
 */
function settledRss(done) {
  const first = process.memoryUsage.rss();
  let last = -1;
  let polls = 0;
  const poll = () => {
    const now = process.memoryUsage.rss();
    polls += 1;
    if (Math.abs(now - last) < 512 * 1024 || polls >= 23) done(first);
    else {
      last = now;
      setTimeout(poll, 200);
    }
  };
  setTimeout(poll, 500);
}

if (isMainThread && !global.__skaldRssProbe) {
  global.__skaldRssProbe = true;
  let last = 0;
  process.on('SIGWINCH', () => {
    // A library that hooks process.emit (signal-exit) can deliver one signal twice.
    if (Date.now() - last < 250) return;
    last = Date.now();
    const gc = collector();
    gc();
    gc();
    // The heap as the collections left it; a turn still in flight may allocate while the RSS settles.
    const m = process.memoryUsage();
    const spaces = v8.getHeapSpaceStatistics();
    settledRss((rssAtGc) => {
      process.stderr.write(
        `${JSON.stringify({
          probe: true,
          rss: process.memoryUsage.rss(),
          rssAtGc,
          heapUsed: m.heapUsed,
          heapTotal: m.heapTotal,
          external: m.external,
          arrayBuffers: m.arrayBuffers,
          maxRss: process.resourceUsage().maxRSS * 1024,
          spaces: spaces.map((s) => [s.space_name, Math.round(s.space_size / 1e6), Math.round(s.space_used_size / 1e6)]),
        })}\n`,
        // The bare-node baseline asks to end once it has answered.
        () => process.env.SKALD_PROBE_EXIT === '1' && process.exit(0),
      );
    });
  });
}
