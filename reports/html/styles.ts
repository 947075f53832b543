/** The report's whole stylesheet (inline: the page has no external assets). Narrow screens: nothing is wider than the viewport. */
export const STYLES = `
:root { --pass: #1a7f37; --fail: #cf222e; --error: #8250df; --skipped: #9a6700; --expected-fail: #0969da; --not-exhibited: #6e7781; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; overflow-wrap: anywhere; }
header { background: #24292f; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 6px; font-size: 20px; }
header code { color: #fff; background: #3d444d; border-radius: 4px; padding: 0 4px; font-size: 12px; }
header .none { color: #8c959f; }
dl.run-facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 0; font-size: 13px; color: #d0d7de; }
dl.run-facts dt { color: #8c959f; }
dl.run-facts dd { margin: 0; }
.selftest { background: #9a6700; color: #fff; padding: 4px 8px; border-radius: 4px; margin: 6px 0; font-weight: 600; }
main { padding: 16px 24px; max-width: 1200px; }
h2 small, h3 small, h4 small { font-weight: 400; color: var(--muted); font-size: 13px; }
.gate { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; margin-left: 8px; }
.gate.ok { background: var(--pass); } .gate.bad { background: var(--fail); }
.scroll { max-width: 100%; overflow-x: auto; }
table.summary { border-collapse: collapse; background: #fff; margin: 8px 0 16px; overflow-wrap: normal; }
table.summary th, table.summary td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: right; }
table.summary th:first-child, table.summary td:first-child { text-align: left; }
ol.failures { background: #fff; border: 1px solid #d0d7de; border-left: 6px solid var(--fail); border-radius: 6px; padding: 8px 12px 8px 36px; margin: 8px 0 16px; }
ol.failures li { margin: 4px 0; }
ol.failures .ref { color: var(--muted); font-size: 13px; }
ol.failures .not-gated { color: var(--muted); font-size: 12px; font-style: italic; }
.no-failures { color: var(--pass); font-weight: 600; }
.count.fail { color: var(--fail); font-weight: 600; } .count.error { color: var(--error); font-weight: 600; }
#filters { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px; margin-bottom: 12px; display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: center; }
#filters[hidden] { display: none; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
#filters legend { font-weight: 600; float: left; margin-right: 6px; }
#filters select { max-width: 100%; }
#shown { color: var(--muted); margin-left: auto; }
section.suite > h3 { margin: 18px 0 4px; font-size: 17px; border-bottom: 1px solid #d0d7de; }
section.section-group > h4 { margin: 10px 0 2px; font-size: 14px; }
details.case { background: #fff; border: 1px solid #d0d7de; border-left: 6px solid var(--muted); border-radius: 6px; margin: 6px 0; }
details.case[data-status="pass"] { border-left-color: var(--pass); }
details.case[data-status="fail"] { border-left-color: var(--fail); }
details.case[data-status="error"] { border-left-color: var(--error); }
details.case[data-status="skipped"] { border-left-color: var(--skipped); }
details.case[data-status="expected-fail"] { border-left-color: var(--expected-fail); }
details.case > summary { cursor: pointer; padding: 6px 10px; display: flex; flex-wrap: wrap; gap: 2px 10px; align-items: baseline; }
details.case > summary .title { flex: 1 1 14em; min-width: 0; }
.row-reason { flex: 1 0 100%; color: #6e1b16; font-size: 13px; }
details.case[data-status="skipped"] .row-reason, details.case[data-status="expected-fail"] .row-reason { color: var(--muted); }
.badge { font: 600 11px/1.6 ui-monospace, monospace; padding: 0 6px; border-radius: 4px; color: #fff; text-transform: uppercase; min-width: 92px; text-align: center; display: inline-block; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.error { background: var(--error); }
.badge.skipped { background: var(--skipped); } .badge.expected-fail { background: var(--expected-fail); }
.id { font-family: ui-monospace, monospace; font-weight: 600; white-space: nowrap; }
details.case[data-status="not-exhibited"] { border-left-color: var(--not-exhibited); }
.badge.not-exhibited { background: var(--not-exhibited); }
.level { font-size: 12px; color: var(--muted); border: 1px solid #d0d7de; border-radius: 4px; padding: 0 4px; }
.body { padding: 4px 14px 12px; border-top: 1px solid #d8dee4; }
.reason { font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.tag { display: inline-block; background: #ddf4ff; border-radius: 10px; padding: 0 8px; margin-right: 4px; font-size: 12px; }
table.assertions { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
table.assertions th, table.assertions td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
table.assertions tr.bad td { background: #ffebe9; }
.exchange { border: 1px solid #d8dee4; border-radius: 6px; margin: 8px 0; padding: 6px 10px; }
.exchange h4 { margin: 0 0 4px; font-size: 13px; }
.exchange .label, .jwt-part { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; margin-top: 4px; }
.jwt h5 { margin: 8px 0 0; font-size: 13px; }
mark.mutated { background: #fff8c5; outline: 1px solid #d4a72c; }
.mutated-note { font-weight: 400; font-size: 12px; background: #fff8c5; padding: 0 4px; }
details.curl > summary { cursor: pointer; font-size: 12px; color: var(--expected-fail); }
button.copy { font-size: 12px; margin: 2px 0; }
.hint { color: var(--muted); font-size: 12px; margin: 2px 0; }
pre { background: #f6f8fa; padding: 6px 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: 4px 0; font-size: 12px; }
section.profile { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 16px; }
section.profile pre.md-table { white-space: pre; overflow-x: auto; word-break: normal; }
.hidden { display: none; }
@media (max-width: 600px) {
  header, main { padding: 10px 10px; }
  .badge { min-width: 0; }
  table.summary th, table.summary td { padding: 3px 3px; font-size: 12px; }
  table.summary thead th { font-size: 11px; }
  .body { padding: 4px 8px 10px; }
  dl.facts, dl.run-facts { grid-template-columns: minmax(0, 1fr); }
  dl.facts dt, dl.run-facts dt { margin-top: 4px; }
  #shown { margin-left: 0; }
  table.assertions thead { display: none; }
  table.assertions, table.assertions tbody, table.assertions tr, table.assertions td { display: block; width: 100%; }
  table.assertions tr { border: 1px solid #d0d7de; margin-bottom: 6px; }
  table.assertions td { border: 0; }
  table.assertions td[data-label]:not([data-label=""])::before { content: attr(data-label) ": "; color: var(--muted); }
}
`;
