import type { CaseResult, CaseStatus } from '../runner/engine/run-case.js';

/** Worst first: what a reader must look at comes first. */
const RANK: Record<CaseStatus, number> = {
  fail: 0,
  error: 1,
  'expected-fail': 2,
  'not-exhibited': 3,
  pass: 4,
  skipped: 5,
};
export const statusRank = (s: string): number => RANK[s as CaseStatus] ?? 6;

/** The spec section a reference names first, without its step: "DPoP-SK §5 step 6; RFC 9449 §7.1" → "DPoP-SK §5" (and "§4.3 check 5" → "§4.3"). */
export function sectionOf(ref: string): string {
  const first = ref.split(/[;,]/)[0].trim();
  return first.replace(/\s+(?:steps?|checks?)\b.*$/, '') || 'no reference';
}

export interface CaseGroup {
  /** Suite name, or the spec section within a suite. */
  name: string;
  cases: CaseResult[];
  /** The group's worst status rank (0: it has a failure). */
  worst: number;
}

function groupBy(results: readonly CaseResult[], key: (r: CaseResult) => string): CaseGroup[] {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups].map(([name, cases]) => ({
    name,
    cases: [...cases].sort((a, b) => statusRank(a.status) - statusRank(b.status)),
    worst: Math.min(...cases.map((c) => statusRank(c.status))),
  }));
}

/** Stable sort by worst status, keeping the file order among equals. */
const worstFirst = (groups: CaseGroup[]) =>
  groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => a.g.worst - b.g.worst || a.i - b.i)
    .map((x) => x.g);

/**
 * The cases as report.html lists them: by suite, then by spec section, each level worst
 * first (failures, errors, expected failures, passes, skips), file order among equals.
 */
export function groupCases(results: readonly CaseResult[]): { suite: CaseGroup; sections: CaseGroup[] }[] {
  return worstFirst(groupBy(results, (r) => r.suite)).map((suite) => ({
    suite,
    sections: worstFirst(groupBy(suite.cases, (r) => sectionOf(r.ref))),
  }));
}
