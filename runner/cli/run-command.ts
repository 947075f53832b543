import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildJsonReport } from '../../reports/json-report.js';
import { defaultPaths, writeReports } from '../../reports/write-reports.js';
import { runCases } from '../engine/run.js';
import type { CaseResult } from '../engine/run-case.js';
import { applyBaseline, readBaseline, writeBaseline } from '../gating/baseline.js';
import { FAIL_ON, passesGate, type FailOn } from '../gating/gate.js';
import { DEFAULT_SEND } from '../http/send.js';
import { loadSuites } from '../suite/load.js';
import { selectCases } from '../suite/select.js';
import { planMocks } from '../target/plan-mocks.js';
import { planVendor } from '../target/plan-vendor.js';
import { progressLine, summaryLines } from './progress.js';
import { EXIT, UsageError } from '../../base/errors.js';

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
  out: { type: 'string' },
  'suites-dir': { type: 'string' },
  'mock-fault': { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'strict-baseline': { type: 'boolean' },
  'write-baseline': { type: 'string' },
} as const;

function positive(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a positive whole number`);
  return n;
}

/** `dpop-conformance run`: the suites against a target (or the bundled mocks); reports; an exit code for CI. */
export async function runCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: RUN_OPTIONS });
  const concurrency = positive('concurrency', values.concurrency, 4);
  const send = { ...DEFAULT_SEND, timeoutMs: positive('timeout', values.timeout, DEFAULT_SEND.timeoutMs) };
  const failOn = (values['fail-on'] ?? 'must') as FailOn;
  if (!FAIL_ON.includes(failOn))
    throw new UsageError(`--fail-on takes must, should or any, not ${JSON.stringify(values['fail-on'])}`);
  const baseline = values.baseline ? readBaseline(values.baseline) : undefined;
  const suites = loadSuites(values['suites-dir']);
  const cases = selectCases(suites, {
    suites: values.suite,
    ids: values.id,
    tags: values.tag,
    levels: values.level,
    refs: values.ref,
  });
  const vendor = values.as || values.rs || values.target;
  if (vendor && values['mock-fault']) throw new UsageError('--mock-fault applies to the bundled mocks only');
  const plan = vendor
    ? await planVendor({ as: values.as, rs: values.rs, targetFile: values.target, send })
    : await planMocks(send, values['mock-fault']);
  const started = new Date();
  let raw: CaseResult[];
  try {
    out(
      `dpop-conformance: ${cases.length} cases against ${vendor ? 'your target' : 'the bundled mocks'} (concurrency ${concurrency})`,
    );
    raw = await runCases(cases, plan, { concurrency, onResult: (r) => out(progressLine(r)) });
  } finally {
    await plan.close();
  }
  const { results, stale } = baseline ? applyBaseline(raw, baseline) : { results: raw, stale: [] };
  const passed = passesGate(results, failOn, stale, !!values['strict-baseline']);
  const report = buildJsonReport(results, {
    started,
    finished: new Date(),
    target: plan.summary,
    gating: { failOn, passed, ...(values.baseline ? { baseline: values.baseline, staleBaseline: stale } : {}) },
  });
  const written = writeReports(report, defaultPaths(resolve(values.out ?? 'reports-out')));
  for (const line of summaryLines(results)) out(line);
  if (stale.length)
    out(
      `baselined cases that now pass (trim them from ${values.baseline}): ${stale.join(', ')}${values['strict-baseline'] ? ' — this fails the run under --strict-baseline' : ''}`,
    );
  if (values['write-baseline'])
    out(`wrote ${values['write-baseline']} with ${writeBaseline(values['write-baseline'], results)} expected failures`);
  out(`reports: ${written.join(', ')}`);
  if (results.every((r) => r.status === 'skipped')) {
    out('NO CASE RAN: every case was filtered out or skipped. This is not a pass.');
    return EXIT.NOTHING_RAN;
  }
  out(passed ? `gate passed (fail on ${failOn})` : `gate FAILED (fail on ${failOn})`);
  return passed ? EXIT.OK : EXIT.FAILED;
}
