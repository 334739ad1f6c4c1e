/**
 * Prints one closing line, `N passed, N failed[, N skipped]`, counting test cases: CI reads it.
 * A test file that failed outside any test (import error, failing beforeAll) and an unhandled
 * error each count as one failure, so the line never reads "0 failed" for a red run.
 */
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      let failedHere = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else skipped += 1; // skipped, todo, or never reached ("pending") in an interrupted run
      }
      failed += failedHere === 0 && testModule.state() === 'failed' ? 1 : failedHere;
    }
    console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  }
}
