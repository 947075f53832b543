import type { CaseResult } from '../runner/engine/run-case.js';
import { isGated } from '../runner/gating/gate.js';
import type { JsonReport } from './json-report.js';
import { transcriptText } from './transcript-text.js';
import { xmlAttr as attr, xmlCdata as cdata } from './xml-text.js';

const secs = (ms: number) => (Number.isFinite(ms) ? ms / 1000 : 0).toFixed(3);

export interface JunitOptions {
  /**
   * Write every fail and error as <failure>/<error>, gated or not. By default only those at
   * a gated level (--fail-on) are; the others are <skipped> with "not gated" in the message,
   * so a CI that marks a build unstable on any <failure> agrees with the exit code.
   */
  allFailures?: boolean;
}

/** The failure text, h2spec style. */
function detail(r: CaseResult): string {
  const failed = r.assertions.find((a) => !a.ok);
  const lines = [`${r.id} ${r.title}`, `Requirement: ${r.ref}${r.quote ? ` — "${r.quote}"` : ''}`];
  if (r.mutation) lines.push(`Mutation: ${r.mutation}`);
  if (failed) lines.push(`Expected: ${failed.what}: ${failed.expected}`, `Actual: ${failed.actual}`);
  else lines.push(`Reason: ${r.reason ?? r.status}`);
  return lines.join('\n');
}

/** How a case shows in JUnit: the element inside its <testcase>, and text for system-out. */
function outcome(r: CaseResult, gated: boolean, failOn: string): { inner: string; out: string } {
  const failing = r.status === 'fail' || r.status === 'error';
  if (failing && !gated) {
    const message = `not gated (${r.level} ${r.status}; the run fails on --fail-on ${failOn}): ${r.reason ?? ''}`;
    return { inner: `<skipped message="${attr(message)}"/>`, out: `${detail(r)}\n\n` };
  }
  if (r.status === 'fail')
    return {
      inner: `<failure message="${attr(r.reason)}" type="${attr(r.level)}">${cdata(detail(r))}</failure>`,
      out: '',
    };
  if (r.status === 'error')
    return { inner: `<error message="${attr(r.reason)}" type="error">${cdata(detail(r))}</error>`, out: '' };
  if (r.status === 'skipped') return { inner: `<skipped message="${attr(r.reason)}"/>`, out: '' };
  if (r.status === 'expected-fail')
    return { inner: `<skipped message="${attr(`expected failure: ${r.reason}`)}"/>`, out: '' };
  if (r.status === 'not-exhibited')
    return { inner: `<skipped message="${attr(`not exhibited (optional): ${r.reason}`)}"/>`, out: '' };
  return { inner: '', out: '' };
}

/** junit.xml: a testsuite per suite file, a testcase per case (Jenkins, GitLab and GitHub reporters read it). */
export function renderJunit(report: JsonReport, options: JunitOptions = {}): string {
  const failOn = report.gating.failOn;
  const gated = (r: CaseResult) => options.allFailures === true || isGated(r.level, failOn);
  const testcase = (r: CaseResult) => {
    const { inner, out } = outcome(r, gated(r), failOn);
    const text = out + transcriptText(r.transcript);
    const sysout = text ? `<system-out>${cdata(text)}</system-out>` : '';
    return `    <testcase name="${attr(`${r.id} ${r.title}`)}" classname="${attr(`dpop-conformance.${r.suite}`)}" time="${secs(r.durationMs)}">${inner}${sysout}</testcase>`;
  };
  const suites = new Map<string, CaseResult[]>();
  for (const r of report.cases) suites.set(r.suite, [...(suites.get(r.suite) ?? []), r]);
  const count = (rs: CaseResult[], st: string) => rs.filter((r) => r.status === st && gated(r)).length;
  const skipped = (rs: CaseResult[]) =>
    rs.filter((r) => r.status === 'skipped' || r.status === 'expected-fail' || r.status === 'not-exhibited').length +
    rs.filter((r) => (r.status === 'fail' || r.status === 'error') && !gated(r)).length;
  const time = (rs: CaseResult[]) => secs(rs.reduce((n, r) => n + r.durationMs, 0));
  const body = [...suites].map(([name, rs]) =>
    [
      `  <testsuite name="${attr(name)}" tests="${rs.length}" failures="${count(rs, 'fail')}" errors="${count(rs, 'error')}" skipped="${skipped(rs)}" time="${time(rs)}" timestamp="${attr(report.startedAt.replace(/\.\d+Z$/, ''))}" file="${attr(rs[0].file)}">`,
      `    <properties><property name="runId" value="${attr(report.runId)}"/><property name="tool" value="dpop-conformance ${attr(report.tool.version)}"/><property name="failOn" value="${attr(failOn)}"/></properties>`,
      ...rs.map(testcase),
      '  </testsuite>',
    ].join('\n'),
  );
  const all = report.cases;
  // No case ran (exit code 3): one failing testcase says so, so that a CI reading only junit.xml does not see green.
  const none = report.gating.noCaseRan ? noCaseRanSuite(report) : undefined;
  const failures = count(all, 'fail') + (none ? 1 : 0);
  const tests = all.length + (none ? 1 : 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="dpop-conformance" tests="${tests}" failures="${failures}" errors="${count(all, 'error')}" time="${time(all)}">\n${[...body, ...(none ? [none] : [])].join('\n')}\n</testsuites>\n`;
}

const NO_CASE_RAN = 'no case ran: every case was filtered out or skipped (exit code 3). This is not a pass.';

function noCaseRanSuite(report: JsonReport): string {
  return [
    `  <testsuite name="dpop-conformance" tests="1" failures="1" errors="0" skipped="0" time="0.000" timestamp="${attr(report.startedAt.replace(/\.\d+Z$/, ''))}">`,
    `    <testcase name="no case ran" classname="dpop-conformance.run" time="0.000"><failure message="${attr(NO_CASE_RAN)}" type="run">${cdata(NO_CASE_RAN)}</failure></testcase>`,
    '  </testsuite>',
  ].join('\n');
}
