import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // A safety net, not a deadline: tests that spawn the CLI take several times longer on a loaded
    // 2-core machine, and nothing in the suite waits on a timer to decide an outcome.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
