/**
 * Old space compacted at every full collection once the heap has stopped growing fast. A turn's
 * working objects outlive the capped young generation's scavenges and are promoted beside the few
 * that the story keeps, so every old-space page ends up 30-60% live. V8 evacuates a page only when
 * it is ~70% free, ~4 MB a collection, and releases only empty pages: after 1,000 headless turns
 * and two full collections old space stayed 40-100 MB committed around 35 MB live, the memory
 * suite's run-to-run spread. With every full collection compacting it stays at what is live
 * (BENCHMARKS.md, issue 16). While what is live grows fast (a long story being loaded) compacting
 * would copy it all at each collection for little gain (resuming 10,000 turns took ~1.4x as long),
 * so it is on only while the old space's live size grew less than `STEADY_GROWTH` since the full
 * collection before: a played story grows 9-18% between them once past its first turns, a story
 * being loaded far more. Like young-generation.ts this sets a V8 flag after start
 * (`v8.setFlagsFromString`, which Node documents as unsupported); V8 reads this one each time a
 * full collection picks the pages to evacuate.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Live old space may grow this much between full collections and still count as steady. */
export const STEADY_GROWTH = 1.25;

/**
 * Watches full collections and, from the second one on, makes the next one compact old space
 * whenever the live size is steady, and leave it to V8's own choice while it grows. Idempotent.
 */
export function compactOnFullCollections(): void {
  if (watching) return;
  watching = true;
  // The first full collection only sets the mark: before it nothing says whether the heap is steady.
  let lastLive = 0;
  let compacting = false;
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntries().some(isFullCollection)) return;
    const live = getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;
    const steady = live <= lastLive * STEADY_GROWTH;
    lastLive = live;
    if (steady === compacting) return;
    compacting = steady;
    setFlagsFromString(steady ? '--compact-on-every-full-gc' : '--no-compact-on-every-full-gc');
  });
  observer.observe({ entryTypes: ['gc'] });
}

function isFullCollection(entry: PerformanceEntry): boolean {
  return (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
}

let watching = false;
