import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fromRoot } from '../base/package-root.js';
import { readReport } from '../reports/read-report.js';
import {
  ConfigError,
  exitCodeOf,
  listCases,
  loadSuites,
  runConformance,
  startMocks,
  SuiteError,
  TargetUnreachable,
  ToolError,
  UnknownFault,
  UsageError,
  type RunConformanceOptions,
} from '../runner/api/index.js';
import { cli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'api-'));
const trips = (
  parse(readFileSync(fromRoot('suites/expectations/fault-trips.yaml'), 'utf8')) as {
    faults: Record<string, string[]>;
  }
).faults;

/** A loopback port nothing listens on: one the system gave and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('the programmatic API: runConformance, startMocks, loadSuites (issue 15)', function () {
  this.timeout(120_000);

  it('loadSuites() is the catalogue `list` prints; listCases selects as `list` does', async () => {
    const all = await cli(['list']);
    const ids = (out: string) =>
      out
        .trim()
        .split('\n')
        .slice(0, -1)
        .map((l) => l.split(' ')[0]);
    expect(
      loadSuites()
        .flatMap((s) => s.cases)
        .map((c) => c.id),
    ).to.deep.equal(ids(all.output));
    const some = await cli(['list', '--suite', 'rfc9449-as', '--level', 'MAY', '--tag', 'negative', '--ref', '§11.1']);
    const picked = listCases({ suite: 'rfc9449-as', level: ['MAY'], tag: 'negative', ref: '§11.1' }).map((c) => c.id);
    expect(picked).to.have.length.greaterThan(0);
    expect(picked).to.deep.equal(ids(some.output));
  });

  it("returns report.json's content: the same cases and statuses as `run`, valid against the report schema", async () => {
    const selection = { id: 'RS-9449-03*', ref: 'RFC 9449 §4.3' };
    const report = await runConformance({ ...selection, out: join(dir, 'api') });
    const written = await cli(['run', '--id', 'RS-9449-03*', '--ref', 'RFC 9449 §4.3', '--out', join(dir, 'cli')]);
    expect(written.code, written.output).to.equal(0);
    const fromCli = readReport(join(dir, 'cli', 'report.json'));
    expect(report.cases).to.have.length.greaterThan(0);
    expect(report.cases.map((c) => [c.id, c.status])).to.deep.equal(fromCli.cases.map((c) => [c.id, c.status]));
    expect(report.run).to.deep.equal(fromCli.run);
    expect(report.target.mode).to.equal('bundled-mocks');
    expect(readReport(join(dir, 'api', 'report.json'))).to.deep.equal(JSON.parse(JSON.stringify(report)));
    expect(exitCodeOf(report)).to.equal(0);
  });

  it('mockFaults: the cases the fault trips fail, with reasons, and the gate fails', async () => {
    const ends: string[] = [];
    const report = await runConformance({
      suite: 'rfc9449-rs',
      mockFaults: ['rs-skip-ath'],
      concurrency: 8,
      onResult: (r) => ends.push(r.id),
    });
    const failed = report.cases.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).to.deep.equal(trips['rs-skip-ath'].filter((id) => id.startsWith('RS-9449-')));
    for (const c of failed) expect(c.reason).to.be.a('string').and.not.equal('');
    expect(ends.sort()).to.deep.equal(report.cases.map((c) => c.id).sort());
    expect(report.run?.faults).to.deep.equal(['rs-skip-ath']);
    expect(report.gating.passed).to.equal(false);
    expect(exitCodeOf(report)).to.equal(1);
  });

  it("a target object (the target-file format) against startMocks' RS: a vendor run", async () => {
    const mocks = await startMocks({ as: false });
    try {
      const report = await runConformance({
        target: { rs: { resource: mocks.resourceUrl, mock_as_port: 0, features: ['post'] } },
        suite: 'rfc9449-rs',
        level: 'MUST',
      });
      // (the RS's clock and, with NODE_EXTRA_CA_CERTS set, the TLS trust are recorded too)
      expect(report.target).to.deep.include({ mode: 'vendor' });
      expect(report.target.rs).to.deep.include({ resource: mocks.resourceUrl, features: ['post'] });
      expect(report.counts.byStatus.pass).to.be.greaterThan(0);
      expect(report.cases.filter((c) => c.status === 'fail' || c.status === 'error')).to.deep.equal([]);
    } finally {
      await mocks.close();
    }
  });

  it('features and detect, as the run command takes them: recorded in the report as --features and --detect are', async () => {
    const mocks = await startMocks({ as: false });
    const notes: string[] = [];
    try {
      const report = await runConformance({
        rs: mocks.resourceUrl,
        features: ['post'],
        detect: true,
        id: 'RS-9449-001',
        onNote: (line) => notes.push(line),
      });
      expect(report.target.rs).to.deep.include({ resource: mocks.resourceUrl, features: ['post'] });
      expect(report.target.rs?.detected, JSON.stringify(report.target.rs)).to.be.an('object');
      expect(notes.join('\n')).to.match(/detect/i);
      expect(report.cases.map((c) => [c.id, c.status])).to.deep.equal([['RS-9449-001', 'pass']]);
    } finally {
      await mocks.close();
    }
  });

  describe('a mistake throws the ToolError the command would exit 2 with, before any case runs', () => {
    const broken = mkdtempSync(join(tmpdir(), 'api-suites-'));
    writeFileSync(join(broken, 'bad.yaml'), 'suite: [unclosed\n');
    const mistakes: [string, () => Promise<RunConformanceOptions>, new (...a: never[]) => ToolError, string, RegExp][] =
      [
        ['an unknown suite', async () => ({ suite: 'rfc9449-xx' }), UsageError, 'ERR_USAGE', /no suite named/],
        ['an unknown level', async () => ({ level: 'MAYBE' }), UsageError, 'ERR_USAGE', /MUST, SHOULD or MAY/],
        ['concurrency 0', async () => ({ concurrency: 0 }), UsageError, 'ERR_USAGE', /concurrency/],
        ['an unknown fault', async () => ({ mockFaults: ['rs-skip-tpy'] }), UnknownFault, 'ERR_UNKNOWN_FAULT', /tpy/],
        ['features without a target', async () => ({ features: ['post'] }), UsageError, 'ERR_USAGE', /vendor target/],
        [
          'a ca file that is not a file',
          async () => ({ rs: 'http://127.0.0.1/x', ca: [dir] }),
          ConfigError,
          'ERR_CONFIG',
          /^ca .* is not a file/,
        ],
        ['detect without a target', async () => ({ detect: true }), UsageError, 'ERR_USAGE', /vendor target/],
        [
          'an unknown feature',
          async () => ({ rs: 'http://127.0.0.1/x', features: ['psot'] }),
          UsageError,
          'ERR_USAGE',
          /unknown feature "psot".*did you mean "post"/,
        ],
        [
          'a fault with a vendor target',
          async () => ({ rs: 'http://127.0.0.1/x', mockFaults: ['rs-skip-typ'] }),
          UsageError,
          'ERR_USAGE',
          /bundled mocks only/,
        ],
        [
          'a target object outside its schema',
          async () => ({ target: { rs: { resource: 'http://127.0.0.1/r', colour: 'blue' } } as never }),
          ConfigError,
          'ERR_CONFIG',
          /^invalid target: target\/rs: .*colour/,
        ],
        ['a missing target file', async () => ({ target: join(dir, 'none.yaml') }), ConfigError, 'ERR_CONFIG', /none/],
        [
          'a target that does not answer',
          async () => ({ rs: `http://127.0.0.1:${await closedPort()}/resource` }),
          TargetUnreachable,
          'ERR_TARGET_UNREACHABLE',
          /./,
        ],
        [
          'a broken suite folder',
          async () => ({ suitesDir: broken }),
          SuiteError,
          'ERR_SUITE_INVALID',
          /^bad\.yaml:\d+:\d+: YAML/,
        ],
      ];
    for (const [what, options, type, code, message] of mistakes)
      it(what, async () => {
        const e: unknown = await runConformance(await options()).then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).to.be.instanceOf(type);
        expect(e).to.be.instanceOf(ToolError);
        expect((e as ToolError).code).to.equal(code);
        expect((e as ToolError).exitCode).to.equal(2);
        expect((e as Error).message).to.match(message);
      });

    it('startMocks with an unknown fault', async () => {
      const e: unknown = await startMocks({ faults: ['as-skip-nothing'] }).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).to.be.instanceOf(UnknownFault);
      expect((e as ToolError).code).to.equal('ERR_UNKNOWN_FAULT');
    });
  });
});
