import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCases } from '../engine/run.js';
import type { CaseResult } from '../engine/run-case.js';
import { DEFAULT_SEND } from '../http/send.js';
import { selectCases } from '../suite/select.js';
import { loadSuites } from '../suite/load.js';
import { planMocks } from '../target/plan-mocks.js';
import { planVendor } from '../target/plan-vendor.js';
import { progressLine, summaryLines } from './progress.js';
import { UsageError } from './usage.js';
import { buildJsonReport } from '../../reports/json-report.js';

export const RUN_OPTIONS = {
  as: { type: 'string' }, rs: { type: 'string' }, target: { type: 'string' }, suite: { type: 'string', multiple: true }, id: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true }, level: { type: 'string', multiple: true }, concurrency: { type: 'string' }, timeout: { type: 'string' },
  out: { type: 'string' }, 'suites-dir': { type: 'string' }, 'mock-fault': { type: 'string', multiple: true },
} as const;

/** Exit code of a run in which no case executed: not a pass. */
export const EXIT_NOTHING_RAN = 3;

/** `dpop-conformance run`: the suites against a target (or the bundled mocks), reports written, exit code for CI. */
export async function runCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: RUN_OPTIONS });
  const num = (name: string, v: string | undefined, dflt: number) => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a positive whole number`);
    return n;
  };
  const concurrency = num('concurrency', values.concurrency, 4);
  const send = { ...DEFAULT_SEND, timeoutMs: num('timeout', values.timeout, DEFAULT_SEND.timeoutMs) };
  const suites = loadSuites(values['suites-dir']);
  const cases = selectCases(suites, { suites: values.suite, ids: values.id, tags: values.tag, levels: values.level });
  const vendor = values.as || values.rs || values.target;
  if (vendor && values['mock-fault']) throw new UsageError('--mock-fault applies to the bundled mocks only');
  const plan = vendor ? await planVendor({ as: values.as, rs: values.rs, targetFile: values.target, send }) : await planMocks(send, values['mock-fault']);
  const started = new Date();
  let results: CaseResult[];
  try {
    out(`dpop-conformance: ${cases.length} cases against ${vendor ? 'your target' : 'the bundled mocks'} (concurrency ${concurrency})`);
    results = await runCases(cases, plan, { concurrency, onResult: (r) => out(progressLine(r)) });
  } finally {
    await plan.close();
  }
  const outDir = resolve(values.out ?? 'reports-out');
  mkdirSync(outDir, { recursive: true });
  const report = buildJsonReport(results, { started, finished: new Date(), target: plan.summary });
  writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  for (const line of summaryLines(results)) out(line);
  out(`reports: ${join(outDir, 'report.json')}`);
  const executed = results.filter((r) => r.status !== 'skipped').length;
  if (executed === 0) {
    out('NO CASE RAN: every case was filtered out or skipped. This is not a pass.');
    return EXIT_NOTHING_RAN;
  }
  return results.some((r) => r.level === 'MUST' && (r.status === 'fail' || r.status === 'error')) ? 1 : 0;
}
