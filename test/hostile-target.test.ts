import { expect } from 'chai';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { loadInputs } from '../base/fixed-inputs.js';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { publicJwk } from '../protocol/jwk.js';
import { verifyAccessToken } from '../protocol/token-verify.js';
import { REPORT_BOUNDS } from '../runner/http/bound-json.js';
import { Redactor } from '../runner/http/redact.js';
import { estimateSkew } from '../runner/target/clock-skew.js';
import { mintTestToken } from '../runner/tokens/mint-test-token.js';
import {
  fixtureServer,
  json,
  metadata,
  tokenResponse,
  unsignedToken,
  type FixtureServer,
} from './helpers/hostile-server.js';
import { cli } from './helpers/run-cli.js';

/** Issue 14, "The runner against a hostile server": each behaviour against a fixture server of its own. */

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string; out: string; ms: number }> {
  const out = mkdtempSync(join(tmpdir(), 'hostile-'));
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (s: string) => {
    errors.push(String(s));
    return true;
  };
  const started = Date.now();
  try {
    const r = await cli([...args, '--out', out]);
    return { code: r.code, stdout: r.output, stderr: errors.join('') + r.errors, out, ms: Date.now() - started };
  } finally {
    process.stderr.write = write;
  }
}

const reportSizes = (out: string) =>
  ['report.json', 'report.html', 'junit.xml'].map((f) => statSync(join(out, f)).size);

/** A few AS cases, an end-to-end one among them (the issued token goes on to the bundled mock RS). */
const AS_CASES = ['AS-9449-001', 'AS-9449-002', 'AS-9449-007'].flatMap((id) => ['--id', id]);

describe('the runner against a hostile target (issue 14)', function () {
  this.timeout(120_000);
  const servers: FixtureServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const serve = async (routes: Parameters<typeof fixtureServer>[0]) => {
    const s = await fixtureServer(routes);
    servers.push(s);
    return s;
  };
  const jwks = json({ keys: [publicJwk(loadInputs().as_signing_key)] });

  describe('1. redaction is linear; transcripts are cut', () => {
    it('a 1 MB run of token characters, with and without dots, is redacted in well under a second', () => {
      const r = new Redactor();
      r.add('a-secret-of-some-length');
      for (const text of [
        'A'.repeat(1_000_000),
        `eyJ${'A'.repeat(500_000)}.${'B'.repeat(500_000)}.x`,
        'a.'.repeat(500_000),
      ]) {
        const started = performance.now();
        r.text(text);
        expect(performance.now() - started, text.slice(0, 10)).to.be.below(1000);
      }
    });

    it('an issued token with a 700 KB claim and a 15,000-character header: seconds, small reports', async () => {
      const token = unsignedToken({ iss: 'x', big: 'A'.repeat(700_000) });
      const as = await serve({
        '/.well-known/oauth-authorization-server': metadata(),
        '/token': tokenResponse(token, { 'x-junk': 'h'.repeat(15_000) }),
        '/jwks': jwks,
      });
      const r = await run(['run', '--as', as.url, ...AS_CASES]);
      expect(r.code, r.stderr).to.equal(1);
      expect(r.ms).to.be.below(30_000);
      for (const size of reportSizes(r.out)) expect(size).to.be.below(512 * 1024);
      const report = readFileSync(join(r.out, 'report.json'), 'utf8');
      expect(report).to.include(`(${'h'.repeat(15_000).length} characters)`);
    });
  });

  describe('2. depth and size of everything decoded into a report are bounded', () => {
    for (const depth of [2_000, 3_000, 100_000])
      it(`an issued token nested ${depth} deep: small reports, no RangeError, exit 1`, async () => {
        const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        const as = await serve({
          '/.well-known/oauth-authorization-server': metadata(),
          '/token': tokenResponse(unsignedToken(nested.replace(/^\{/, '{"iss":"x",'))),
          '/jwks': jwks,
        });
        const r = await run(['run', '--as', as.url, ...AS_CASES]);
        expect(r.code, r.stderr).to.equal(1);
        expect(r.stderr).to.not.match(/RangeError/);
        for (const size of reportSizes(r.out)) expect(size).to.be.below(512 * 1024);
        expect(readFileSync(join(r.out, 'report.json'), 'utf8')).to.include(
          `[cut: nested deeper than ${REPORT_BOUNDS.maxDepth} levels]`,
        );
      });

    it('a response body of 200,000 JSON members is cut to the bounds', () => {
      const wide = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`m${i}`, i]));
      const v = new Redactor().value({ body: wide }) as { body: Record<string, unknown> };
      expect(Object.keys(v.body)).to.have.length(REPORT_BOUNDS.maxMembers + 1);
      expect(v.body['[cut]']).to.equal(`${200_000 - REPORT_BOUNDS.maxMembers} more members`);
    });
  });

  describe('3. discovery: the issuer is checked, endpoints stay on its origin, URLs are http(s)', () => {
    it('metadata naming another issuer (RFC 8414 §3.3) is a configuration error; no token request is sent', async () => {
      const as = await serve({
        '/.well-known/oauth-authorization-server': metadata({ issuer: 'https://elsewhere.example' }),
        '/token': tokenResponse(unsignedToken({})),
      });
      const r = await run(['run', '--as', as.url, ...AS_CASES]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/names issuer "https:\/\/elsewhere\.example".*RFC 8414 §3\.3/);
      expect(as.hits).to.not.include('POST /token');
    });

    it('a token_endpoint on another origin gets no credentials, unless the target file names it', async () => {
      const thief = await serve({ '/token': tokenResponse(unsignedToken({})) });
      const as = await serve({
        '/.well-known/oauth-authorization-server': metadata({ token_endpoint: `${thief.url}/token` }),
        '/jwks': jwks,
      });
      const r = await run(['run', '--as', as.url, ...AS_CASES]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/token_endpoint .* is on another origin than the issuer/);
      expect(thief.hits).to.deep.equal([]);

      const dir = mkdtempSync(join(tmpdir(), 'target-'));
      const file = join(dir, 'target.yaml');
      writeFileSync(
        file,
        `as:\n  issuer: ${as.url}\n  token_endpoint: ${thief.url}/token\n  jwks_uri: ${as.url}/jwks\n`,
      );
      const named = await run(['run', '--target', file, ...AS_CASES]);
      expect(named.code, named.stderr).to.equal(1);
      expect(thief.hits).to.include('POST /token');
    });

    for (const [url, message] of [
      ['file:///etc/passwd', /--as must be an http\(s\) URL.*"file:\/\/\/etc\/passwd"/],
      ['javascript:alert(1)', /--as must be an http\(s\) URL.*"javascript:alert\(1\)"/],
      ['not a url', /--as must be an http\(s\) URL.*"not a url"/],
    ] as const)
      it(`--as ${url}: a configuration error before anything runs`, async () => {
        const r = await run(['run', '--as', url]);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.match(message);
        expect(r.stderr.trim().split('\n'), 'one line').to.have.lengthOf(1);
      });

    it('a jwks_uri in the metadata that is not http(s) is a configuration error', async () => {
      const as = await serve({
        '/.well-known/oauth-authorization-server': metadata({ jwks_uri: 'file:///etc/passwd' }),
      });
      const r = await run(['run', '--as', as.url]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/the AS metadata's jwks_uri: a file: URL/);
    });
  });

  describe('4. JWKS problems are configuration errors; keys are looked up by kid', () => {
    const key = publicJwk(loadInputs().as_signing_key);
    for (const [what, body, message] of [
      ['a JWKS over 1 MiB', JSON.stringify({ keys: [key], pad: 'x'.repeat(2 * 1024 * 1024) }), /exceeds 1048576 bytes/],
      [
        'a JWKS of 6,000 keys',
        JSON.stringify({ keys: Array.from({ length: 6000 }, (_, i) => ({ ...key, kid: `k${i}` })) }),
        /6000 keys, more than the 100/,
      ],
      ['a JWKS that is not one', '{"keys": "none"}', /not a JWK Set/],
    ] as const)
      it(`${what}: exit 2 naming the JWK Set`, async () => {
        const as = await serve({ '/.well-known/oauth-authorization-server': metadata(), '/jwks': json(body) });
        const r = await run(['run', '--as', as.url, ...AS_CASES]);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.match(/cannot use the AS's JWK Set at http:\/\/127\.0\.0\.1:\d+\/jwks/);
        expect(r.stderr).to.match(message);
      });

    it('a JWKS whose fetch fails: exit 2 naming it', async () => {
      const as = await serve({ '/.well-known/oauth-authorization-server': metadata() });
      const r = await run(['run', '--as', as.url, ...AS_CASES]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/cannot use the AS's JWK Set at .*: status 404/);
    });

    it('6,000 trusted keys with distinct kids: a token check costs a lookup, not a scan of imports', async () => {
      const { token } = await mintTestToken({}, { issuer: 'https://as.example', audience: 'aud' });
      const trustedKeys: JWK[] = [...Array.from({ length: 6000 }, (_, i) => ({ ...key, kid: `k${i}` })), key];
      const started = performance.now();
      for (let i = 0; i < 20; i++)
        await verifyAccessToken(token, { trustedKeys, audience: 'aud', now: Math.floor(Date.now() / 1000) });
      expect((performance.now() - started) / 20).to.be.below(50);
    });
  });

  describe("8. clock skew: estimated from the server's Date header, warned about, applied with --clock-skew", () => {
    let rs: RunningMocks;
    let proxy: Server;
    let proxyUrl: string;
    const AHEAD = 35;
    before(async () => {
      rs = await startMocks({ as: false, clockOffset: AHEAD });
      const target = new URL(rs.resourceUrl!);
      proxy = createServer((req, res) => {
        const upstream = httpRequest(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (up) => {
            const headers = { ...up.headers, date: new Date(Date.now() + AHEAD * 1000).toUTCString() };
            res.writeHead(up.statusCode ?? 502, headers);
            up.pipe(res);
          },
        );
        req.pipe(upstream);
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}/resource`;
    });
    after(async () => {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
      await rs.close();
    });
    const target = () => {
      const dir = mkdtempSync(join(tmpdir(), 'target-'));
      const file = join(dir, 'target.yaml');
      writeFileSync(file, `rs:\n  resource: ${proxyUrl}\n  features: [dpop-sk]\n  mock_as_port: 0\n`);
      return file;
    };

    it('estimateSkew reads a Date header against the middle of the exchange', () => {
      const now = Date.now();
      const date = new Date(now + 35_000).toUTCString();
      expect(estimateSkew({ date, sentAt: now - 100, receivedAt: now + 100 })).to.be.within(34, 36);
      expect(estimateSkew({ date: 'yesterday-ish', sentAt: now, receivedAt: now })).to.equal(undefined);
    });

    it('35 s ahead, without the option: a warning, and the short-lived SK case fails', async () => {
      const r = await run(['run', '--target', target(), '--id', 'RS-SK-A-006']);
      expect(r.stdout).to.match(
        /WARNING: the RS .*'s clock is about 3[4-6] s ahead of this machine's .*--clock-skew auto/,
      );
      // RS-SK-A-006 is MAY (the profile's words), so its failure does not gate: read its status
      const report = JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')) as {
        cases: { status: string }[];
        target: { rs: { clock: { estimatedSkew: number; appliedSkew: number; option?: unknown } } };
      };
      expect(report.cases.map((c) => c.status)).to.deep.equal(['fail']);
      expect(report.target.rs.clock.estimatedSkew).to.be.within(AHEAD - 1, AHEAD + 1);
      expect(report.target.rs.clock.appliedSkew).to.equal(0);
      expect(report.target.rs.clock).to.not.have.property('option');
    });

    for (const option of ['auto', String(AHEAD)])
      it(`35 s ahead, --clock-skew ${option}: proof iat, minted token and SK expiry follow the server's clock`, async () => {
        const r = await run([
          'run',
          '--target',
          target(),
          '--id',
          'RS-SK-A-006',
          '--id',
          'RS-SK-A-022',
          '--clock-skew',
          option,
        ]);
        expect(r.code, r.stdout).to.equal(0);
        // the estimate and the applied offset are in report.json and the HTML, and survive `report`
        const report = JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')) as {
          target: { rs: { clock: { estimatedSkew: number; appliedSkew: number; option: unknown } } };
        };
        const clock = report.target.rs.clock;
        expect(clock.estimatedSkew).to.be.within(AHEAD - 1, AHEAD + 1);
        expect(clock.appliedSkew).to.equal(option === 'auto' ? clock.estimatedSkew : AHEAD);
        expect(clock.option).to.equal(option === 'auto' ? 'auto' : AHEAD);
        const row = `applied +${clock.appliedSkew} s (--clock-skew ${option})`;
        expect(readFileSync(join(r.out, 'report.html'), 'utf8')).to.include(row);
        const again = join(r.out, 'again.html');
        const rendered = await cli(['report', join(r.out, 'report.json'), '--html', again]);
        expect(rendered.code, rendered.errors).to.equal(0);
        expect(readFileSync(again, 'utf8')).to.include(row);
      });

    it('--clock-skew soon: a usage error', async () => {
      const r = await run(['run', '--clock-skew', 'soon']);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/--clock-skew takes auto or whole seconds/);
    });
  });
});
