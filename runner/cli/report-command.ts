import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { JsonReport } from '../../reports/json-report.js';
import { writeReports } from '../../reports/write-reports.js';
import { dirname } from 'node:path';
import { EXIT, UsageError } from '../../base/errors.js';
import { checkOutputFile, prepareOutputFolder } from './check-outputs.js';

/** `dpop-conformance report report.json --html out.html --junit out.xml`: re-renders a saved run. */
export function reportCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { html: { type: 'string' }, junit: { type: 'string' }, json: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('report takes one report.json');
  if (!values.html && !values.junit && !values.json)
    throw new UsageError('report needs at least one of --html FILE, --junit FILE, --json FILE');
  for (const flag of ['html', 'junit', 'json'] as const) {
    const path = values[flag];
    if (path === undefined) continue;
    prepareOutputFolder(`--${flag}`, dirname(path));
    checkOutputFile(`--${flag}`, path);
  }
  let report: JsonReport;
  try {
    report = JSON.parse(readFileSync(positionals[0], 'utf8')) as JsonReport;
  } catch (e) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(e as Error).message}`);
  }
  if (report?.tool?.name !== 'dpop-conformance' || !Array.isArray(report.cases))
    throw new UsageError(`${positionals[0]} is not a dpop-conformance report`);
  for (const p of writeReports(report, values)) out(`wrote ${p}`);
  return Promise.resolve(EXIT.OK);
}
