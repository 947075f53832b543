import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { buildProof } from '../runner/proof/build.js';
import { runConformance } from '../runner/api/run-conformance.js';
import { forwardedRequest } from '../runner/engine/steps/forwarded-headers.js';
import { CaseSetupError } from '../runner/engine/case-errors.js';
import { cli } from './helpers/run-cli.js';
import { Probe } from './helpers/probe.js';

const PUBLIC = 'https://api.proxy.invalid/v1/resource';

/** A GET to the mock RS with a valid token, a proof whose htu is `htu`, and `headers` (a proxy's). */
async function through(m: RunningMocks, htu: string, headers: Record<string, string>): Promise<number> {
  const token = (await new Probe(m).mint()).token;
  const proof = await buildProof({ htm: 'GET', htu, accessToken: token });
  const res = await fetch(m.resourceUrl!, { headers: { authorization: `DPoP ${token}`, dpop: proof, ...headers } });
  return res.status;
}

const X_FORWARDED = {
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'api.proxy.invalid',
  'x-forwarded-prefix': '/v1',
};

describe('behind a reverse proxy: rs.public_url, forwarded headers, the mock RS --behind-proxy (issue 17 part 5)', function () {
  this.timeout(120_000);

  describe('the mock RS behind a proxy compares htu with the public URI', () => {
    let m: RunningMocks;
    before(async () => {
      m = await startMocks({ as: false, behindProxy: true });
    });
    after(() => m.close());

    it('X-Forwarded-Proto/-Host/-Prefix: the public htu is accepted, the internal one refused', async () => {
      expect(await through(m, PUBLIC, X_FORWARDED)).to.equal(200);
      expect(await through(m, m.resourceUrl!, X_FORWARDED)).to.equal(401);
    });

    it('RFC 7239 Forwarded proto= and host= (a quoted host with a port), with X-Forwarded-Prefix', async () => {
      const headers = {
        forwarded: 'for=192.0.2.60;proto=https;host="api.proxy.invalid:8443"',
        'x-forwarded-prefix': '/v1',
      };
      expect(await through(m, 'https://api.proxy.invalid:8443/v1/resource', headers)).to.equal(200);
      expect(await through(m, PUBLIC, headers)).to.equal(401);
    });

    it('no forwarded headers: its own address, as without a proxy', async () => {
      expect(await through(m, m.resourceUrl!, {})).to.equal(200);
      expect(await through(m, PUBLIC, {})).to.equal(401);
    });

    it('an unusable forwarded host (a path in it) makes it ignore the forwarded headers: its own address', async () => {
      const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.invalid/x' };
      expect(await through(m, 'https://evil.invalid/x/resource', headers)).to.equal(401);
      expect(await through(m, m.resourceUrl!, headers)).to.equal(200);
    });
  });

  it('--public-url: a fixed public base, whatever the headers say', async () => {
    const m = await startMocks({ as: false, publicUrl: 'https://api.proxy.invalid/v1' });
    try {
      expect(m.config.behindProxy).to.equal(true);
      expect(await through(m, PUBLIC, {})).to.equal(200);
      expect(await through(m, PUBLIC, { 'x-forwarded-host': 'other.invalid' })).to.equal(200);
      expect(await through(m, m.resourceUrl!, {})).to.equal(401);
    } finally {
      await m.close();
    }
  });

  describe('the forwarded headers the runner sends', () => {
    it('describe the public URL: scheme, host with its port, the prefix the proxy strips', () => {
      const { headers, htu } = forwardedRequest(
        'both',
        'http://127.0.0.1:8080/resource?page=2',
        'http://127.0.0.1:8080/resource',
        'https://api.example:8443/v1/resource',
      );
      expect(htu).to.equal('https://api.example:8443/v1/resource');
      expect(headers).to.deep.equal([
        ['forwarded', 'proto=https;host="api.example:8443"'],
        ['x-forwarded-proto', 'https'],
        ['x-forwarded-host', 'api.example:8443'],
        ['x-forwarded-prefix', '/v1'],
      ]);
    });

    it('no prefix when the public path does not end with the resource path', () => {
      const { headers } = forwardedRequest(
        'x-forwarded',
        'http://10.0.0.1/me',
        'http://10.0.0.1/me',
        'https://api.example/users/self',
      );
      expect(headers.map(([k]) => k)).to.deep.equal(['x-forwarded-proto', 'x-forwarded-host']);
    });

    it('go only to the origin of rs.resource: a step URL elsewhere is refused before anything is sent', () => {
      expect(() =>
        forwardedRequest('both', 'http://127.0.0.2:9/resource', 'http://127.0.0.1:8080/resource', PUBLIC),
      ).to.throw(CaseSetupError, /origin of rs.resource only/);
    });
  });

  describe('a vendor RS behind a proxy (target rs.public_url), loopback, port 0', () => {
    const target = (m: RunningMocks, publicUrl: string) => ({
      rs: {
        resource: m.resourceUrl!,
        public_url: publicUrl,
        mock_as_port: 0,
        features: ['proxy-x-forwarded' as const, 'proxy-forwarded' as const, 'dpop-sk' as const],
      },
    });

    it('a correctly configured RS passes every case of rs-proxy; nothing is sent to the public URL', async () => {
      let hits = 0;
      const decoy = createServer((_req, res) => {
        hits++;
        res.end();
      });
      await new Promise<void>((r) => decoy.listen(0, '127.0.0.1', () => r()));
      const decoyUrl = `http://127.0.0.1:${(decoy.address() as { port: number }).port}/v1/resource`;
      const m = await startMocks({ as: false, behindProxy: true });
      try {
        const report = await runConformance({ target: target(m, decoyUrl), suite: 'rs-proxy' });
        const statuses = report.cases.map((c) => [c.id, c.status]);
        expect(statuses).to.deep.equal([
          ['RS-PROXY-001', 'pass'],
          ['RS-PROXY-002', 'pass'],
          ['RS-PROXY-003', 'pass'],
          ['RS-PROXY-004', 'pass'],
          ['RS-PROXY-005', 'pass'],
          ['RS-PROXY-006', 'pass'],
        ]);
        expect(hits, 'requests that reached the public URL').to.equal(0);
        expect(report.target.rs).to.deep.include({ resource: m.resourceUrl, publicUrl: decoyUrl });
      } finally {
        await m.close();
        decoy.close();
      }
    });

    it('an RS that rebuilds htu from its own address (rs-ignore-forwarded-headers) fails them', async () => {
      const m = await startMocks({ as: false, behindProxy: true, faults: ['rs-ignore-forwarded-headers'] });
      try {
        const report = await runConformance({
          target: target(m, PUBLIC),
          suite: 'rs-proxy',
          stances: { 'proxy-internal-htu': 'reject' },
        });
        const failed = report.cases.filter((c) => c.status === 'fail').map((c) => c.id);
        expect(failed).to.deep.equal([
          'RS-PROXY-001',
          'RS-PROXY-002',
          'RS-PROXY-003',
          'RS-PROXY-004',
          'RS-PROXY-005',
          'RS-PROXY-006',
        ]);
        expect(report.gating.passed).to.equal(false);
      } finally {
        await m.close();
      }
    });

    it('no rs.public_url: the cases are skipped with the reason', async () => {
      const m = await startMocks({ as: false, behindProxy: true });
      try {
        const report = await runConformance({
          target: { rs: { resource: m.resourceUrl!, mock_as_port: 0 } },
          suite: 'rs-proxy',
        });
        expect(report.cases.map((c) => c.status)).to.deep.equal(Array(6).fill('skipped'));
        expect(report.cases[0].reason).to.match(/does not declare behind-proxy \(it names no rs\.public_url\)/);
      } finally {
        await m.close();
      }
    });
  });

  it('mock --public-url that is not an http(s) URL without query: one line, exit 2, nothing started', async () => {
    for (const bad of ['ftp://api.example/v1', 'https://api.example/v1?x=1', 'not a url']) {
      const r = await cli(['mock', 'rs', '--port', '0', '--public-url', bad]);
      expect(r.code, r.errors).to.equal(2);
      expect(r.errors.split('\n').filter(Boolean)).to.have.length(1);
      expect(r.errors).to.match(/--public-url must be an http\(s\) URL without query or fragment/);
      expect(r.output).to.equal('');
    }
  });

  it('a Forwarded host with an unterminated quote is its own; a value over 1,024 characters is ignored', async () => {
    const m = await startMocks({ as: false, behindProxy: true });
    try {
      const unterminated = { forwarded: 'proto=https;host="api.proxy.invalid' };
      expect(await through(m, m.resourceUrl!.replace('http:', 'https:'), unterminated)).to.equal(200);
      expect(await through(m, 'https://api.proxy.invalid/resource', unterminated)).to.equal(401);
      const long = { forwarded: `proto=https;host=api.proxy.invalid;x=${'a'.repeat(1024)}` };
      expect(await through(m, m.resourceUrl!, long)).to.equal(200);
    } finally {
      await m.close();
    }
  });

  describe('target-file validation of rs.public_url: one line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-target-'));
    const bad: [string, string, RegExp][] = [
      ['not a URL', 'public_url: "not a url"', /public_url/],
      ['not http(s)', 'public_url: ftp://api.example/resource', /rs\.public_url: a ftp: URL/],
      [
        'with a query',
        'public_url: "https://api.example/resource?x=1"',
        /rs\.public_url: .*without userinfo, query or fragment/,
      ],
      ['a proxy feature without it', 'features: [proxy-x-forwarded]', /proxy-x-forwarded needs rs\.public_url/],
    ];
    for (const [what, line, pattern] of bad)
      it(what, async () => {
        const file = join(dir, `${what.replace(/\W+/g, '-')}.yaml`);
        writeFileSync(file, `rs:\n  resource: http://127.0.0.1:1/resource\n  ${line}\n`);
        const r = await cli(['run', '--target', file, '--out', join(dir, 'out')]);
        expect(r.code, r.errors).to.equal(2);
        const lines = r.errors.split('\n').filter(Boolean);
        expect(lines, r.errors).to.have.length(1);
        expect(lines[0]).to.match(pattern);
        expect(r.errors).to.not.match(/\n\s+at /);
      });
  });
});
