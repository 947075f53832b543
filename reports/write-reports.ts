import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './html-report.js';
import type { JsonReport } from './json-report.js';
import { renderJunit, type JunitOptions } from './junit-report.js';
import { renderMarkdownSummary, type SummaryOptions } from './markdown-summary.js';

export interface ReportPaths {
  json?: string;
  html?: string;
  junit?: string;
  /** The Markdown summary (--summary-md): written only when asked for. */
  summaryMd?: string;
}

export function defaultPaths(dir: string): Required<Omit<ReportPaths, 'summaryMd'>> {
  return { json: join(dir, 'report.json'), html: join(dir, 'report.html'), junit: join(dir, 'junit.xml') };
}

/** Writes whichever of the three reports have a path; returns the paths written. */
export function writeReports(
  report: JsonReport,
  paths: ReportPaths,
  junit: JunitOptions = {},
  summary: SummaryOptions = {},
): string[] {
  const written: string[] = [];
  const put = (path: string | undefined, text: () => string) => {
    if (!path) return;
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text());
    written.push(path);
  };
  put(paths.json, () => JSON.stringify(report, null, 2) + '\n');
  put(paths.html, () => renderHtml(report));
  put(paths.junit, () => renderJunit(report, junit));
  put(paths.summaryMd, () => renderMarkdownSummary(report, summary));
  return written;
}
