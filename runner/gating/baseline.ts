import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../../base/errors.js';
import { suggestion } from '../../base/nearest-name.js';
import type { CaseResult } from '../engine/run-case.js';
import { parseYamlSource, yaml } from '../suite/yaml-source.js';

/** A baseline: failures a vendor knows of and accepts for now (case id + why). */
export interface BaselineEntry {
  id: string;
  reason: string;
}

/**
 * A baseline file's entries. A YAML error is named with file:line:column; an entry whose
 * id is not in `knownIds` (every case of the loaded suites) is refused, with the nearest
 * id suggested: a typo would otherwise let the case it meant fail the run, or hide it.
 */
export function readBaseline(path: string, knownIds?: ReadonlySet<string>): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read baseline ${path}: ${(e as Error).message}`);
  }
  const source = parseYamlSource(text, path);
  if ('problems' in source) throw new UsageError(`invalid baseline: ${source.problems.join('; ')}`);
  const list = (source.data as { expected_failures?: unknown } | null)?.expected_failures;
  const isEntry = (x: unknown): x is BaselineEntry =>
    typeof (x as BaselineEntry | null)?.id === 'string' && typeof (x as BaselineEntry).reason === 'string';
  if (!Array.isArray(list) || !list.every(isEntry)) {
    throw new UsageError(`baseline ${path} must be YAML with expected_failures: a list of { id, reason }`);
  }
  if (knownIds) {
    const unknown = list.flatMap((x, i) =>
      knownIds.has(x.id)
        ? []
        : [
            `${source.at(`/expected_failures/${i}/id`)}: unknown case id ${JSON.stringify(x.id)}${suggestion(x.id, knownIds)}`,
          ],
    );
    if (unknown.length) throw new UsageError(`invalid baseline: ${unknown.join('; ')}`);
  }
  return list;
}

/** One result under a baseline: a baselined failure or error becomes `expected-fail`, anything else is unchanged. */
export function baselined(r: CaseResult, byId: ReadonlyMap<string, BaselineEntry>): CaseResult {
  const entry = byId.get(r.id);
  if (!entry || (r.status !== 'fail' && r.status !== 'error')) return r;
  return { ...r, status: 'expected-fail' as const, reason: `baselined (${entry.reason}): ${r.reason ?? r.status}` };
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
    if (byId.has(r.id) && r.status === 'pass') stale.push(r.id);
    return baselined(r, byId);
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
      yaml().stringify(doc, { lineWidth: 0 }),
  );
  return failures.length;
}
