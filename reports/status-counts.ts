import type { CaseResult, CaseStatus } from '../runner/engine/run-case.js';
import { NOT_APPLICABLE_PREFIX } from '../base/constants.js';

/** Every status a case can end with, in the order the reports show them. */
export const STATUSES: readonly CaseStatus[] = ['fail', 'error', 'pass', 'expected-fail', 'not-exhibited', 'skipped'];
export const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;

export type StatusCounts = Record<CaseStatus, number>;

/** A count for every status, zeros included. */
export function zeroCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** Whether a result is for a side not under test (the AS cases of an --rs run). */
export const isNotApplicable = (r: Pick<CaseResult, 'status' | 'reason'>): boolean =>
  r.status === 'skipped' && (r.reason ?? '').startsWith(NOT_APPLICABLE_PREFIX);

/**
 * Counts by status and by level × status: every status and every level is written, zeros
 * too. `notApplicable` counts the skipped cases for a side not under test (included in
 * `skipped`).
 */
export function countResults(results: readonly CaseResult[]): {
  total: number;
  byStatus: StatusCounts;
  byLevel: Record<string, StatusCounts>;
  notApplicable: number;
} {
  const byStatus = zeroCounts();
  const byLevel: Record<string, StatusCounts> = Object.fromEntries(LEVELS.map((l) => [l, zeroCounts()]));
  for (const r of results) {
    byStatus[r.status] += 1;
    (byLevel[r.level] ??= zeroCounts())[r.status] += 1;
  }
  return { total: results.length, byStatus, byLevel, notApplicable: results.filter(isNotApplicable).length };
}
