import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ConfigError } from '../base/errors.js';
import { fromRoot } from '../base/package-root.js';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { runConformance } from '../runner/api/run-conformance.js';
import type { CaseResult } from '../runner/engine/run-case.js';
import { loadTrips } from '../runner/selftest/expectations.js';
import { computeFaultMatrix } from '../runner/selftest/fault-matrix.js';
import { loadSuites } from '../runner/suite/load.js';
import type { TargetFile } from '../runner/target/target-file.js';

/** Issue 17 part 4: one resource server served by several nodes (rs.nodes, suites/rs-fleet.yaml). */
const FLEET_FAULTS = ['rs-per-node-replay-cache', 'rs-per-node-ticket-key'] as const;
const fleetCases = loadSuites()
  .flatMap((s) => s.cases)
  .filter((c) => c.requires.includes('rs-fleet'));
const fleetIds = fleetCases.map((c) => c.id).sort();

const statusById = (results: readonly CaseResult[]) => Object.fromEntries(results.map((r) => [r.id, r.status]));

describe('RS fleets: one RS at several addresses', function () {
  this.timeout(300_000);

  it('the rs-fleet suite has cases, each requiring rs-fleet', () => {
    expect(fleetIds.length).to.be.at.least(4);
    expect(
      loadSuites()
        .find((s) => s.suite === 'rs-fleet')!
        .cases.map((c) => c.id)
        .sort(),
    ).to.deep.equal(fleetIds);
  });

  it('against the bundled mocks (a fleet of 2) every fleet case passes, and each fleet fault trips its cases', async () => {
    const matrix = await computeFaultMatrix(fleetCases, { faults: [...FLEET_FAULTS], concurrency: 4 });
    expect(matrix.cleanFailures.map((r) => `${r.id}: ${r.reason}`)).to.deep.equal([]);
    const trips = loadTrips();
    for (const row of matrix.rows) {
      const expected = (trips[row.fault] ?? []).filter((id) => fleetIds.includes(id)).sort();
      expect(expected.length, `${row.fault} listed in fault-trips.yaml`).to.be.greaterThan(0);
      expect(row.tripped.map((t) => t.id).sort(), row.fault).to.deep.equal(expected);
    }
    const replay = matrix.rows.find((r) => r.fault === 'rs-per-node-replay-cache')!;
    expect(replay.tripped.find((t) => t.id === 'RS-FLEET-001')?.status, 'the DPoP-SK MUST fails').to.equal('fail');
    expect(replay.tripped.find((t) => t.id === 'RS-FLEET-002')?.status, 'RFC 9449 "can": reported').to.equal(
      'not-exhibited',
    );
  });

  describe('a vendor target naming rs.nodes', () => {
    let fleet: RunningMocks;
    let faulty: RunningMocks;
    before(async () => {
      fleet = await startMocks({ as: false, rsNodes: 2 });
      faulty = await startMocks({ as: false, rsNodes: 3, faults: ['rs-per-node-ticket-key'] });
    });
    after(async () => {
      await Promise.all([fleet?.close(), faulty?.close()]);
    });

    const target = (m: RunningMocks, rs: Partial<NonNullable<TargetFile['rs']>> = {}): TargetFile => ({
      rs: {
        resource: m.resourceUrl!,
        nodes: m.nodeResourceUrls,
        mock_as_port: 0,
        features: ['dpop-sk', 'dpop-sk-b'],
        ...rs,
      },
    });

    it('runs the fleet cases at the nodes named: all pass against a fleet that shares its state', async () => {
      const report = await runConformance({ target: target(fleet), suite: 'rs-fleet' });
      expect(statusById(report.cases)).to.deep.equal(Object.fromEntries(fleetIds.map((id) => [id, 'pass'])));
      expect(report.target.rs?.features).to.include('rs-fleet');
      const sentTo = report.cases.flatMap((c) => c.transcript.map((e) => e.request.url));
      expect(new Set(sentTo)).to.deep.equal(new Set(fleet.nodeResourceUrls));
    });

    it('a fleet whose nodes seal tickets each with its own key fails the ticket case', async () => {
      const report = await runConformance({ target: target(faulty), id: 'RS-FLEET-003' });
      expect(statusById(report.cases)).to.deep.equal({ 'RS-FLEET-003': 'fail' });
    });

    it('without rs.nodes the fleet cases are skipped, with the reason', async () => {
      const report = await runConformance({ target: target(fleet, { nodes: undefined }), suite: 'rs-fleet' });
      for (const c of report.cases) {
        expect(c.status, c.id).to.equal('skipped');
        expect(c.reason).to.match(/names no rs\.nodes/);
      }
    });

    const refused: [string, Partial<NonNullable<TargetFile['rs']>>, RegExp][] = [
      [
        'a node at another path',
        { nodes: ['http://127.0.0.1:1/other', 'http://127.0.0.1:2/resource'] },
        /rs\.nodes\[0\].*not the resource's path/,
      ],
      [
        'a node that is not http(s)',
        { nodes: ['ftp://127.0.0.1:1/resource', 'http://127.0.0.1:2/resource'] },
        /rs\.nodes\[0\].*http and https/,
      ],
      [
        'a node with user info',
        { nodes: ['http://u:p@127.0.0.1:1/resource', 'http://127.0.0.1:2/resource'] },
        /user info/,
      ],
      [
        'two nodes at one origin',
        { nodes: ['http://127.0.0.1:1/resource', 'http://127.0.0.1:1/resource?'] },
        /a second node at/,
      ],
      [
        'rs-fleet declared without nodes',
        { nodes: undefined, features: ['rs-fleet'] },
        /rs-fleet is declared but rs\.nodes/,
      ],
    ];
    for (const [what, rs, message] of refused)
      it(`${what}: a configuration error before anything is sent`, async () => {
        const err = await runConformance({ target: target(fleet, rs), suite: 'rs-fleet' }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).to.be.instanceOf(ConfigError);
        expect((err as Error).message).to.match(message);
      });

    it('more than 16 nodes, or one: refused by the target schema', async () => {
      const many = Array.from({ length: 17 }, (_, i) => `http://127.0.0.1:${i + 1}/resource`);
      for (const nodes of [many, ['http://127.0.0.1:1/resource']]) {
        const err = await runConformance({ target: target(fleet, { nodes }) }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).to.be.instanceOf(ConfigError);
        expect((err as Error).message).to.match(/nodes/);
      }
    });
  });

  it('`mock rs --nodes 2 --port 0` prints each node and serves the resource at each, until stopped', async () => {
    const child = spawn(
      process.execPath,
      [fromRoot('bin', 'dpop-conformance.js'), 'mock', 'rs', '--nodes', '2', '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let printed = '';
    try {
      const nodes = await new Promise<string[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no node URLs within 60 s: ${printed}`)), 60_000);
        child.stdout.on('data', (d) => {
          printed += d;
          const urls = [...printed.matchAll(/node \d+ +(http:\/\/\S+)/g)].map((m) => m[1]);
          if (urls.length === 2 && /Ctrl-C stops/.test(printed)) {
            clearTimeout(timer);
            resolve(urls);
          }
        });
        child.on('exit', () => {
          clearTimeout(timer);
          reject(new Error(`mock exited: ${printed}`));
        });
      });
      expect(new Set(nodes.map((u) => new URL(u).port)).size, 'distinct ports').to.equal(2);
      for (const url of nodes) {
        const res = await fetch(url);
        expect(res.status, url).to.equal(401);
        expect(res.headers.get('www-authenticate'), url).to.match(/^DPoP /);
      }
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    expect(printed).to.match(/mocks stopped/);
  });
});
