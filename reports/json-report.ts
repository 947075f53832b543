import { randomUUID } from 'node:crypto';
import type { CaseResult } from '../runner/engine/run-case.js';
import type { FailOn } from '../runner/gating/gate.js';
import type { TargetSummary } from '../runner/target/env.js';
import { TOOL_VERSION } from '../base/tool-version.js';

export interface Gating {
  failOn: FailOn;
  passed: boolean;
  baseline?: string;
  staleBaseline?: string[];
}

/** report.json (schema: reports/schema/report.schema.json); results arrive redacted. */
export interface JsonReport {
  tool: { name: 'dpop-conformance'; version: string };
  runId: string;
  startedAt: string;
  finishedAt: string;
  target: TargetSummary;
  gating: Gating;
  counts: { total: number; byStatus: Record<string, number>; byLevel: Record<string, Record<string, number>> };
  cases: CaseResult[];
}

export function buildJsonReport(
  results: CaseResult[],
  meta: { started: Date; finished: Date; target: TargetSummary; gating: Gating },
): JsonReport {
  const byStatus: Record<string, number> = {};
  const byLevel: Record<string, Record<string, number>> = {};
  for (const r of results) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    byLevel[r.level] ??= {};
    byLevel[r.level][r.status] = (byLevel[r.level][r.status] ?? 0) + 1;
  }
  return {
    tool: { name: 'dpop-conformance', version: TOOL_VERSION },
    runId: randomUUID(),
    startedAt: meta.started.toISOString(),
    finishedAt: meta.finished.toISOString(),
    target: meta.target,
    gating: meta.gating,
    counts: { total: results.length, byStatus, byLevel },
    cases: results,
  };
}
