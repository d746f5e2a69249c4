/**
 * Old space compacted at every full collection. A turn's working objects outlive the capped young
 * generation's scavenges and are promoted beside the few that the story keeps, so every old-space
 * page ends up 30-60% live. V8 evacuates a page only when it is ~70% free, 4 MB a collection, and
 * releases only empty pages: after 1,000 headless turns and two full collections old space stayed
 * 40-100 MB committed around 35 MB live, the run-to-run spread of the memory suite. With every
 * full collection compacting, it stays at what is live (BENCHMARKS.md, issue 16). Full collections
 * are rare (10-20 in 1,000 turns); each one copies what is live. Like young-generation.ts, this
 * sets a V8 flag after start (`v8.setFlagsFromString`, which Node documents as unsupported): V8
 * reads this one when it picks evacuation candidates, at each full collection.
 */
import { setFlagsFromString } from 'node:v8';

/** Makes every full collection from now on evacuate old space's pages into as few as hold what is live. */
export function compactOnFullCollections(): void {
  setFlagsFromString('--compact-on-every-full-gc');
}
