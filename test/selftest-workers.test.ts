import { expect } from 'chai';
import { FAULTS, type FaultName } from '../mocks/faults.js';
import { computeFaultMatrix } from '../runner/selftest/fault-matrix.js';
import { loadSuites } from '../runner/suite/load.js';

describe('self-test with worker threads: the first failure stops the other workers', function () {
  this.timeout(120_000);

  it('a worker that fails makes the matrix reject, and the other worker sends no row after it', async () => {
    const cases = loadSuites()
      .flatMap((s) => s.cases)
      .filter((c) => c.target === 'rs')
      .slice(0, 12);
    // worker 0 takes the unknown fault (its row throws at once), worker 1 the real ones: many rows of work
    const real = (Object.keys(FAULTS) as FaultName[]).filter((f) => f.startsWith('rs-')).slice(0, 12);
    const unknown = 'no-such-fault' as unknown as FaultName; // a name the fault table lacks
    const faults = real.flatMap((f) => [unknown, f]);
    const seen = { before: 0, failed: false };
    const rowsAfter: string[] = [];
    const failure = await computeFaultMatrix(cases, {
      faults,
      workers: 2,
      concurrency: 4,
      onFault: (row) => {
        if (seen.failed) rowsAfter.push(row.fault);
        else seen.before++;
      },
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    seen.failed = true;
    expect(failure, 'the matrix was computed although a worker failed').to.be.instanceOf(Error);
    // without the stop, worker 1 would go on through its 12 faults (a row every few tenths of a second)
    await new Promise((r) => setTimeout(r, 3000));
    expect(rowsAfter, `rows after the failure (${seen.before} before it)`).to.deep.equal([]);
  });
});
