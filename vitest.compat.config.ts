// The compatibility suite: the real aws CLI and boto3 against `node dist/cli/bin.js serve`.
// Its global setup builds dist/ first (set KEYWARD_COMPAT_SKIP_BUILD=1 to use an existing build).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/compat/**/*.test.ts'],
    globalSetup: ['./test/compat/build-dist.ts'],
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    // Each aws CLI call starts a Python interpreter; a walkthrough is dozens of them.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Files run one after another so CLI processes do not compete for the CPU.
    fileParallelism: false,
  },
});
