// Prints a plain "N passed, N failed, N skipped" closing line that CI tooling can read,
// after vitest's own summary. A failure is a failed test case or any error no test case
// carries: a module that failed to import or collect, a failed beforeAll/afterAll hook
// (on the file or on a describe block), and each unhandled error of the run.
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestSuite } from 'vitest/node';

export interface ClosingCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/** Errors recorded on a module or suite rather than on one of its test cases. */
function ownErrors(node: TestModule | TestSuite): number {
  let errors = node.errors().length;
  for (const suite of node.children.allSuites()) errors += suite.errors().length;
  return errors;
}

export function closingCounts(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): ClosingCounts {
  let passed = 0;
  let failed = unhandledErrors.length;
  let skipped = 0;
  for (const mod of testModules) {
    let moduleFailures = ownErrors(mod);
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') moduleFailures++;
      else skipped++;
    }
    // A module vitest calls failed counts at least once, even if no error was attached.
    if (moduleFailures === 0 && mod.state() === 'failed') moduleFailures = 1;
    failed += moduleFailures;
  }
  return { passed, failed, skipped };
}

export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const { passed, failed, skipped } = closingCounts(testModules, unhandledErrors);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
