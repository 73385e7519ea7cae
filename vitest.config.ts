import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/cli/global-setup.ts'],
    reporters: ['default', './tests/plain-summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
