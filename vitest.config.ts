import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/cli/global-setup.ts'],
    reporters: ['default', './tests/plain-summary-reporter.ts'],
    // No spare workers (src/io/spare-workers.ts) left behind by the hundreds of checks the tests
    // run; tests/cli/spare-workers.test.ts turns them on where it tries them.
    env: { BACKEND_INTRO_SPARES: '0' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
