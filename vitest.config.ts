// Unit and end-to-end tests: everything except the slower compatibility suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/compat/**', 'test/browser/**', 'node_modules/**', 'dist/**'],
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    testTimeout: 30_000,
  },
});
