/** The report's whole stylesheet (inline: the page has no external assets). */
export const STYLES = `
:root { --pass: #1a7f37; --fail: #cf222e; --error: #8250df; --skipped: #9a6700; --expected-fail: #0969da; --not-exhibited: #6e7781; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header .meta { color: #c9d1d9; font-size: 13px; }
main { padding: 16px 24px; max-width: 1200px; }
.gate { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; margin-left: 8px; }
.gate.ok { background: var(--pass); } .gate.bad { background: var(--fail); }
table.summary { border-collapse: collapse; background: #fff; margin: 8px 0 16px; }
table.summary th, table.summary td { border: 1px solid #d0d7de; padding: 4px 12px; text-align: right; }
table.summary th:first-child, table.summary td:first-child { text-align: left; }
#filters { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px; margin-bottom: 12px; display: flex; flex-wrap: wrap; gap: 14px; align-items: center; }
#filters[hidden] { display: none; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 8px; align-items: center; }
#filters legend { font-weight: 600; float: left; margin-right: 6px; }
#shown { color: var(--muted); margin-left: auto; }
details.case { background: #fff; border: 1px solid #d0d7de; border-left: 6px solid var(--muted); border-radius: 6px; margin: 6px 0; }
details.case[data-status="pass"] { border-left-color: var(--pass); }
details.case[data-status="fail"] { border-left-color: var(--fail); }
details.case[data-status="error"] { border-left-color: var(--error); }
details.case[data-status="skipped"] { border-left-color: var(--skipped); }
details.case[data-status="expected-fail"] { border-left-color: var(--expected-fail); }
details.case[data-status="not-exhibited"] { border-left-color: var(--not-exhibited); }
details.case > summary { cursor: pointer; padding: 6px 10px; display: flex; gap: 10px; align-items: baseline; }
.badge { font: 600 11px/1.6 ui-monospace, monospace; padding: 0 6px; border-radius: 4px; color: #fff; text-transform: uppercase; min-width: 92px; text-align: center; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.error { background: var(--error); }
.badge.skipped { background: var(--skipped); } .badge.expected-fail { background: var(--expected-fail); } .badge.not-exhibited { background: var(--not-exhibited); }
.id { font-family: ui-monospace, monospace; font-weight: 600; }
.level { font-size: 12px; color: var(--muted); border: 1px solid #d0d7de; border-radius: 4px; padding: 0 4px; }
.body { padding: 4px 14px 12px; border-top: 1px solid #d8dee4; }
.reason { font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.tag { display: inline-block; background: #ddf4ff; border-radius: 10px; padding: 0 8px; margin-right: 4px; font-size: 12px; }
table.assertions { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
table.assertions th, table.assertions td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
table.assertions tr.bad td { background: #ffebe9; }
.exchange { border: 1px solid #d8dee4; border-radius: 6px; margin: 8px 0; padding: 6px 10px; }
.exchange h4 { margin: 0 0 4px; font-size: 13px; }
pre { background: #f6f8fa; padding: 6px 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: 4px 0; font-size: 12px; }
.hidden { display: none; }
`;
