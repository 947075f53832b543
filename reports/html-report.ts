import type { CaseResult } from '../runner/engine/run-case.js';
import { profileSectionHtml } from './html/profile-section.js';
import { groupCases, sectionOf, statusRank } from './case-order.js';
import { caseHtml } from './html/render-case.js';
import { esc } from './html/escape.js';
import { bundledProfile } from './html/profile-doc.js';
import { benchHtml } from './html/bench-section.js';
import { runFactsHtml, targetLine } from './html/run-header.js';
import { SCRIPT } from './html/script.js';
import { specRefHtml } from './html/spec-links.js';
import { STYLES } from './html/styles.js';
import type { JsonReport } from './json-report.js';
import { countResults, isNotApplicable, LEVELS, STATUSES } from './status-counts.js';
import { isGated } from '../runner/gating/gate.js';
import { countOf } from '../base/count-words.js';

/**
 * Level × status over the cases that say something about the server: those for a side not
 * under test (the AS cases of an --rs run) are counted on a line of their own, as on the
 * console and in the Markdown summary.
 */
function summaryTable(report: JsonReport): string {
  const applicable = report.cases.filter((c) => !isNotApplicable(c));
  const counts = countResults(applicable);
  const notApplicable = report.cases.length - applicable.length;
  const cell = (level: string, status: (typeof STATUSES)[number]) => esc(counts.byLevel[level]?.[status] ?? 0);
  const rows = LEVELS.map((l) => `<tr><td>${l}</td>${STATUSES.map((s) => `<td>${cell(l, s)}</td>`).join('')}</tr>`);
  const na = notApplicable
    ? `<p class="not-applicable">Not applicable: ${esc(countOf(notApplicable, 'more case'))}, for a side not under test (not counted above).</p>`
    : '';
  return `<div class="scroll"><table class="summary"><thead><tr><th>level</th>${STATUSES.map((s) => `<th>${s}</th>`).join('')}</tr></thead><tbody>${rows.join('')}
<tr><th>total</th>${STATUSES.map((s) => `<th>${esc(counts.byStatus[s] ?? 0)}</th>`).join('')}</tr></tbody></table></div>${na}`;
}

/** Every fail and error, worst first, each with its one-line reason: the page's answer to "what failed?". */
function failuresHtml(report: JsonReport): string {
  const failing = report.cases
    .filter((c) => c.status === 'fail' || c.status === 'error')
    .sort(
      (a, b) =>
        statusRank(a.status) - statusRank(b.status) ||
        LEVELS.indexOf(a.level as 'MUST') - LEVELS.indexOf(b.level as 'MUST'),
    );
  if (report.gating.noCaseRan)
    return '<p class="reason">No case ran: every case was filtered out or skipped. This is not a pass.</p>';
  if (!failing.length) return '<p class="no-failures">No case failed or errored.</p>';
  const rows = failing.map(
    (c) =>
      `<li data-status="${esc(c.status)}"><a href="#${esc(c.id)}" class="id">${esc(c.id)}</a> <span class="badge ${esc(c.status)}">${esc(c.status)}</span> <span class="level">${esc(c.level)}</span>${isGated(c.level, report.gating.failOn) ? '' : ` <span class="not-gated">not gated (--fail-on ${esc(report.gating.failOn)})</span>`} <span class="ref">${specRefHtml(c.ref)}</span><br><span class="row-reason">${esc(c.reason ?? '')}</span></li>`,
  );
  return `<h2 id="failures">Failed and errored (${failing.length})</h2><ol class="failures">${rows.join('')}</ol>`;
}

function filters(report: JsonReport): string {
  const tags = [...new Set(report.cases.flatMap((c) => c.tags))].sort();
  const sections = [...new Set(report.cases.map((c) => sectionOf(c.ref)))].sort();
  const box = (name: string, v: string) =>
    `<label><input type="checkbox" name="${name}" value="${esc(v)}" checked> ${esc(v)}</label>`;
  const option = (v: string) => `<option value="${esc(v)}">${esc(v)}</option>`;
  return `<form id="filters" hidden onsubmit="return false">
<fieldset><legend>status</legend>${STATUSES.map((s) => box('status', s)).join('')}</fieldset>
<fieldset><legend>level</legend>${LEVELS.map((l) => box('level', l)).join('')}</fieldset>
<label>section <select name="section"><option value="">any</option>${sections.map(option).join('')}</select></label>
<label>tag <select name="tag"><option value="">any</option>${tags.map(option).join('')}</select></label>
<label>text <input type="search" name="text" placeholder="id, title, reason…"></label>
<span id="shown"></span>
</form>`;
}

function countsLine(cases: readonly CaseResult[]): string {
  return STATUSES.map((s) => [s, cases.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `<span class="count ${s}">${n} ${s}</span>`)
    .join(' · ');
}

/** The cases by suite, then by spec section, worst first, each heading with its counts. */
function casesHtml(report: JsonReport): string {
  return groupCases(report.cases)
    .map(
      ({ suite, sections }) => `<section class="suite" data-suite="${esc(suite.name)}">
<h3>${esc(suite.name)} <small>${suite.cases.length} cases: ${countsLine(suite.cases)}</small></h3>
${sections
  .map(
    (s) => `<section class="section-group" data-section="${esc(s.name)}">
<h4>${specRefHtml(s.name)} <small>${s.cases.length}: ${countsLine(s.cases)}</small></h4>
${s.cases.map(caseHtml).join('\n')}
</section>`,
  )
  .join('\n')}
</section>`,
    )
    .join('\n');
}

/** Summary, failures and the cases (a bench report has none of them). */
function casesPartHtml(report: JsonReport): string {
  return `<h2>Summary</h2>
${summaryTable(report)}
${report.gating.staleBaseline?.length ? `<p><strong>Baselined cases that now pass</strong> (trim them from ${esc(report.gating.baseline)}): ${report.gating.staleBaseline.map(esc).join(', ')}</p>` : ''}
${failuresHtml(report)}
<h2>Cases <small>by suite and spec section, failures first</small></h2>
${filters(report)}
${casesHtml(report)}`;
}

/** A report of `dpop-conformance bench` alone: no case, nothing graded. */
const benchOnly = (report: JsonReport) => report.bench !== undefined && report.cases.length === 0;

/** The verdict at the top: the gate, or that no case ran (a bench report grades nothing and shows none). */
function gateBadge(report: JsonReport): string {
  if (benchOnly(report)) return '';
  if (report.gating.noCaseRan) return '<span class="gate bad">NO CASE RAN (not a pass)</span>';
  const verdict = report.gating.passed ? 'PASSED' : 'FAILED';
  return `<span class="gate ${report.gating.passed ? 'ok' : 'bad'}">${verdict} (fail on ${esc(report.gating.failOn)})</span>`;
}

/** report.html: one self-contained page (no external assets); JavaScript only for the filters and copy buttons. */
export function renderHtml(report: JsonReport): string {
  const profile = bundledProfile();
  const gate = gateBadge(report);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>dpop-conformance report — ${esc(targetLine(report))}</title>
<style>${STYLES}</style>
</head>
<body>
<header>
<h1>dpop-conformance report ${gate}</h1>
${runFactsHtml(report)}
</header>
<main>
${report.bench ? benchHtml(report.bench) : ''}
${benchOnly(report) ? '' : casesPartHtml(report)}
${profileSectionHtml(report)}
<h2>The DPoP-SK profile</h2>
<p class="hint">docs/profile.md, bundled so that the DPoP-SK references above resolve offline.</p>
${profile.html}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
