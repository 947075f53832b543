import type { CaseResult, CaseStatus } from '../runner/engine/run-case.js';

/** Every status a case can end with, in the order the reports show them. */
export const STATUSES: readonly CaseStatus[] = ['fail', 'error', 'pass', 'expected-fail', 'not-exhibited', 'skipped'];
export const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;

export type StatusCounts = Record<CaseStatus, number>;

/** A count for every status, zeros included. */
export function zeroCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** Counts by status and by level × status: every status and every level is written, zeros too. */
export function countResults(results: readonly CaseResult[]): {
  total: number;
  byStatus: StatusCounts;
  byLevel: Record<string, StatusCounts>;
} {
  const byStatus = zeroCounts();
  const byLevel: Record<string, StatusCounts> = Object.fromEntries(LEVELS.map((l) => [l, zeroCounts()]));
  for (const r of results) {
    byStatus[r.status] += 1;
    (byLevel[r.level] ??= zeroCounts())[r.status] += 1;
  }
  return { total: results.length, byStatus, byLevel };
}
