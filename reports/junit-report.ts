import type { CaseResult } from '../runner/engine/run-case.js';
import type { JsonReport } from './json-report.js';

const attr = (v: unknown) =>
  String(v ?? '')
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
const cdata = (s: string) =>
  `<![CDATA[${s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .split(']]>')
    .join(']]]]><![CDATA[>')}]]>`;
const secs = (ms: number) => (ms / 1000).toFixed(3);

/** The failure text, h2spec style. */
function detail(r: CaseResult): string {
  const failed = r.assertions.find((a) => !a.ok);
  const lines = [`${r.id} ${r.title}`, `Requirement: ${r.ref}${r.quote ? ` — "${r.quote}"` : ''}`];
  if (r.mutation) lines.push(`Mutation: ${r.mutation}`);
  if (failed) lines.push(`Expected: ${failed.what}: ${failed.expected}`, `Actual: ${failed.actual}`);
  else lines.push(`Reason: ${r.reason ?? r.status}`);
  return lines.join('\n');
}

function transcript(r: CaseResult): string {
  return r.transcript
    .map((x) => {
      const req = [
        `${x.request.method} ${x.request.url}`,
        ...x.request.headers.map(([k, v]) => `${k}: ${v}`),
        ...(x.request.body ? ['', x.request.body] : []),
      ].join('\n');
      const res = x.response
        ? [
            `HTTP ${x.response.status}`,
            ...Object.entries(x.response.headers).map(([k, v]) => `${k}: ${v}`),
            '',
            x.response.body,
          ].join('\n')
        : (x.note ?? 'no response');
      const decoded = Object.entries(x.decoded)
        .map(([n, d]) => `${n}:\n${JSON.stringify(d.header, null, 2)}\n${JSON.stringify(d.claims, null, 2)}`)
        .join('\n');
      return `--- step ${x.step} (${x.kind}) ---\n${req}\n\n${res}${decoded ? `\n\n${decoded}` : ''}`;
    })
    .join('\n\n');
}

function testcase(r: CaseResult): string {
  const name = `${r.id} ${r.title}`;
  let inner = '';
  if (r.status === 'fail')
    inner = `<failure message="${attr(r.reason)}" type="${attr(r.level)}">${cdata(detail(r))}</failure>`;
  else if (r.status === 'error') inner = `<error message="${attr(r.reason)}" type="error">${cdata(detail(r))}</error>`;
  else if (r.status === 'skipped') inner = `<skipped message="${attr(r.reason)}"/>`;
  else if (r.status === 'expected-fail') inner = `<skipped message="${attr(`expected failure: ${r.reason}`)}"/>`;
  else if (r.status === 'not-exhibited')
    inner = `<skipped message="${attr(`not exhibited (optional): ${r.reason}`)}"/>`;
  const out = r.transcript.length ? `<system-out>${cdata(transcript(r))}</system-out>` : '';
  return `    <testcase name="${attr(name)}" classname="${attr(`dpop-conformance.${r.suite}`)}" time="${secs(r.durationMs)}">${inner}${out}</testcase>`;
}

/** junit.xml: a testsuite per suite file, a testcase per case (Jenkins, GitLab and GitHub reporters read it). */
export function renderJunit(report: JsonReport): string {
  const suites = new Map<string, CaseResult[]>();
  for (const r of report.cases) suites.set(r.suite, [...(suites.get(r.suite) ?? []), r]);
  const count = (rs: CaseResult[], ...st: string[]) => rs.filter((r) => st.includes(r.status)).length;
  const time = (rs: CaseResult[]) => secs(rs.reduce((n, r) => n + r.durationMs, 0));
  const body = [...suites].map(([name, rs]) =>
    [
      `  <testsuite name="${attr(name)}" tests="${rs.length}" failures="${count(rs, 'fail')}" errors="${count(rs, 'error')}" skipped="${count(rs, 'skipped', 'expected-fail', 'not-exhibited')}" time="${time(rs)}" timestamp="${attr(report.startedAt.replace(/\.\d+Z$/, ''))}" file="${attr(rs[0].file)}">`,
      `    <properties><property name="runId" value="${attr(report.runId)}"/><property name="tool" value="dpop-conformance ${attr(report.tool.version)}"/></properties>`,
      ...rs.map(testcase),
      '  </testsuite>',
    ].join('\n'),
  );
  const all = report.cases;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="dpop-conformance" tests="${all.length}" failures="${count(all, 'fail')}" errors="${count(all, 'error')}" time="${time(all)}">\n${body.join('\n')}\n</testsuites>\n`;
}
