import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFlags } from './parse-flags.js';
import { EXIT } from '../../base/errors.js';
import { wholeNumber } from './numbers.js';
import { computeFaultMatrix, defaultSelftestWorkers, MAX_SELFTEST_WORKERS } from '../selftest/fault-matrix.js';
import { compareMatrix, matrixMarkdown, writeTrips } from '../selftest/expectations.js';
import { loadSuites } from '../suite/load.js';

/**
 * `dpop-conformance selftest`: every suite against the bundled mocks, clean and once per
 * fault, compared with suites/expectations/. Proves each case can fail.
 */
export async function selftestCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseFlags({
    args,
    options: {
      matrix: { type: 'string' },
      'write-expectations': { type: 'boolean' },
      concurrency: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const cases = loadSuites().flatMap((s) => s.cases);
  const m = await computeFaultMatrix(cases, {
    concurrency:
      values.concurrency === undefined
        ? undefined
        : wholeNumber('concurrency', values.concurrency, { min: 1, max: 256 }),
    workers:
      values.workers === undefined
        ? defaultSelftestWorkers()
        : wholeNumber('workers', values.workers, { min: 1, max: MAX_SELFTEST_WORKERS }),
    onFault: (r) => out(`${r.fault.padEnd(32)} trips ${r.tripped.length} case(s)`),
  });
  if (values['write-expectations']) out(`wrote ${writeTrips(m)}`);
  if (values.matrix) {
    writeFileSync(resolve(values.matrix), matrixMarkdown(m));
    out(`wrote ${values.matrix}`);
  }
  const problems = compareMatrix(m, cases);
  for (const p of problems) out(`PROBLEM ${p}`);
  out(
    problems.length ? `${problems.length} problems` : `self-test holds: ${cases.length} cases, ${m.rows.length} faults`,
  );
  return problems.length ? EXIT.FAILED : EXIT.OK;
}
