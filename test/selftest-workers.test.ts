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
    const faults = real.flatMap((f) => ['no-such-fault' as FaultName, f]);
    let rows = 0;
    let failedAt: number | undefined;
    const rowsAfter: string[] = [];
    const failure = await computeFaultMatrix(cases, {
      faults,
      workers: 2,
      concurrency: 4,
      onFault: (row) => {
        rows++;
        if (failedAt !== undefined) rowsAfter.push(row.fault);
      },
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    failedAt = performance.now();
    expect(failure, 'the matrix was computed although a worker failed').to.be.instanceOf(Error);
    // without the stop, worker 1 would go on through its 12 faults (a row every few tenths of a second)
    await new Promise((r) => setTimeout(r, 3000));
    expect(rowsAfter, `rows after the failure (${rows} before it)`).to.deep.equal([]);
  });
});
