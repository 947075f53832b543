import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { UsageError } from '../../base/errors.js';
import { at } from '../../base/json-value.js';
import type { CaseResult } from '../engine/run-case.js';

/** A baseline: failures a vendor knows of and accepts for now (case id + why). */
export interface BaselineEntry {
  id: string;
  reason: string;
}

export function readBaseline(path: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read baseline ${path}: ${(e as Error).message}`);
  }
  const list = at(data, 'expected_failures');
  const isEntry = (x: unknown) => typeof at(x, 'id') === 'string' && typeof at(x, 'reason') === 'string';
  if (!Array.isArray(list) || !(list as unknown[]).every(isEntry)) {
    throw new UsageError(`baseline ${path} must be YAML with expected_failures: a list of { id, reason }`);
  }
  return list as BaselineEntry[];
}

/**
 * Baselined failures become `expected-fail` (they do not fail the run); baselined
 * cases that now pass are returned as stale, so the baseline can be trimmed.
 */
export function applyBaseline(
  results: CaseResult[],
  baseline: BaselineEntry[],
): { results: CaseResult[]; stale: string[] } {
  const byId = new Map(baseline.map((b) => [b.id, b]));
  const stale: string[] = [];
  const out = results.map((r) => {
    const entry = byId.get(r.id);
    if (!entry) return r;
    if (r.status === 'fail' || r.status === 'error')
      return { ...r, status: 'expected-fail' as const, reason: `baselined (${entry.reason}): ${r.reason ?? r.status}` };
    if (r.status === 'pass') stale.push(r.id);
    return r;
  });
  return { results: out, stale };
}

/** A baseline listing every failing or erroring case of a run. */
export function writeBaseline(path: string, results: CaseResult[]): number {
  const failures = results.filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'expected-fail');
  const doc = { expected_failures: failures.map((r) => ({ id: r.id, reason: r.reason ?? r.status })) };
  writeFileSync(
    path,
    '# Expected failures: these cases do not fail the run (they show as expected-fail).\n# Give each a reason you can defend, e.g. the spec section that shows who is right.\n' +
      stringify(doc, { lineWidth: 0 }),
  );
  return failures.length;
}
