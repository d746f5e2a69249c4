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
  },
});
