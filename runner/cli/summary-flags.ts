import type { SummaryOptions } from '../../reports/markdown-summary.js';
import { UsageError } from '../../base/errors.js';
import { checkOutputFile } from './check-outputs.js';

/** The Markdown summary's flags, on `run` and `report`. */
export const SUMMARY_OPTIONS = {
  'summary-md': { type: 'string' },
  'summary-report-url': { type: 'string' },
} as const;

/**
 * --summary-md FILE (its folder must exist; checked before anything runs) and
 * --summary-report-url URL (where report.html is published: failing case ids link there).
 */
export function summaryFlags(values: { 'summary-md'?: string; 'summary-report-url'?: string }): {
  path?: string;
  options: SummaryOptions;
} {
  const path = values['summary-md'];
  const url = values['summary-report-url'];
  if (path !== undefined) checkOutputFile('--summary-md', path);
  if (url === undefined) return { path, options: {} };
  if (path === undefined) throw new UsageError('--summary-report-url needs --summary-md FILE');
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new UsageError(
      `--summary-report-url must be an http(s) URL of the published report.html, not ${JSON.stringify(url.slice(0, 80))}`,
    );
  return { path, options: { reportUrl: url } };
}
