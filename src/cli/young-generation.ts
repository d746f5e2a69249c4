/**
 * A ceiling on V8's young generation. Its semi-spaces double whenever enough survives a scavenge,
 * up to 16 MB each on 64-bit, and stay committed and resident after every collection: 32 MB of a
 * long session's RSS holding nothing. `--max-semi-space-size` only takes effect on node's command
 * line (a shebang carrying it, `env -S`, does not start on busybox's env, i.e. Alpine), so the CLI
 * stops the growth itself: once the young generation has reached `ceilingMb`, the growth factor
 * (which V8 reads at each growth) is set to 1. Measured at 250 headless turns: 8 MB instead of 32
 * committed, the RSS 117-134 MB against 143-145, no more CPU (BENCHMARKS.md, issue 16).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The young generation's committed size once growth stops (two semi-spaces of 4 MB). */
export const YOUNG_GENERATION_CEILING_MB = 8;

/** Watches collections until the young generation reaches `ceilingMb`, then stops its growth. Idempotent. */
export function capYoungGeneration(ceilingMb = YOUNG_GENERATION_CEILING_MB): void {
  if (watching) return;
  watching = true;
  const ceiling = ceilingMb * 1024 * 1024;
  const reached = () => (getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) >= ceiling;
  if (reached()) return void setFlagsFromString('--semi-space-growth-factor=1');
  const observer = new PerformanceObserver(() => {
    if (!reached()) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}

let watching = false;
