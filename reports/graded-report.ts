import type { CaseResult } from '../runner/engine/run-case.js';
import { applyBaseline, type BaselineEntry } from '../runner/gating/baseline.js';
import { anyCaseRan, passesGate, type FailOn } from '../runner/gating/gate.js';
import type { TargetSummary } from '../runner/target/env.js';
import { buildJsonReport, type JsonReport } from './json-report.js';

/**
 * A run's raw results graded, for the run command and runConformance alike: the baseline
 * applied (expected failures, stale entries), the gate decided, report.json built.
 */
export function gradedReport(
  raw: CaseResult[],
  o: {
    started: Date;
    target: TargetSummary;
    failOn: FailOn;
    /** --baseline: the file as given and its entries. */
    baseline?: { path: string; entries: BaselineEntry[] };
    strictBaseline: boolean;
    run: JsonReport['run'];
    /** The server profile, when one was measured (it grades nothing). */
    profile?: JsonReport['profile'];
  },
): { report: JsonReport; results: CaseResult[]; stale: string[] } {
  const { results, stale } = o.baseline ? applyBaseline(raw, o.baseline.entries) : { results: raw, stale: [] };
  const passed = passesGate(results, o.failOn, stale, o.strictBaseline);
  const report = buildJsonReport(results, {
    started: o.started,
    finished: new Date(),
    target: o.target,
    gating: {
      failOn: o.failOn,
      passed,
      ...(anyCaseRan(results) ? {} : { noCaseRan: true }),
      ...(o.baseline ? { baseline: o.baseline.path, staleBaseline: stale } : {}),
    },
    run: o.run,
    profile: o.profile,
  });
  return { report, results, stale };
}
