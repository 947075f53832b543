import { parseFlags } from './parse-flags.js';
import { compareReports } from '../../reports/compare-reports.js';
import { comparisonMarkdown, comparisonText } from '../../reports/comparison-text.js';
import { readReport } from '../../reports/read-report.js';
import { EXIT, UsageError } from '../../base/errors.js';

/**
 * `dpop-conformance compare OLD.json NEW.json [--markdown]`: regressions, progressions, new and
 * removed cases between two runs. Exit 1 when a case regressed, so a pull request's CI can gate on it.
 */
export function compareCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { markdown: { type: 'boolean' } },
  });
  if (positionals.length !== 2) throw new UsageError('compare takes two report.json files: OLD NEW');
  const comparison = compareReports(readReport(positionals[0]), readReport(positionals[1]));
  if (values.markdown) out(comparisonMarkdown(comparison).trimEnd());
  else for (const line of comparisonText(comparison)) out(line);
  return Promise.resolve(comparison.regressions.length ? EXIT.FAILED : EXIT.OK);
}
