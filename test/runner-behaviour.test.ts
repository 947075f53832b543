import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCases } from '../runner/engine/run.js';
import { runCase } from '../runner/engine/run-case.js';
import { DEFAULT_SEND } from '../runner/http/send.js';
import { loadSuiteFile } from '../runner/suite/load.js';
import type { Case } from '../runner/suite/types.js';
import { planMocks } from '../runner/target/plan-mocks.js';
import { declareFeatures } from '../runner/target/declare-features.js';
import type { TargetFile } from '../runner/target/target-file.js';
import { startMocks } from '../mocks/start.js';
import { freePort } from './interop/targets.js';
import type { RunEnv, RunPlan } from '../runner/target/env.js';
import { caseYaml } from './helpers/case-yaml.js';
import { cli } from './helpers/run-cli.js';
import { fromRoot } from '../base/package-root.js';
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const header = 'suite: t\ntitle: T\ntarget: rs\nprofile: rfc9449\ncases:\n';
function suite(body: string): Case[] {
  const dir = mkdtempSync(join(tmpdir(), 'suite-'));
  const file = join(dir, 't.yaml');
  writeFileSync(file, header + body);
  return loadSuiteFile(file).cases;
}

async function listen(server: Server | TcpServer): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as { port: number }).port;
}

describe('runner behaviour', function () {
  this.timeout(30_000);
  let plan: RunPlan;
  before(async () => {
    plan = await planMocks();
  });
  after(() => plan.close());
  const envOf = (c: Case) => plan.envFor(c) as RunEnv;

  it('a step before the one under test: failing at the server not under test is error, at the server under test fail', async () => {
    const [atAs, atRs] = suite(
      caseYaml({
        id: 'T-SETUP-AS',
        steps: ['token: { grant: client_credentials, expect: { status: 299 } }', 'request: {}'],
      }) +
        caseYaml({
          id: 'T-SETUP-RS',
          steps: ['mint_token: {}', 'request: { expect: { status: 299 } }', 'request: {}'],
        }),
    );
    const r1 = await runCase(atAs, envOf(atAs));
    expect(r1.status).to.equal('error');
    expect(r1.reason).to.match(
      /^the AS, not under test here, did not do its part: .*expected 299, got 200 \(step 1, token, before the step under test\)/,
    );
    const r2 = await runCase(atRs, envOf(atRs));
    expect(r2.status).to.equal('fail');
    expect(r2.reason).to.match(/expected 299, got 200 \(step 2, request, before the step under test\)/);
  });

  it('captures carry values between steps: a saved token is used by a later step via {name.token}', async () => {
    const [c] = suite(
      caseYaml({
        id: 'T-1',
        steps: [
          'mint_token: { save_as: first }',
          'mint_token: { key: client-p384 }',
          'request: { token: "{first.token}", proof: { key: client-p256 } }',
        ],
      }),
    );
    const r = await runCase(c, envOf(c));
    expect(r.status, r.reason).to.equal('pass');
    const sent = r.transcript[0].request.headers.find(([k]) => k === 'authorization')![1];
    expect(r.transcript[0].decoded['access token (request)'].claims.cnf).to.deep.include({
      jkt: 'vHxqcO6d-gCtRu84hYqK-oi1OX4uZ5hwLzO3AYRLIho',
    });
    expect(sent).to.match(/^DPoP ey/);
  });

  it('answers a nonce challenge once, with the same request and the new nonce', async () => {
    const [c] = suite(
      caseYaml({ id: 'T-2', ref: 'RFC 9449 §9', requires: '[nonce]', steps: ['mint_token: {}', 'request: {}'] }),
    );
    const r = await runCase(c, envOf(c));
    expect(r.status, r.reason).to.equal('pass');
    expect(r.transcript.map((x) => x.response?.status)).to.deep.equal([401, 200]);
    expect(r.transcript[0].response!.headers['www-authenticate']).to.match(/use_dpop_nonce/);
    const nonce = r.transcript[0].response!.headers['dpop-nonce'];
    expect(r.transcript[1].decoded['DPoP proof'].claims.nonce).to.equal(nonce);
  });

  it('a wrong answer is a fail with Expected/Actual, and the transcript redacts secrets', async () => {
    const [c] = suite(caseYaml({ id: 'T-4', steps: ['mint_token: {}', 'request: {}'], expect: '{ status: 418 }' }));
    const r = await runCase(c, envOf(c));
    expect(r.status).to.equal('fail');
    expect(r.reason).to.equal('status: expected 418, got 200');
    expect(r.assertions.at(-1)).to.include({ what: 'status', ok: false, expected: '418', actual: '200' });
  });

  describe('a misbehaving target makes the case error, and the run goes on', () => {
    const servers: (Server | TcpServer)[] = [];
    after(() => servers.forEach((s) => s.close()));
    async function target(kind: 'refused' | 'hang' | 'garbage' | 'huge'): Promise<string> {
      if (kind === 'refused') {
        const s = createTcpServer();
        const port = await listen(s);
        await new Promise((r) => s.close(r));
        return `http://127.0.0.1:${port}/resource`;
      }
      if (kind === 'garbage') {
        const s = createTcpServer((sock) => sock.end('this is not HTTP at all\r\n\r\n'));
        servers.push(s);
        return `http://127.0.0.1:${await listen(s)}/resource`;
      }
      const s = createServer((_req, res) => {
        if (kind === 'huge') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('x'.repeat(2 * 1024 * 1024));
        }
        // hang: never answer
      });
      servers.push(s);
      return `http://127.0.0.1:${await listen(s)}/resource`;
    }
    for (const [kind, pattern] of [
      ['refused', /connection failed \(ECONNREFUSED\)/],
      ['hang', /no complete answer within 500 ms/],
      ['garbage', /not a valid HTTP answer/],
      ['huge', /response body exceeds 1048576 bytes/],
    ] as const) {
      it(`${kind} → error with the reason`, async () => {
        const [c, next] = suite(
          ['T-5', 'T-6'].map((id) => caseYaml({ id, steps: ['mint_token: {}', 'request: {}'] })).join(''),
        );
        const url = await target(kind);
        const env = { ...envOf(c), rs: { resource: url }, send: { ...DEFAULT_SEND, timeoutMs: 500 } };
        const results = await runCases([c, next], { ...plan, envFor: () => env }, { concurrency: 1 });
        expect(results.map((r) => r.status)).to.deep.equal(['error', 'error']);
        expect(results[0].reason).to.match(pattern);
      });
    }
  });

  describe('the CLI', () => {
    it('exit 0 and report.json after a passing run; exit 3 when no case ran', async () => {
      const out = mkdtempSync(join(tmpdir(), 'out-'));
      const ok = await cli(['run', '--id', 'RS-9449-001', '--out', out]);
      expect(ok.code).to.equal(0);
      expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).counts.byStatus).to.deep.equal({
        pass: 1,
        fail: 0,
        error: 0,
        'expected-fail': 0,
        'not-exhibited': 0,
        skipped: 0,
      });
      // both filters name real cases, no case has both: nothing runs
      const none = await cli(['run', '--id', 'RS-9449-001', '--tag', 'par', '--out', out]);
      expect(none.code).to.equal(3);
      expect(none.output).to.match(/NO CASE RAN/);
      // the reports say the same: no pass (report.json, report.html), whatever the gate would say of zero failures
      expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).gating).to.deep.equal({
        failOn: 'must',
        passed: false,
        noCaseRan: true,
      });
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).to.include('<span class="gate bad">NO CASE RAN (not a pass)</span>');
      expect(html).to.not.include('PASSED');
      expect(html).to.include('No case ran: every case was filtered out or skipped. This is not a pass.');
      const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
      expect(junit).to.match(/<testsuites name="dpop-conformance" tests="1" failures="1" errors="0"/);
      expect(junit).to.include('<testcase name="no case ran" classname="dpop-conformance.run"');
    });

    it('exit 1 when a MUST case fails (a fault switched on in the mocks)', async () => {
      const out = mkdtempSync(join(tmpdir(), 'out-'));
      const r = await cli(['run', '--id', 'RS-9449-050', '--mock-fault', 'rs-skip-htm', '--out', out]);
      expect(r.code).to.equal(1);
      expect(r.output).to.match(/FAIL +RS-9449-050/);
    });

    it('run --rs against a separately started `dpop-conformance mock rs` (the README flow); undeclared features skip', async () => {
      const child = spawn(process.execPath, [fromRoot('bin', 'dpop-conformance.js'), 'mock', 'rs', '--port', '0'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let printed = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          printed += d;
          const m = /resource (http:\/\/\S+)/.exec(printed);
          if (m) resolve(m[1]);
        });
        child.on('exit', () => reject(new Error(`mock exited: ${printed}`)));
      });
      try {
        const out = mkdtempSync(join(tmpdir(), 'out-'));
        const r = await cli(['run', '--rs', url, '--suite', 'rfc9449-rs', '--suite', 'dpop-sk-a-rs', '--out', out]);
        const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
        expect(r.code, r.output).to.equal(0);
        // (the RS's clock and, with NODE_EXTRA_CA_CERTS set, the TLS trust are recorded too)
        expect(report.target).to.deep.include({ mode: 'vendor' });
        expect(report.target.rs).to.deep.include({ resource: url, features: [] });
        const skipped = report.cases.filter((c: { status: string }) => c.status === 'skipped');
        expect(skipped.map((c: { reason: string }) => c.reason)).to.include('the target does not declare dpop-sk');
        expect(
          skipped.every((c: { requires?: unknown; id: string }) =>
            /^RS-SK-A-|^RS-9449-(005|014|100|101|102|14[0-3])$/.test(c.id),
          ),
        ).to.equal(true);
        expect(report.counts.byStatus.pass).to.be.greaterThan(40);
        expect(report.counts.byStatus.fail ?? 0).to.equal(0);
      } finally {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      expect(printed).to.match(/mocks stopped/);
    });

    it('an RS run uses a mock AS the user already started on the port; anything else there is a configuration error', async () => {
      const port = await freePort();
      const userAs = await startMocks({ rs: false, asPort: port });
      const rs = await startMocks({ as: false });
      const dir = mkdtempSync(join(tmpdir(), 'target-'));
      writeFileSync(join(dir, 'target.yaml'), `rs:\n  resource: ${rs.resourceUrl}\n  mock_as_port: ${port}\n`);
      try {
        const r = await cli(['run', '--target', join(dir, 'target.yaml'), '--id', 'RS-9449-001', '--out', dir]);
        expect(r.code, r.output).to.equal(0);
      } finally {
        await userAs.close();
      }
      const squatter = createServer((_req, res) => res.end('{}'));
      await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', () => r()));
      let r: Awaited<ReturnType<typeof cli>>;
      try {
        r = await cli(['run', '--target', join(dir, 'target.yaml'), '--id', 'RS-9449-001', '--out', dir]);
      } finally {
        squatter.close();
        await rs.close();
      }
      expect(r.code).to.equal(2);
      expect(r.errors).to.match(
        new RegExp(`port ${port} is taken by something that is not the dpop-conformance mock AS`),
      );
    });

    it('exit 2 for a usage error, naming it', async () => {
      const r = await cli(['run', '--level', 'OFTEN']);
      expect(r.code).to.equal(2);
    });

    it('--rs against a target that refuses connections: checked once before the cases, exit 2, one line naming the URL', async () => {
      const out = mkdtempSync(join(tmpdir(), 'out-'));
      const s = createTcpServer();
      const port = await listen(s);
      await new Promise((r) => s.close(r));
      const dir = mkdtempSync(join(tmpdir(), 'target-'));
      writeFileSync(
        join(dir, 'target.yaml'),
        `rs:\n  resource: http://127.0.0.1:${port}/resource\n  mock_as_port: 0\n`,
      );
      const started = Date.now();
      const r = await cli([
        'run',
        '--target',
        join(dir, 'target.yaml'),
        '--suite',
        'rfc9449-rs',
        '--timeout',
        '2000',
        '--out',
        out,
      ]);
      expect(r.code).to.equal(2);
      expect(r.errors).to.equal(
        `dpop-conformance: target unreachable: GET http://127.0.0.1:${port}/resource: connection failed (ECONNREFUSED) (see dpop-conformance run --help)\n`,
      );
      expect(r.output).to.not.match(/ERROR/);
      expect(Date.now() - started).to.be.lessThan(5000);
    });
  });
});

describe('the bundled mocks start the pairs the selected cases need (runner/target/plan-mocks.ts)', function () {
  this.timeout(60_000);
  const plainCase = suite(caseYaml({ id: 'T-PLAIN', steps: ['mint_token: {}'] }))[0];
  const nonceCase = { ...plainCase, id: 'T-NONCE', requires: [...plainCase.requires, 'nonce' as const] };
  const rotationCase = { ...plainCase, id: 'T-ROT', requires: [...plainCase.requires, 'key-rotation' as const] };

  it('with one plain case only the plain pair starts: another pair is not planned, and says so', async () => {
    const plan = await planMocks(DEFAULT_SEND, [], [plainCase]);
    try {
      const env = plan.envFor(plainCase) as RunEnv;
      expect(env.label).to.equal('bundled mocks');
      for (const c of [nonceCase, rotationCase])
        expect(plan.envFor(c))
          .to.have.property('skip')
          .that.matches(/planned without this case's pair/);
    } finally {
      await plan.close();
    }
  });

  it('a selected nonce or rotation case starts its own pair, which answers', async () => {
    const plan = await planMocks(DEFAULT_SEND, [], [nonceCase, rotationCase]);
    try {
      const nonce = plan.envFor(nonceCase) as RunEnv;
      const rotation = plan.envFor(rotationCase) as RunEnv;
      expect(nonce.label).to.equal('bundled mocks (nonce mode)');
      expect(rotation.rotation?.kind).to.equal('mock');
      for (const env of [nonce, rotation]) {
        const res = await fetch(env.rs.resource);
        expect(res.status, env.label).to.equal(401);
      }
      expect(nonce.rs.resource).to.not.equal(rotation.rs.resource);
    } finally {
      await plan.close();
    }
  });

  it('all pairs start when no selection is given (the self-test and the profile of the bundled mocks)', async () => {
    const plan = await planMocks();
    try {
      for (const c of [plainCase, nonceCase, rotationCase]) expect(plan.envFor(c)).to.not.have.property('skip');
    } finally {
      await plan.close();
    }
  });
});

describe('the bundled mocks summary names each side its own features (runner/suite/feature-sides.ts)', () => {
  it('the AS side lists AS features, the RS side RS features; features of both sides are on both', async () => {
    const plan = await planMocks(DEFAULT_SEND, [], []);
    try {
      const { as, rs } = plan.summary;
      expect(as!.features).to.include.members(['par', 'refresh', 'introspection', 'dpop-sk', 'key-rotation']);
      expect(as!.features).to.not.include.members(['post']);
      expect(as!.features).to.not.include('rs-fleet');
      expect(rs!.features).to.include.members(['post', 'rs-fleet', 'dpop-sk-b', 'jwt-access-token', 'dpop-sk']);
      expect(rs!.features).to.not.include('par');
      expect(rs!.features).to.not.include('refresh');
    } finally {
      await plan.close();
    }
  });
});

describe('run --features declares each feature on the sides it describes (runner/target/declare-features.ts)', () => {
  it('an AS feature on an RS-only target is not declared, and is returned to be reported', () => {
    const target = { rs: { resource: 'https://rs.example/r', features: ['nonce' as const] } };
    const unused = declareFeatures(target, ['refresh', 'post', 'nonce', 'par']);
    expect(target.rs.features).to.deep.equal(['nonce', 'post']);
    expect(unused).to.deep.equal(['refresh', 'par']);
  });

  it('with both sides, each gets its own and a shared feature goes to both', () => {
    const target: TargetFile = { as: { issuer: 'https://as.example' }, rs: { resource: 'https://rs.example/r' } };
    expect(declareFeatures(target, ['refresh', 'post', 'dpop-sk'])).to.deep.equal([]);
    expect(target.as!.features).to.deep.equal(['refresh', 'dpop-sk']);
    expect(target.rs!.features).to.deep.equal(['post', 'dpop-sk']);
  });
});
