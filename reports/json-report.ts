import { randomUUID } from 'node:crypto';
import type { BenchReport } from './bench-report.js';
import type { CaseResult } from '../runner/engine/run-case.js';
import type { FailOn } from '../runner/gating/gate.js';
import type { TargetSummary } from '../runner/target/env.js';
import type { ServerProfile } from '../runner/profile/types.js';
import { TOOL_VERSION } from '../base/tool-version.js';
import { countResults } from './status-counts.js';

export interface Gating {
  failOn: FailOn;
  passed: boolean;
  /** Every case was filtered out or skipped (or nothing was graded: a bench report): no pass, exit code 3. */
  noCaseRan?: boolean;
  baseline?: string;
  staleBaseline?: string[];
}

/** What was asked of the run: the case selection and the mock faults switched on (self-test runs). */
export interface RunSettings {
  /** Mock faults switched on (--mock-fault): a self-test run, not a conformance verdict. */
  faults: string[];
  /** The readings required where readings of the RFC differ (--stance NAME=VALUE); absent: none, either passes. */
  stances?: Record<string, string>;
  /** The selection flags as given; an empty list means "all". */
  selection: { suites: string[]; ids: string[]; tags: string[]; levels: string[] };
  /** How many cases the selection picked. */
  selected: number;
}

/** report.json (schema: reports/schema/report.schema.json); results arrive redacted. */
export interface JsonReport {
  tool: { name: 'dpop-conformance'; version: string };
  runId: string;
  startedAt: string;
  finishedAt: string;
  target: TargetSummary;
  run?: RunSettings;
  /** The server profile (runner/profile/): measured, not graded. */
  profile?: ServerProfile;
  gating: Gating;
  /** Every status, zeros included (StatusCounts); typed by name so that reports of older versions read too. */
  counts: {
    total: number;
    byStatus: Record<string, number>;
    byLevel: Record<string, Record<string, number>>;
    /** Skipped cases for a side not under test (absent in reports of older versions). */
    notApplicable?: number;
  };
  cases: CaseResult[];
  /** dpop-conformance bench: the RS under load (no cases then). */
  bench?: BenchReport;
}

export function buildJsonReport(
  results: CaseResult[],
  meta: {
    started: Date;
    finished: Date;
    target: TargetSummary;
    gating: Gating;
    run?: RunSettings;
    profile?: ServerProfile;
  },
): JsonReport {
  return {
    tool: { name: 'dpop-conformance', version: TOOL_VERSION },
    runId: randomUUID(),
    startedAt: meta.started.toISOString(),
    finishedAt: meta.finished.toISOString(),
    target: meta.target,
    ...(meta.run ? { run: meta.run } : {}),
    ...(meta.profile ? { profile: meta.profile } : {}),
    gating: meta.gating,
    counts: countResults(results),
    cases: results,
  };
}
