import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fromRoot } from '../base/package-root.js';
import { loadSuites, runConformance, startMocks, type Feature } from '../runner/api/index.js';
import type { JsonReport } from '../reports/json-report.js';
import { readReport } from '../reports/read-report.js';
import { cli } from './helpers/run-cli.js';

/**
 * suites/end-to-end.yaml (target both) against the bundled mock AS and mock RS named by URL in
 * a target file, as a vendor names their own AS and RS: the runner is the client, the AS's
 * tokens go to the RS with no mock between them.
 */
const allE2eIds = loadSuites()
  .find((s) => s.suite === 'end-to-end')!
  .cases.map((c) => c.id);
/** The case that needs a pair rotating its keys by itself (rs.rotation): tested apart, below. */
const ROTATION_CASE = 'E2E-SK-ROT-001';
const e2eIds = allE2eIds.filter((id) => id !== ROTATION_CASE);
const trips = (
  parse(readFileSync(fromRoot('suites/expectations/fault-trips.yaml'), 'utf8')) as {
    faults: Record<string, string[]>;
  }
).faults;
/** The faults that trip an end-to-end case (fault-trips.yaml, from the self-test against the bundled mocks). */
const tripping = Object.entries(trips).filter(([, ids]) => ids.some((id) => e2eIds.includes(id)));

const AS_FEATURES: Feature[] = ['refresh', 'authorization-code', 'dpop-sk'];
const RS_FEATURES: Feature[] = ['dpop-sk', 'dpop-sk-b'];

/** The end-to-end suite against a pair of mocks (one fault, or none) named as a vendor target. */
async function runPair(faults: string[], sides: { as?: boolean; rs?: boolean } = { as: true, rs: true }) {
  const m = await startMocks({ faults });
  try {
    const target = {
      ...(sides.as ? { as: { issuer: m.asUrl, features: AS_FEATURES } } : {}),
      ...(sides.rs ? { rs: { resource: m.resourceUrl, features: RS_FEATURES, mock_as_port: 0 } } : {}),
    };
    const report = await runConformance({ target, suite: 'end-to-end' });
    return { report: { ...report, cases: report.cases.filter((c) => c.id !== ROTATION_CASE) }, m, full: report };
  } finally {
    await m.close();
  }
}

const byStatus = (r: JsonReport, status: string) => r.cases.filter((c) => c.status === status).map((c) => c.id);

describe('end-to-end cases: a vendor AS and RS together (target both, suites/end-to-end.yaml)', function () {
  this.timeout(120_000);

  it('the mock AS and mock RS named by URL pass every end-to-end case, the tokens going from the AS to that RS', async () => {
    const { report, m, full } = await runPair([]);
    expect(full.cases.filter((c) => c.id === ROTATION_CASE).map((c) => [c.status, c.reason])).to.deep.equal([
      ['skipped', 'the target does not declare key-rotation'],
    ]);
    expect(report.target.mode).to.equal('vendor');
    expect(report.cases.map((c) => c.id).sort()).to.deep.equal([...e2eIds].sort());
    expect(
      report.cases.filter((c) => c.status !== 'pass').map((c) => `${c.id} ${c.status}: ${c.reason}`),
    ).to.deep.equal([]);
    for (const c of report.cases) {
      const urls = c.transcript.map((x) => x.request.url);
      expect(
        urls.some((u) => u.startsWith(m.asUrl)),
        c.id,
      ).to.equal(true);
      expect(
        urls.filter((u) => !u.startsWith(m.asUrl)).every((u) => u.startsWith(m.rsUrl)),
        c.id,
      ).to.equal(true);
    }
  });

  it('fault-trips.yaml names faults that trip end-to-end cases, among them as-rs-secret-mismatch', () => {
    expect(tripping.map(([f]) => f)).to.include('as-rs-secret-mismatch');
  });

  for (const [fault, ids] of tripping) {
    const expected = ids.filter((id) => e2eIds.includes(id)).sort();
    it(`with ${fault}, ${expected.join(', ')} fail and the other end-to-end cases pass`, async () => {
      const { report } = await runPair([fault]);
      expect([...byStatus(report, 'fail'), ...byStatus(report, 'error')].sort()).to.deep.equal(expected);
      expect(byStatus(report, 'pass')).to.have.length(e2eIds.length - expected.length);
    });
  }

  // A vendor RS that keeps accepting a retired version cannot be told from one that has not
  // rotated yet: the rotate step waits rs.rotation.max_wait for a refusal, then ends the case
  // `error` ("no rotation seen"), not `fail` (the bundled mocks, which rotate when asked, fail it).
  const rotationRuns: [string[], string, RegExp | undefined][] = [
    [[], 'pass', undefined],
    [['as-sk-ignore-rotation'], 'fail', /./],
    [['rs-sk-ignore-rotation'], 'error', /no rotation seen/],
  ];
  for (const [faults, status, reason] of rotationRuns)
    it(`${ROTATION_CASE} against a pair that rotates S_V by itself (rs.rotation): ${faults.length ? `with ${faults[0]}, ${status}` : 'passes'}`, async () => {
      // every 2 s a new version, the old one accepted 1 s more: the rotate step sees the refusal within a few seconds
      const m = await startMocks({ faults, rotateAfter: 2, rotationGrace: 1 });
      try {
        const report = await runConformance({
          target: {
            as: { issuer: m.asUrl, features: AS_FEATURES },
            rs: {
              resource: m.resourceUrl,
              features: ['dpop-sk', 'key-rotation'],
              rotation: { max_wait: 8, poll_interval: 1 },
              mock_as_port: 0,
            },
          },
          id: ROTATION_CASE,
        });
        expect(report.cases.map((c) => [c.id, c.status])).to.deep.equal([[ROTATION_CASE, status]]);
        if (reason) expect(report.cases[0].reason).to.match(reason);
      } finally {
        await m.close();
      }
    });

  it(`${ROTATION_CASE} without rs.rotation declared is skipped, saying why`, async () => {
    const m = await startMocks({});
    try {
      const report = await runConformance({
        target: {
          as: { issuer: m.asUrl, features: AS_FEATURES },
          rs: { resource: m.resourceUrl, features: ['dpop-sk', 'key-rotation'], mock_as_port: 0 },
        },
        id: ROTATION_CASE,
      });
      expect(report.cases.map((c) => c.status)).to.deep.equal(['skipped']);
      expect(report.cases[0].reason).to.match(/rs\.rotation\.max_wait/);
    } finally {
      await m.close();
    }
  });

  for (const side of ['as', 'rs'] as const) {
    it(`with only ${side}: under test the end-to-end cases are not applicable, with the reason`, async () => {
      const { full: report } = await runPair([], { [side]: true });
      expect(report.cases).to.have.length(allE2eIds.length);
      const other = side === 'as' ? 'resource server' : 'authorization server';
      for (const c of report.cases) {
        expect(c.status, c.id).to.equal('skipped');
        expect(c.reason, c.id).to.equal(
          `not applicable: no ${other} under test (an end-to-end case needs as: and rs: both)`,
        );
      }
    });
  }

  it('run --target FILE --detect: what is found on each side counts for the end-to-end cases with what the other declares', async () => {
    const m = await startMocks({});
    const dir = mkdtempSync(join(tmpdir(), 'e2e-'));
    try {
      const file = join(dir, 'target.yaml');
      writeFileSync(
        file,
        `as:\n  issuer: ${m.asUrl}\nrs:\n  resource: ${m.resourceUrl}\n  features: [dpop-sk]\n  mock_as_port: 0\n`,
      );
      const run = await cli(['run', '--target', file, '--suite', 'end-to-end', '--detect', '--out', dir]);
      expect(run.code, run.output + run.errors).to.equal(0);
      const report = readReport(join(dir, 'report.json'));
      const found = (side: 'as' | 'rs') => report.target[side]?.detected?.added ?? [];
      expect(found('as')).to.include('dpop-sk');
      expect(found('rs')).to.include('dpop-sk-b');
      const status = Object.fromEntries(report.cases.map((c) => [c.id, c.status]));
      expect(status['E2E-SK-A-001']).to.equal('pass');
      expect(status['E2E-SK-B-001']).to.equal('pass');
      // authorization-code is never detected (a probe cannot tell auto-approval): the refresh case stays skipped.
      expect(status['E2E-9449-004']).to.equal('skipped');
    } finally {
      await m.close();
    }
  });

  it('a Model A case is skipped when only one side declares dpop-sk, naming the side that does not', async () => {
    const m = await startMocks({});
    try {
      const report = await runConformance({
        target: {
          as: { issuer: m.asUrl, features: ['dpop-sk'] },
          rs: { resource: m.resourceUrl, mock_as_port: 0 },
        },
        suite: 'end-to-end',
        id: 'E2E-SK-A-001',
      });
      expect(report.cases.map((c) => [c.status, c.reason])).to.deep.equal([
        ['skipped', 'the target does not declare dpop-sk on rs: (both sides must)'],
      ]);
    } finally {
      await m.close();
    }
  });
});
