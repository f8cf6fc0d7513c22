// Browser tests (the analysis report, and the console in test/browser/): pages opened in Debian's chromium (/usr/bin/chromium, or KEYWARD_CHROMIUM)
// driven by playwright-core; no browser is downloaded. Kept out of `npm test`; `.ci/run` runs
// them after it with `npm run test:browser`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.browser-test.ts', 'test/**/*.browser-test.ts', 'test/browser/**/*.test.ts'],
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
