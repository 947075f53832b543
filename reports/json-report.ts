import { randomUUID } from 'node:crypto';
import type { CaseResult } from '../runner/engine/run-case.js';
import type { TargetSummary } from '../runner/target/env.js';
import { TOOL_VERSION } from '../runner/cli/version.js';

export interface JsonReport {
  tool: { name: 'dpop-conformance'; version: string };
  runId: string;
  startedAt: string;
  finishedAt: string;
  target: TargetSummary;
  counts: { total: number; byStatus: Record<string, number>; byLevel: Record<string, Record<string, number>> };
  cases: CaseResult[];
}

/** The machine-readable report (report.json); results are already redacted. */
export function buildJsonReport(results: CaseResult[], meta: { started: Date; finished: Date; target: TargetSummary }): JsonReport {
  const byStatus: Record<string, number> = {};
  const byLevel: Record<string, Record<string, number>> = {};
  for (const r of results) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    byLevel[r.level] ??= {};
    byLevel[r.level][r.status] = (byLevel[r.level][r.status] ?? 0) + 1;
  }
  return {
    tool: { name: 'dpop-conformance', version: TOOL_VERSION }, runId: randomUUID(),
    startedAt: meta.started.toISOString(), finishedAt: meta.finished.toISOString(), target: meta.target,
    counts: { total: results.length, byStatus, byLevel }, cases: results,
  };
}
