import { expect } from 'chai';
import { FAULTS } from '../mocks/faults.js';
import { computeFaultMatrix, type FaultMatrix } from '../runner/selftest/fault-matrix.js';
import { compareMatrix, loadExceptions, loadTrips } from '../runner/selftest/expectations.js';
import { loadSuites } from '../runner/suite/load.js';

describe('self-test: every case can fail, every fault is caught', function () {
  this.timeout(180_000);
  const cases = loadSuites().flatMap((s) => s.cases);
  const trips = loadTrips();
  const exceptions = loadExceptions();
  let matrix: FaultMatrix;

  before(async () => {
    matrix = await computeFaultMatrix(cases);
  });

  it('holds at least 120 cases', () => {
    expect(cases.length).to.be.at.least(120);
  });

  it('every case passes against the clean mocks', () => {
    expect(matrix.cleanFailures.map((r) => `${r.id}: ${r.reason}`)).to.deep.equal([]);
  });

  for (const fault of Object.keys(FAULTS)) {
    it(`${fault} trips exactly the cases it is meant to`, () => {
      const row = matrix.rows.find((r) => r.fault === fault)!;
      expect(row.tripped.map((t) => t.id).sort()).to.deep.equal([...(trips[fault] ?? [])].sort());
      const mustCaught = row.tripped.some((t) => t.level === 'MUST');
      expect(mustCaught, `${fault}: a MUST case catches it, unless exceptions.yaml says why not`).to.equal(!(fault in exceptions.below_must));
    });
  }

  it('no case is beyond every fault, except the reasoned exceptions', () => {
    expect(compareMatrix(matrix, cases, trips, exceptions)).to.deep.equal([]);
  });
});
