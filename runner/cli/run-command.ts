import { planRun } from '../target/plan-run.js';
import { resolve } from 'node:path';
import { parseFlags } from './parse-flags.js';
import { httpUrlOf } from './url-option.js';
import { gradedReport } from '../../reports/graded-report.js';
import { runSettings } from '../../reports/run-settings.js';
import { defaultPaths, writeReports } from '../../reports/write-reports.js';
import { runCases } from '../engine/run.js';
import type { CaseResult } from '../engine/run-case.js';
import { baselined, readBaseline, writeBaseline } from '../gating/baseline.js';
import { FAIL_ON, type FailOn } from '../gating/gate.js';
import { DEFAULT_SEND } from '../http/send.js';
import { loadSuites } from '../suite/load.js';
import { selectCases } from '../suite/select.js';
import type { ClockSkewOption } from '../target/clock-skew.js';
import { checkOutputFile, prepareOutputFolder } from './check-outputs.js';
import { MAX_TIMER_MS, wholeNumber } from './numbers.js';
import { SUMMARY_OPTIONS, summaryFlags } from './summary-flags.js';
import { detectFeatures } from '../detect/detect.js';
import { parseFeatureList } from '../suite/features.js';
import { parseStances } from '../suite/stances.js';
import { printable } from './terminal-text.js';
import { failureRecap, progressLine, summaryLines } from './progress.js';
import { EXIT, UsageError } from '../../base/errors.js';
import { suggestion } from '../../base/nearest-name.js';
import { measureProfile, profileBundledMocks, profilePlan, type Profiled } from '../profile/run-profile.js';
import { profileWait } from './profile-wait.js';
import { countOf } from '../../base/count-words.js';

export const RUN_OPTIONS = {
  as: { type: 'string' },
  rs: { type: 'string' },
  target: { type: 'string' },
  suite: { type: 'string', multiple: true },
  id: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  ref: { type: 'string', multiple: true },
  level: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  out: { type: 'string' },
  'suites-dir': { type: 'string' },
  'mock-fault': { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'strict-baseline': { type: 'boolean' },
  'write-baseline': { type: 'string' },
  'show-na': { type: 'boolean' },
  'show-tokens': { type: 'boolean' },
  'clock-skew': { type: 'string' },
  ca: { type: 'string', multiple: true },
  insecure: { type: 'boolean' },
  'junit-all-failures': { type: 'boolean' },
  ...SUMMARY_OPTIONS,
  features: { type: 'string', multiple: true },
  detect: { type: 'boolean' },
  stance: { type: 'string', multiple: true },
  'profile-wait': { type: 'string' },
  'no-profile': { type: 'boolean' },
  profile: { type: 'boolean' },
} as const;

/** At most this many cases run at once. */
const MAX_CONCURRENCY = 256;

const optional = (name: string, v: string | undefined, range: { min: number; max: number }) =>
  v === undefined ? undefined : wholeNumber(name, v, range);

/** --as and --rs: an absolute http(s) URL, or a UsageError saying so. */
export function httpUrl(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!httpUrlOf(v))
    throw new UsageError(
      `${flag} must be an http(s) URL, such as https://server.example/, not ${JSON.stringify(v.slice(0, 80))}`,
    );
  return v;
}

/** --clock-skew auto|SECONDS (runner/target/clock-skew.ts). */
export function clockSkewOption(v: string | undefined): ClockSkewOption | undefined {
  if (v === undefined || v === 'auto') return v;
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || Math.abs(n) > 86_400)
    throw new UsageError('--clock-skew takes auto or whole seconds (-86400 to 86400)');
  return n;
}

/** `dpop-conformance run`: the suites against a target (or the bundled mocks); reports; an exit code for CI. */
export async function runCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseFlags({ args, options: RUN_OPTIONS });
  const concurrency = optional('concurrency', values.concurrency, { min: 1, max: MAX_CONCURRENCY }) ?? 4;
  const timeoutMs = optional('timeout', values.timeout, { min: 1, max: MAX_TIMER_MS }) ?? DEFAULT_SEND.timeoutMs;
  const deadlineSeconds = optional('deadline', values.deadline, { min: 1, max: Math.floor(MAX_TIMER_MS / 1000) });
  const failOn = (values['fail-on'] ?? 'must') as FailOn;
  if (!FAIL_ON.includes(failOn))
    throw new UsageError(
      `--fail-on takes must, should or any, not ${JSON.stringify(values['fail-on'])}${suggestion(failOn, FAIL_ON)}`,
    );
  const as = httpUrl('--as', values.as);
  const rs = httpUrl('--rs', values.rs);
  const vendor = as || rs || values.target;
  if (vendor && values['mock-fault']) throw new UsageError('--mock-fault applies to the bundled mocks only');
  const features = values.features ? parseFeatureList('--features', values.features) : undefined;
  if (!vendor && (features || values.detect))
    throw new UsageError(
      `--${features ? 'features' : 'detect'} applies to a vendor target (--as, --rs or --target); the bundled mocks declare their own`,
    );
  const stances = parseStances(values.stance);
  const profileWaitSeconds = profileWait(values['profile-wait']);
  if (values.profile && values['no-profile']) throw new UsageError('--profile and --no-profile contradict each other');
  const clockSkew = clockSkewOption(values['clock-skew']);
  if (!vendor && clockSkew !== undefined) throw new UsageError('--clock-skew applies to a vendor target only');
  if (!vendor && (values.ca || values.insecure))
    throw new UsageError('--ca and --insecure apply to a vendor target only');
  const suites = loadSuites(values['suites-dir']);
  const knownIds = new Set(suites.flatMap((s) => s.cases.map((c) => c.id)));
  const baseline = values.baseline ? readBaseline(values.baseline, knownIds) : undefined;
  const cases = selectCases(suites, {
    suites: values.suite,
    ids: values.id,
    tags: values.tag,
    levels: values.level,
    refs: values.ref,
  });
  const outDir = resolve(values.out ?? 'reports-out');
  prepareOutputFolder('--out', values.out ?? 'reports-out');
  if (values['write-baseline']) checkOutputFile('--write-baseline', values['write-baseline']);
  const summary = summaryFlags(values);

  const deadline = deadlineSeconds ? AbortSignal.timeout(deadlineSeconds * 1000) : undefined;
  const planned = await planRun({
    vendor: vendor
      ? { as, rs, targetFile: values.target, showTokens: values['show-tokens'], clockSkew, features }
      : undefined,
    mockFaults: values['mock-fault'],
    cases,
    timeoutMs,
    stop: deadline,
    tls: { caFiles: values.ca, insecure: values.insecure },
    say: out,
  });
  let plan = planned.plan;
  const send = planned.send;
  for (const note of plan.notes ?? []) out(note);
  if (values.detect) {
    const detected = await detectFeatures(plan).catch(async (e: unknown) => {
      await plan.close();
      throw e;
    });
    plan = detected.plan;
    for (const line of detected.lines) out(printable(line));
  }
  // The server profile (runner/profile/): the bundled mocks' by default, on pairs of its own, alongside the
  // cases; a vendor's with --profile only (about 130 more requests and bounded waits), after the cases,
  // so that its probes do not disturb them (nonce rotations, replay records, rate limits).
  const profileOf = () =>
    vendor ? profilePlan(plan, send, profileWaitSeconds) : profileBundledMocks(send, { faults: values['mock-fault'] });
  const measuring = values['no-profile'] || vendor ? undefined : measureProfile(profileOf);
  const profileAfter = vendor && values.profile && !values['no-profile'];
  const started = new Date();
  const byId = new Map((baseline ?? []).map((b) => [b.id, b]));
  const notApplicable = new Set<string>();
  let raw: CaseResult[];
  let profile: Profiled | undefined;
  try {
    // counted as the summary line counts them: cases for a side not under test apart
    const na = cases.filter((c) => {
      const env = plan.envFor(c);
      return 'skip' in env && env.notApplicable === true;
    }).length;
    const n = cases.length - na;
    out(
      `dpop-conformance: ${countOf(n, 'case')} against ${vendor ? 'your target' : 'the bundled mocks'} (concurrency ${concurrency})${na ? `; ${na} more for a side not under test` : ''}`,
    );
    raw = await runCases(cases, plan, {
      concurrency,
      stances,
      ...(deadline ? { deadline: { signal: deadline, seconds: deadlineSeconds! } } : {}),
      onResult: (r, info) => {
        if (info.notApplicable) notApplicable.add(r.id);
        if (!info.notApplicable || values['show-na']) out(progressLine(baselined(r, byId)));
      },
    });
    if (profileAfter) profile = await measureProfile(profileOf);
  } finally {
    if (measuring) profile = await measuring;
    await plan.close();
  }
  const { report, results, stale } = gradedReport(raw, {
    started,
    target: plan.summary,
    failOn,
    ...(values.baseline && baseline ? { baseline: { path: values.baseline, entries: baseline } } : {}),
    strictBaseline: !!values['strict-baseline'],
    run: runSettings(values, cases.length, stances),
    ...(profile?.profile ? { profile: profile.profile } : {}),
  });
  const written = writeReports(
    report,
    { ...defaultPaths(outDir), summaryMd: summary.path },
    { allFailures: values['junit-all-failures'] },
    summary.options,
  );
  for (const line of profile?.lines ?? []) out(printable(line));
  for (const line of summaryLines(results, notApplicable, !!values['show-na'])) out(line);
  if (stale.length)
    out(
      `baselined cases that now pass (trim them from ${values.baseline}): ${stale.join(', ')}${values['strict-baseline'] ? ' — this fails the run under --strict-baseline' : ''}`,
    );
  if (values['write-baseline'])
    out(`wrote ${values['write-baseline']} with ${writeBaseline(values['write-baseline'], results)} expected failures`);
  out(`reports: ${written.join(', ')}`);
  if (report.gating.noCaseRan) {
    out('NO CASE RAN: every case was filtered out or skipped. This is not a pass.');
    return EXIT.NOTHING_RAN;
  }
  for (const line of failureRecap(results, failOn)) out(line);
  const passed = report.gating.passed;
  out(passed ? `gate passed (fail on ${failOn})` : `gate FAILED (fail on ${failOn})`);
  return passed ? EXIT.OK : EXIT.FAILED;
}
