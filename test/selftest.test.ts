import { expect } from 'chai';
import { FAULTS } from '../mocks/faults.js';
import { computeFaultMatrix, defaultSelftestWorkers, type FaultMatrix } from '../runner/selftest/fault-matrix.js';
import { compareMatrix, loadExceptions, loadTrips } from '../runner/selftest/expectations.js';
import { loadSuites } from '../runner/suite/load.js';
import { runCases } from '../runner/engine/run.js';
import { planMocks } from '../runner/target/plan-mocks.js';
import { rotates } from '../runner/target/env.js';
import type { Case } from '../runner/suite/types.js';

describe('self-test: every case can fail, every fault is caught', function () {
  this.timeout(600_000); // the fault matrix: every case once per fault (about 100 x 200), slow on a loaded machine
  const cases = loadSuites().flatMap((s) => s.cases);
  const trips = loadTrips();
  const exceptions = loadExceptions();
  let matrix: FaultMatrix;

  before(async () => {
    matrix = await computeFaultMatrix(cases, { workers: defaultSelftestWorkers() });
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
      expect(mustCaught, `${fault}: a MUST case catches it, unless exceptions.yaml says why not`).to.equal(
        !(fault in exceptions.below_must),
      );
    });
  }

  it('against nonce-demanding mocks every case still passes, each negative decided by its mutation, not a missing nonce', async () => {
    const plan = await planMocks();
    try {
      const nonceEnv = plan.envFor(cases.find((c) => c.requires.includes('nonce'))!);
      // Cases that rotate keys keep their own pair (in nonce mode too): a rotation changes what every case there sees;
      // a case that waits out a Model B ticket keeps to the pair whose tickets are short (plan-mocks.ts).
      const waits = (c: Case) => c.steps.some((s) => 'wait' in s);
      const envFor = (c: Case) => (rotates(c) || waits(c) ? plan.envFor(c) : nonceEnv);
      const results = await runCases(cases, { ...plan, envFor }, { concurrency: 8 });
      expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.reason}`)).to.deep.equal([]);
      // Cases that handle nonces themselves (nonce_retry: false, or a forced nonce) are left out.
      const handlesNonce = (id: string) => {
        const last = Object.values(cases.find((c) => c.id === id)!.steps.at(-1)!)[0] as {
          nonce_retry?: boolean;
          proof?: { nonce?: string };
        };
        return last.nonce_retry === false || last.proof?.nonce !== undefined;
      };
      let carried = 0;
      for (const r of results.filter((x) => x.tags.includes('negative') && !handlesNonce(x.id))) {
        const last = r.transcript.at(-1)!;
        // Decided by the mutation, not by a missing nonce: the final answer is no nonce challenge.
        expect(`${last.response?.body} ${last.response?.headers['www-authenticate'] ?? ''}`, r.id).to.not.include(
          'use_dpop_nonce',
        );
        if (typeof last.decoded['DPoP proof']?.claims.nonce === 'string') carried++;
      }
      // Where the server asked for a nonce first, the runner answered and the mutated proof carried it.
      expect(carried, 'negatives whose mutated proof carried the server nonce').to.be.greaterThan(0);
    } finally {
      await plan.close();
    }
  });

  it('no case is beyond every fault, except the reasoned exceptions', () => {
    expect(compareMatrix(matrix, cases, trips, exceptions)).to.deep.equal([]);
  });
});
