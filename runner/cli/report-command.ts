import { parseFlags } from './parse-flags.js';
import { readReport } from '../../reports/read-report.js';
import { writeReports } from '../../reports/write-reports.js';
import { dirname } from 'node:path';
import { EXIT, UsageError } from '../../base/errors.js';
import { checkOutputFile, prepareOutputFolder } from './check-outputs.js';
import { SUMMARY_OPTIONS, summaryFlags } from './summary-flags.js';

/**
 * `dpop-conformance report report.json --html out.html --junit out.xml`: re-renders a saved
 * run. The file is checked against reports/schema/report.schema.json first (exit 2 if it
 * does not match), so a tampered report cannot smuggle markup into the page.
 */
export function reportCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      html: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'string' },
      'junit-all-failures': { type: 'boolean' },
      ...SUMMARY_OPTIONS,
    },
  });
  if (positionals.length !== 1) throw new UsageError('report takes one report.json');
  if (!values.html && !values.junit && !values.json && !values['summary-md'])
    throw new UsageError('report needs at least one of --html FILE, --junit FILE, --json FILE, --summary-md FILE');
  for (const flag of ['html', 'junit', 'json'] as const) {
    const path = values[flag];
    if (path === undefined) continue;
    prepareOutputFolder(`--${flag}`, dirname(path));
    checkOutputFile(`--${flag}`, path);
  }
  const summary = summaryFlags(values);
  const report = readReport(positionals[0]);
  const paths = { html: values.html, junit: values.junit, json: values.json, summaryMd: summary.path };
  for (const p of writeReports(report, paths, { allFailures: values['junit-all-failures'] }, summary.options))
    out(`wrote ${p}`);
  return Promise.resolve(EXIT.OK);
}
