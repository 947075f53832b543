import type { CaseResult } from '../runner/engine/run-case.js';
import { isGated } from '../runner/gating/gate.js';
import { statusRank } from './case-order.js';
import type { JsonReport } from './json-report.js';
import { markdownText as md } from './markdown-text.js';
import { isNotApplicable, LEVELS, STATUSES } from './status-counts.js';

/**
 * The summary stays under GitHub's limit for a pull request comment (65,536 characters)
 * and far under a job summary's (1 MiB): failing cases past this budget are counted, not listed.
 */
export const MAX_SUMMARY_CHARS = 60_000;

/** Where the anchors of the failing-cases heading and the gate line point (GitHub's slugs of the headings below). */
export const SUMMARY_ANCHORS = { failing: '#failing-cases' } as const;

export interface SummaryOptions {
  /**
   * Where report.html is published (the job's artifacts page, a Pages URL): each failing
   * case id then links to its entry there (report.html gives every case an id anchor).
   */
  reportUrl?: string;
}

/** "RFC 9449 §4.3 check 5; DPoP-SK §5" with each RFC section linked to the RFC Editor's anchor, the rest escaped. */
export function specRefMarkdown(ref: string): string {
  return ref
    .split(/([;,])/)
    .map((part) => {
      const m = /^(\s*)RFC (\d{1,5}) §(\d{1,3}(?:\.\d{1,3}){0,4})(.*)$/.exec(part);
      if (!m) return md(part, 120);
      const [, lead, rfc, section, rest] = m;
      return `${lead}[RFC ${rfc} §${section}](https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section})${md(rest, 80)}`;
    })
    .join('');
}

function gateLine(report: JsonReport, ran: boolean): string {
  const g = report.gating;
  if (!ran) return '**NO CASE RAN**: every case was filtered out or skipped (exit code 3). This is not a pass.';
  const stale = g.staleBaseline?.length
    ? ` ${g.staleBaseline.length} baselined cases now pass: trim them from the baseline.`
    : '';
  return g.passed
    ? `**Gate passed** (fail on ${g.failOn}).${stale}`
    : `**Gate FAILED** (fail on ${g.failOn}): see [the failing cases](${SUMMARY_ANCHORS.failing}).${stale}`;
}

function targetText(report: JsonReport): string {
  const t = report.target;
  if (t.mode === 'bundled-mocks') return 'the bundled mocks';
  const sides = [t.as ? `AS ${md(t.as.issuer)}` : '', t.rs ? `RS ${md(t.rs.resource)}` : ''];
  return sides.filter(Boolean).join(', ');
}

/** Level × status, the cases for a side not under test counted apart (as on the console). */
function countsTable(applicable: CaseResult[]): string[] {
  const head = `| level | ${STATUSES.join(' | ')} |`;
  const rule = `|---|${STATUSES.map(() => '---:').join('|')}|`;
  const row = (label: string, cases: CaseResult[]) =>
    `| ${label} | ${STATUSES.map((s) => cases.filter((c) => c.status === s).length).join(' | ')} |`;
  return [
    head,
    rule,
    ...LEVELS.map((l) =>
      row(
        l,
        applicable.filter((c) => c.level === l),
      ),
    ),
    row('**total**', applicable),
  ];
}

/** An http(s) URL with the case id as its fragment, with nothing in it that could end the Markdown link. */
function linkTarget(url: string, id: string): string {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`not an http(s) URL: ${url}`);
  u.hash = encodeURIComponent(id);
  return u.href.replace(/[()<>\s|]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function failingRow(c: CaseResult, report: JsonReport, o: SummaryOptions): string {
  const id = o.reportUrl ? `[${md(c.id, 80)}](${linkTarget(o.reportUrl, c.id)})` : md(c.id, 80);
  const gated = isGated(c.level, report.gating.failOn) ? 'yes' : 'no';
  return `| ${id} | ${md(c.level, 10)} | ${md(c.status, 16)} | ${gated} | ${specRefMarkdown(c.ref)} | ${md(c.title, 160)} — ${md(c.reason ?? c.status, 400)} |`;
}

/**
 * report.json as Markdown for a CI job summary ($GITHUB_STEP_SUMMARY) or a pull request
 * comment: the gate result, counts by level and status, and every failing or erroring
 * case, worst first, with its level, whether it gates, its spec reference (RFC sections
 * linked) and its reason. Everything from the report is escaped (markdown-text.ts), and
 * the whole stays under MAX_SUMMARY_CHARS.
 */
export function renderMarkdownSummary(report: JsonReport, o: SummaryOptions = {}): string {
  const applicable = report.cases.filter((c) => !isNotApplicable(c));
  const notApplicable = report.cases.length - applicable.length;
  const ran = report.cases.some((c) => c.status !== 'skipped');
  const faults = report.run?.faults ?? [];
  const lines = [
    `## dpop-conformance: ${!ran ? 'no case ran' : report.gating.passed ? 'passed' : 'FAILED'}`,
    '',
    gateLine(report, ran),
    '',
    `Target: ${targetText(report)} · ${applicable.length} cases${notApplicable ? ` (${notApplicable} more not applicable: for a side not under test)` : ''} · dpop-conformance ${md(report.tool.version, 40)} · run ${md(report.runId, 40)}`,
  ];
  if (faults.length)
    lines.push(
      '',
      `> Self-test run: the bundled mocks ran with faults switched on (${faults.map((f) => md(f, 60)).join(', ')}). This is not a verdict on any server.`,
    );
  for (const [side, d] of [
    ['AS', report.target.as?.detected],
    ['RS', report.target.rs?.detected],
  ] as const)
    if (d)
      lines.push(
        '',
        `${side} features found by --detect: ${d.supported.map((f) => md(f, 40)).join(', ') || 'none'}; added to the declared ones: ${d.added.map((f) => md(f, 40)).join(', ') || 'none'}`,
      );
  if (report.gating.baseline) lines.push('', `Baseline: ${md(report.gating.baseline)}`);
  lines.push('', ...countsTable(applicable), '');
  const failing = report.cases
    .filter((c) => c.status === 'fail' || c.status === 'error')
    .sort(
      (a, b) =>
        Number(isGated(b.level, report.gating.failOn)) - Number(isGated(a.level, report.gating.failOn)) ||
        statusRank(a.status) - statusRank(b.status) ||
        LEVELS.indexOf(a.level as 'MUST') - LEVELS.indexOf(b.level as 'MUST'),
    );
  lines.push('### Failing cases', '');
  if (!failing.length) {
    lines.push('No case failed or errored.');
    return lines.join('\n') + '\n';
  }
  lines.push(
    `${failing.length} failed or errored; those that gate (fail on ${report.gating.failOn}) first.`,
    '',
    '| case | level | status | gates | reference | title — reason |',
    '|---|---|---|---|---|---|',
  );
  let used = lines.join('\n').length;
  const tailRoom = 200;
  let listed = 0;
  for (const c of failing) {
    const row = failingRow(c, report, o);
    if (used + row.length + 1 > MAX_SUMMARY_CHARS - tailRoom) break;
    lines.push(row);
    used += row.length + 1;
    listed++;
  }
  if (listed < failing.length)
    lines.push(
      '',
      `… and ${failing.length - listed} more failing cases, not listed here to keep this short: see report.html.`,
    );
  lines.push('', 'Each case in report.html has its assertions (Expected / Actual) and the redacted transcript.');
  return lines.join('\n') + '\n';
}
