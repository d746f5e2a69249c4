// Preloaded (`node --expose-gc --require bench/rss-probe.cjs ...`) into a skald process by the
// memory suite: on SIGWINCH (a signal no exit hook in the bundle, like when-exit's, ends the process on) it collects garbage and reports memory on stderr as one JSON line.
// Preloads also run in worker threads; only the main thread answers, and only once per signal.
const { isMainThread } = require('node:worker_threads');
if (isMainThread && !global.__skaldRssProbe) {
  global.__skaldRssProbe = true;
  let last = 0;
  process.on('SIGWINCH', () => {
    // A library that hooks process.emit (signal-exit) can deliver one signal twice.
    if (Date.now() - last < 250) return;
    last = Date.now();
    if (global.gc) {
      global.gc();
      global.gc();
    }
    const m = process.memoryUsage();
    process.stderr.write(
      `${JSON.stringify({
        probe: true,
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
        maxRss: process.resourceUsage().maxRSS * 1024,
        spaces: require('node:v8')
          .getHeapSpaceStatistics()
          .map((s) => [s.space_name, Math.round(s.space_size / 1e6), Math.round(s.space_used_size / 1e6)]),
      })}\n`,
    );
  });
}
