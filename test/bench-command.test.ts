import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { readReport } from '../reports/read-report.js';
import { shortRunLine, type BenchRow } from '../reports/bench-report.js';
import { benchHtml } from '../reports/html/bench-section.js';
import { fixtureServer, type FixtureServer } from './helpers/hostile-server.js';
import { cli } from './helpers/run-cli.js';

/** A target file for an RS on loopback, its companion mock AS on port 0. */
function targetFile(resource: string, features: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'target.yaml');
  writeFileSync(file, JSON.stringify({ rs: { resource, mock_as_port: 0, features } }));
  return file;
}

describe('dpop-conformance bench: a vendor RS under a short load (loopback, 1 s a kind, 2 connections)', function () {
  this.timeout(300_000);
  let mocks: RunningMocks;
  before(async () => {
    mocks = await startMocks({ as: false, host: '127.0.0.1', rsPort: 0 });
  });
  after(async () => mocks?.close());

  it('every kind against the mock RS: accepted requests, ratios, the Model B negotiation, report.json (schema-checked) and report.html', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-out-'));
    const file = targetFile(mocks.resourceUrl!, ['dpop-sk', 'dpop-sk-b']);
    const r = await cli(['bench', '--target', file, '--duration', '1', '--connections', '2', '--out', out]);
    expect(r.code, r.output + r.errors).to.equal(0);
    expect(r.output).to.match(/\(c\) DPoP-SK Model A +\d+/);
    expect(r.output).to.match(/ratios of req\/s: c\/a [\d.]+, d\/a [\d.]+, c\/e [\d.]+/);
    expect(r.output).to.match(/Model B: the negotiation request [\d.]+ ms, a steady request [\d.]+ ms/);
    const report = readReport(join(out, 'report.json'));
    const bench = report.bench!;
    expect(bench.kinds.map((k) => k.kind)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    expect(bench.skipped).to.deep.equal([]);
    for (const k of bench.kinds.filter((k) => k.kind !== 'e')) {
      expect(k.requests, k.kind).to.be.greaterThan(0);
      expect(k.non2xx, k.kind).to.equal(0);
      expect(k.errors, k.kind).to.equal(0);
      expect(k.proofs, k.kind).to.be.at.least(k.requests);
    }
    const baseline = bench.kinds.find((k) => k.kind === 'e')!;
    expect(baseline.requests).to.be.greaterThan(0);
    expect(baseline.non2xx).to.equal(baseline.requests);
    expect(bench.ratios.map((x) => x.name)).to.deep.equal(['c/a', 'd/a', 'c/e']);
    expect(bench.negotiation).to.have.keys(['negotiateMs', 'steadyMs', 'extraMs']);
    expect(bench).not.to.have.property('warmUpSeconds');
    expect(r.output).to.include('no warm-up (the first second includes the RS warming up)');
    expect(r.output).not.to.include('WARNING');
    expect(report.cases).to.deep.equal([]);
    // a bench grades nothing: no pass in report.json, no gate badge in report.html
    expect(report.gating).to.include({ passed: false, noCaseRan: true });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).to.not.match(/class="gate /);
    expect(html).to.include('RS under load');
    expect(html).to.include('DPoP-SK Model B (ticket)');
  });

  it('--warm-up: un-timed seconds against each kind first, with proofs of their own; said, and in report.json', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-out-'));
    const file = targetFile(mocks.resourceUrl!, ['dpop-sk', 'dpop-sk-b']);
    const r = await cli([
      'bench',
      '--target',
      file,
      '--duration',
      '1',
      '--warm-up',
      '1',
      '--kinds',
      'c,d',
      '--out',
      out,
    ]);
    expect(r.code, r.output + r.errors).to.equal(0);
    expect(r.output).to.include('(c) warm-up: 1 s un-timed, ');
    expect(r.output).to.include('(d) warm-up: 1 s un-timed, ');
    expect(r.output).to.include('after 1 s un-timed warm-up a kind');
    expect(r.output).not.to.include('WARNING');
    const bench = readReport(join(out, 'report.json')).bench!;
    expect(bench.warmUpSeconds).to.equal(1);
    for (const k of bench.kinds) {
      expect(k.non2xx, k.kind).to.equal(0);
      expect(k.proofs, k.kind).to.be.at.least(k.requests);
    }
  });

  it('runs only the kinds the RS declares: DPoP-SK without the features is skipped, with the reason', async () => {
    const r = await cli([
      'bench',
      '--target',
      targetFile(mocks.resourceUrl!, []),
      '--duration',
      '1',
      '--kinds',
      'a,c,d',
    ]);
    expect(r.code, r.output + r.errors).to.equal(0);
    expect(r.output).to.match(/\(a\) RFC 9449 ES256 +\d+/);
    expect(r.output).to.include('not run: (c) the RS does not declare dpop-sk');
    expect(r.output).to.include('not run: (d) the RS does not declare dpop-sk-b');
    expect(r.output).not.to.match(/ratios of req\/s/);
  });

  describe('a target that refuses or drops requests', () => {
    let server: FixtureServer;
    let served = 0;
    before(async () => {
      server = await fixtureServer({
        '/refuse': (_req, res) => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end('{"error":"temporarily_unavailable"}');
        },
        // answers the reachability check, then drops every connection
        '/drop': (req, res) => {
          if (served++ === 0) return void res.end('{}');
          req.socket.destroy();
        },
      });
    });
    after(async () => server?.close());

    it('counts refusals and dropped connections per kind and shows them; exit 0, no crash; requests only to the named origin and path', async () => {
      const refused = await cli([
        'bench',
        '--target',
        targetFile(`${server.url}/refuse`, []),
        '--duration',
        '1',
        '--kinds',
        'a',
      ]);
      expect(refused.code, refused.output + refused.errors).to.equal(0);
      expect(refused.output).to.match(/\(a\) RFC 9449 ES256 +0 .* 100\.0% +0/);
      expect(refused.output).to.include(
        'WARNING: (a) RFC 9449 ES256: ', // said loudly, with the first refusal
      );
      expect(refused.output).to.match(
        /non-2xx answers \(first: status 503\) and 0 errors; its req\/s and every ratio with it are not a measurement/,
      );
      const dropped = await cli([
        'bench',
        '--target',
        targetFile(`${server.url}/drop`, []),
        '--duration',
        '1',
        '--kinds',
        'a',
      ]);
      expect(dropped.code, dropped.output + dropped.errors).to.equal(0);
      const row = /\(a\) RFC 9449 ES256 +0 +\d+ +\d+ +(\d+) +[\d.]+% +(\d+)/.exec(dropped.output);
      expect(row, dropped.output).to.not.equal(null);
      expect(Number(row![2])).to.be.greaterThan(0);
      expect(new Set(server.hits)).to.deep.equal(new Set(['GET /refuse', 'GET /drop']));
    });
  });

  it('every kind asked for skipped (Model A not declared): says so and exits 3, as run does when no case ran', async () => {
    const r = await cli(['bench', '--target', targetFile(mocks.resourceUrl!, []), '--kinds', 'c', '--duration', '1']);
    expect(r.code, r.output + r.errors).to.equal(3);
    expect(r.output).to.include(
      'not run: (c) the RS does not declare dpop-sk (--features dpop-sk; --detect cannot find it)',
    );
    expect(r.output).to.include('NO KIND RAN');
  });

  it('bounds: past the hard maximums, one line and exit 2', async () => {
    for (const [args, message] of [
      [['--duration', '31'], /--duration takes whole seconds from 1 to 30/],
      [['--connections', '17'], /--connections takes a whole number from 1 to 16/],
      [['--kinds', 'a,z'], /--kinds takes some of a,b,c,d,e/],
      [['--warm-up', '11'], /--warm-up takes whole seconds from 0 to 10/],
    ] as const) {
      const r = await cli(['bench', '--rs', 'http://127.0.0.1:9/r', ...args]);
      expect(r.code).to.equal(2);
      expect(r.errors).to.match(message);
      expect(r.errors.trim().split('\n')).to.have.length(1);
    }
    const none = await cli(['bench']);
    expect(none.code).to.equal(2);
    expect(none.errors).to.match(/--rs URL or --target FILE/);
    // a bad value is named first, whether or not the RS is given
    const both = await cli(['bench', '--duration', '99']);
    expect(both.code).to.equal(2);
    expect(both.errors).to.match(/--duration takes whole seconds from 1 to 30/);
  });
});

describe('shortRunLine: a kind whose pre-made proofs ran out says how long it ran', () => {
  const row = (o: Partial<BenchRow>): BenchRow => ({
    kind: 'a',
    label: 'RFC 9449 ES256',
    reqPerSec: 2094,
    p50: 0,
    p99: 2,
    requests: 4000,
    non2xx: 0,
    errors: 0,
    proofs: 4000,
    seconds: 1.91,
    ...o,
  });

  it('names the time it ran and the proofs, when every proof was sent before the time was up', () => {
    expect(shortRunLine(row({}), 2)).to.equal(
      '(a) RFC 9449 ES256 ran 1.91 s of 2: its 4,000 proofs ran out first (its req/s is over the 1.91 s it ran)',
    );
  });

  it('says nothing of a kind that ran its time, one with proofs left, or the baseline (no proofs)', () => {
    expect(shortRunLine(row({ seconds: 2 }), 2)).to.equal(undefined);
    expect(shortRunLine(row({ requests: 3500 }), 2)).to.equal(undefined);
    expect(shortRunLine(row({ kind: 'e', proofs: 0, requests: 9000 }), 2)).to.equal(undefined);
  });

  it('is shown in report.html under the table', () => {
    const html = benchHtml({
      resource: 'http://127.0.0.1:1/resource',
      seconds: 2,
      connections: 2,
      kinds: [row({})],
      ratios: [],
      skipped: [],
    });
    expect(html).to.contain('ran 1.91 s of 2: its 4,000 proofs ran out first');
  });
});
