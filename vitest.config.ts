import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // A safety net, not a deadline, and the one net for every test and hook (none sets a shorter
    // one): spawn-heavy tests take four to five times longer with `stress -c 2` beside the suite on
    // two cores (the slowest took over a minute on a machine at load ~18), and nothing in the suite
    // waits on a timer to decide an outcome. A spawned child gets 120 s, its own hang bound.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // A test file per core. vitest's default keeps one core back, which on two cores is a single
    // worker: files ran one at a time while the other core waited on a spawned CLI or sat idle.
    // Files are independent (each worker makes its own SKALD_HOME, loopback servers take a free
    // port, tmux sessions are named by pid). Measured on 18 files (UI, spawned CLI, engine,
    // provider, hardening) at load ~20: 465 s with two workers, 784 s with one.
    maxWorkers: availableParallelism(),
  },
});
