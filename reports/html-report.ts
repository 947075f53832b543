import { caseHtml } from './html/render-case.js';
import { esc } from './html/escape.js';
import { SCRIPT } from './html/script.js';
import { STYLES } from './html/styles.js';
import type { JsonReport } from './json-report.js';

const STATUSES = ['pass', 'fail', 'error', 'expected-fail', 'not-exhibited', 'skipped'];
const LEVELS = ['MUST', 'SHOULD', 'MAY'];

function summaryTable(report: JsonReport): string {
  const cell = (level: string, status: string) => report.counts.byLevel[level]?.[status] ?? 0;
  const rows = LEVELS.map((l) => `<tr><td>${l}</td>${STATUSES.map((s) => `<td>${cell(l, s)}</td>`).join('')}</tr>`);
  return `<table class="summary"><thead><tr><th>level</th>${STATUSES.map((s) => `<th>${s}</th>`).join('')}</tr></thead><tbody>${rows.join('')}
<tr><th>total</th>${STATUSES.map((s) => `<th>${report.counts.byStatus[s] ?? 0}</th>`).join('')}</tr></tbody></table>`;
}

function filters(report: JsonReport): string {
  const tags = [...new Set(report.cases.flatMap((c) => c.tags))].sort();
  const box = (name: string, v: string) =>
    `<label><input type="checkbox" name="${name}" value="${v}" checked> ${v}</label>`;
  return `<form id="filters" hidden onsubmit="return false">
<fieldset><legend>status</legend>${STATUSES.map((s) => box('status', s)).join('')}</fieldset>
<fieldset><legend>level</legend>${LEVELS.map((l) => box('level', l)).join('')}</fieldset>
<label>tag <select name="tag"><option value="">any</option>${tags.map((t) => `<option>${esc(t)}</option>`).join('')}</select></label>
<label>text <input type="search" name="text" placeholder="id, title, reason…"></label>
<span id="shown"></span>
</form>`;
}

/** report.html: one self-contained page (no external assets); JavaScript only for the filters. */
export function renderHtml(report: JsonReport): string {
  const t = report.target;
  const targetLine =
    t.mode === 'bundled-mocks'
      ? 'the bundled mocks'
      : [t.as ? `AS ${t.as.issuer}` : '', t.rs ? `RS ${t.rs.resource}` : ''].filter(Boolean).join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>dpop-conformance report — ${esc(targetLine)}</title>
<style>${STYLES}</style>
</head>
<body>
<header>
<h1>dpop-conformance report <span class="gate ${report.gating.passed ? 'ok' : 'bad'}">${report.gating.passed ? 'PASSED' : 'FAILED'} (fail on ${esc(report.gating.failOn)})</span></h1>
<div class="meta">target: ${esc(targetLine)} · run ${esc(report.runId)} · ${esc(report.startedAt)} → ${esc(report.finishedAt)} · dpop-conformance ${esc(report.tool.version)}</div>
</header>
<main>
<h2>Summary</h2>
${summaryTable(report)}
${report.gating.staleBaseline?.length ? `<p><strong>Baselined cases that now pass</strong> (trim them from ${esc(report.gating.baseline)}): ${report.gating.staleBaseline.map(esc).join(', ')}</p>` : ''}
<h2>Cases</h2>
${filters(report)}
${report.cases.map(caseHtml).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
