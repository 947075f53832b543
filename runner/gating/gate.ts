import type { CaseResult } from '../engine/run-case.js';

export type FailOn = 'must' | 'should' | 'any';
export const FAIL_ON: FailOn[] = ['must', 'should', 'any'];

const LEVELS: Record<FailOn, string[]> = { must: ['MUST'], should: ['MUST', 'SHOULD'], any: ['MUST', 'SHOULD', 'MAY'] };

/** Whether a case at `level` fails the run when it fails or errors, under --fail-on `failOn`. */
export const isGated = (level: string, failOn: FailOn): boolean => LEVELS[failOn].includes(level);

/** Whether any case ran: a run in which every case was filtered out or skipped is no pass (exit code 3). */
export const anyCaseRan = (results: readonly { status: string }[]): boolean =>
  results.some((r) => r.status !== 'skipped');

/**
 * Whether a run passes the CI gate: some case ran, and no fail or error at a gated level
 * (expected-fail and not-exhibited never gate).
 */
export function passesGate(
  results: CaseResult[],
  failOn: FailOn,
  staleBaseline: string[],
  strictBaseline: boolean,
): boolean {
  if (!anyCaseRan(results)) return false;
  if (strictBaseline && staleBaseline.length) return false;
  return !results.some((r) => isGated(r.level, failOn) && (r.status === 'fail' || r.status === 'error'));
}
