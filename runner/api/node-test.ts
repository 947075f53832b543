import { before, describe, it } from 'node:test';
import type { CaseResult } from '../engine/run-case.js';
import { planTests, testName, verdictOf, type ConformanceTestOptions } from './test-adapter.js';

export { ConformanceFailure, type ConformanceTestOptions } from './test-adapter.js';

/**
 * Declares the selected cases as node:test tests, in a describe block: one `before` hook
 * runs them all (against `target`, or the bundled mocks), then each case's test passes,
 * fails with the case's id, reason, level and spec reference, or is skipped with the
 * reason (skipped, not exhibited, baselined). Call it at the top level of a test file
 * `node --test` runs.
 */
export function describeConformance(options: ConformanceTestOptions = {}): void {
  const plan = planTests(options);
  void describe(plan.title, () => {
    let results = new Map<string, CaseResult>();
    before(async () => {
      results = await plan.run();
    });
    for (const c of plan.cases)
      void it(testName(c), (t) => {
        const v = verdictOf(results.get(c.id), c);
        if ('fail' in v) throw v.fail;
        if ('skip' in v) t.skip(v.skip);
      });
  });
}
