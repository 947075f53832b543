import { UsageError } from '../../base/errors.js';
import type { CaseResult } from '../engine/run-case.js';
import { planTests, testName, verdictOf, type ConformanceTestOptions } from './test-adapter.js';

export { ConformanceFailure, type ConformanceTestOptions } from './test-adapter.js';

/** The part of a mocha test or hook context the adapter uses. */
interface MochaContext {
  timeout(ms: number): unknown;
  skip(): never;
}

/** mocha's BDD globals, as far as the adapter uses them (mocha need not be this package's dependency). */
interface MochaGlobals {
  describe: (title: string, fn: () => void) => unknown;
  it: (title: string, fn: (this: MochaContext) => void) => unknown;
  before: (fn: (this: MochaContext) => Promise<void>) => unknown;
}

/**
 * Declares the selected cases as mocha tests, in a describe block: one `before` hook
 * runs them all (against `target`, or the bundled mocks), then each case's test passes,
 * fails with the case's id, reason, level and spec reference, or is pending (skipped,
 * not exhibited, baselined). Call it at the top level of a test file mocha loads.
 */
export function describeConformance(options: ConformanceTestOptions = {}): void {
  const g = globalThis as unknown as Partial<MochaGlobals>;
  if (typeof g.describe !== 'function' || typeof g.it !== 'function' || typeof g.before !== 'function')
    throw new UsageError(
      'dpop-conformance/mocha: describe, it and before are not defined; call describeConformance in a test file mocha runs',
    );
  const { describe, it, before } = g as MochaGlobals;
  const plan = planTests(options);
  describe(plan.title, () => {
    let results = new Map<string, CaseResult>();
    before(async function () {
      // The run bounds itself: each exchange has its timeout, the whole run its optional deadline.
      this.timeout(0);
      results = await plan.run();
    });
    for (const c of plan.cases)
      it(testName(c), function () {
        const v = verdictOf(results.get(c.id), c);
        if ('fail' in v) throw v.fail;
        if ('skip' in v) this.skip();
      });
  });
}
