import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonReport } from '../../reports/json-report.js';
import { INTEROP_RUNS, interopDir, packageVersion } from './targets.js';

export const BEGIN =
  '<!-- interop-table:begin (written by npm run interop-doc from reports-out/interop/*/report.json) -->';
export const END = '<!-- interop-table:end -->';

/** The results table of docs/interop.md, from the interop runs' report.json files. */
export function renderInteropTable(): string {
  const rows = [
    '| implementation | version | role | suite | mode | pass | fail | error | expected-fail | not-exhibited | skipped | MUST failures |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const notes: string[] = [];
  for (const run of INTEROP_RUNS) {
    const report = JSON.parse(readFileSync(join(interopDir(run.key), 'report.json'), 'utf8')) as JsonReport;
    const n = (s: string) => report.counts.byStatus[s] ?? 0;
    const mustFailures = report.cases
      .filter((c) => c.level === 'MUST' && (c.status === 'fail' || c.status === 'error'))
      .map((c) => c.id);
    rows.push(
      `| ${run.implementation} | ${packageVersion(run.pkg)} | ${run.role} | ${run.suite} | ${run.mode} | ${n('pass')} | ${n('fail')} | ${n('error')} | ${n('expected-fail')} | ${n('not-exhibited')} | ${n('skipped')} | ${mustFailures.join(', ') || 'none'} |`,
    );
    for (const c of report.cases.filter((x) => ['expected-fail', 'not-exhibited', 'fail', 'error'].includes(x.status)))
      notes.push(`- ${run.implementation} (${run.mode}), ${c.id} (${c.level}, ${c.ref}), ${c.status}: ${c.reason}`);
    const skipped = [...new Set(report.cases.filter((x) => x.status === 'skipped').map((x) => x.reason))];
    if (skipped.length) notes.push(`- ${run.implementation} (${run.mode}), skipped: ${skipped.join('; ')}`);
  }
  return [BEGIN, '', ...rows, '', ...notes, '', END].join('\n');
}
