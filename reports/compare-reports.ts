import type { CaseResult } from '../runner/engine/run-case.js';
import type { JsonReport } from './json-report.js';

export interface CaseChange {
  id: string;
  level: string;
  ref: string;
  from?: string;
  to?: string;
  /** The newer run's reason (or the older one's, for a removed case). */
  reason?: string;
}

/** What changed between two runs, case by case (as wpt.fyi's diff). */
export interface RunComparison {
  /** passed before, fails or errors now */
  regressions: CaseChange[];
  /** failed, errored or was expected to fail before, passes now */
  progressions: CaseChange[];
  /** any other change of status (to or from skipped, fail ↔ error, to expected-fail) */
  otherChanges: CaseChange[];
  newCases: CaseChange[];
  removedCases: CaseChange[];
  unchanged: number;
}

const failing = (s: string) => s === 'fail' || s === 'error';

function change(r: CaseResult, from?: string, to?: string): CaseChange {
  return {
    id: r.id,
    level: r.level,
    ref: r.ref,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  };
}

/** Compares two report.json runs by case id. */
export function compareReports(older: JsonReport, newer: JsonReport): RunComparison {
  const before = new Map(older.cases.map((c) => [c.id, c]));
  const after = new Map(newer.cases.map((c) => [c.id, c]));
  const out: RunComparison = {
    regressions: [],
    progressions: [],
    otherChanges: [],
    newCases: [],
    removedCases: [],
    unchanged: 0,
  };
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) out.newCases.push(change(now, undefined, now.status));
    else if (was.status === now.status) out.unchanged++;
    else if (was.status === 'pass' && failing(now.status)) out.regressions.push(change(now, was.status, now.status));
    else if (now.status === 'pass' && (failing(was.status) || was.status === 'expected-fail'))
      out.progressions.push(change(now, was.status, now.status));
    else out.otherChanges.push(change(now, was.status, now.status));
  }
  for (const [id, was] of before) if (!after.has(id)) out.removedCases.push(change(was, was.status, undefined));
  return out;
}
