// Runs one reporter fixture with the closing-line reporter, for closing-line-reporter.test.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.fixture.ts'],
    reporters: ['default', '../closing-line-reporter.ts'],
  },
});
