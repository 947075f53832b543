import type { CaseResult } from '../engine/run-case.js';
import type { Case } from '../suite/types.js';
import { listCases, runConformance, type RunConformanceOptions } from './run-conformance.js';

/**
 * What the test-runner adapters take: `runConformance`'s options (selection, target,
 * mock faults, baseline, …) and the title of the suite of tests. Each selected case
 * becomes one test; every case that fails or errors fails its test, whatever its level
 * (select levels with `level`), so there is no gate option here.
 */
export interface ConformanceTestOptions extends Omit<RunConformanceOptions, 'failOn' | 'strictBaseline' | 'onResult'> {
  /** The describe block's title; default "dpop-conformance". */
  title?: string;
}

/** A selected case that failed or errored: what the vendor's test output shows. */
export class ConformanceFailure extends Error {
  readonly caseId: string;
  readonly level: string;
  readonly ref: string;
  readonly status: string;
  readonly reason: string;

  constructor(readonly result: CaseResult) {
    const reason = result.reason ?? result.status;
    super(
      `${result.id} ${result.status === 'error' ? 'could not be tested' : 'failed'}: ${reason}\n` +
        `  ${result.level} · ${result.ref} · ${result.file}:${result.line} · ${result.title}`,
    );
    this.name = 'ConformanceFailure';
    this.caseId = result.id;
    this.level = result.level;
    this.ref = result.ref;
    this.status = result.status;
    this.reason = reason;
    // The adapter's own frames say nothing about the server: test runners print the stack, so it is the message alone.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** A case's test, once the run is over: passed, failed (throw the failure) or skipped with a reason. */
export type Verdict = { pass: true } | { fail: ConformanceFailure } | { skip: string };

export function verdictOf(result: CaseResult | undefined, c: Case): Verdict {
  if (!result) throw new Error(`dpop-conformance: no result for ${c.id}`);
  switch (result.status) {
    case 'pass':
      return { pass: true };
    case 'fail':
    case 'error':
      return { fail: new ConformanceFailure(result) };
    default:
      return { skip: `${result.status}: ${result.reason ?? ''}` };
  }
}

/** A test's name: the case's id, title, level and spec reference. */
export const testName = (c: Case): string => `${c.id} ${c.title} [${c.level}, ${c.ref}]`;

/** The tests an adapter declares: the selected cases now (test runners declare tests synchronously), the run later. */
export function planTests(o: ConformanceTestOptions): {
  title: string;
  cases: Case[];
  run: () => Promise<Map<string, CaseResult>>;
} {
  const { title, ...options } = o;
  return {
    title: title ?? 'dpop-conformance',
    cases: listCases(options),
    run: async () => new Map((await runConformance(options)).cases.map((r) => [r.id, r])),
  };
}
