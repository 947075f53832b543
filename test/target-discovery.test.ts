import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../base/fixed-inputs.js';
import { publicJwk } from '../protocol/jwk.js';
import { metadataUrls } from '../runner/target/discover-as.js';
import { fixtureServer, json, type FixtureServer, type Route } from './helpers/hostile-server.js';
import { cli } from './helpers/run-cli.js';

/** Issue 14: where the AS metadata is looked for (RFC 8414 §3.1, OpenID Connect Discovery §4), and an AS without keys. */

interface Report {
  cases: { id: string; status: string; reason?: string }[];
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string; report?: Report }> {
  const out = mkdtempSync(join(tmpdir(), 'discovery-'));
  const r = await cli([...args, '--out', out]);
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  } catch {
    report = undefined;
  }
  return { code: r.code, stdout: r.output, stderr: r.errors, report };
}

/** Metadata for the issuer base + `path`, its endpoints under that path, with members overridden (undefined drops one). */
const metadataAt = (path: string, over: Record<string, unknown> = {}): Route =>
  json((base: string) => ({
    issuer: `${base}${path}`,
    token_endpoint: `${base}${path}/token`,
    jwks_uri: `${base}${path}/jwks`,
    ...over,
  }));

const jwks = json({ keys: [publicJwk(loadInputs().as_signing_key)] });

const refuse: Route = (_req, res) => {
  res.writeHead(401, { 'content-type': 'application/json' });
  res.end('{"error":"invalid_client"}');
};

describe('AS discovery (runner/target/discover-as.ts)', function () {
  this.timeout(60_000);
  const servers: FixtureServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const serve = async (routes: Record<string, Route>) => {
    const s = await fixtureServer(routes);
    servers.push(s);
    return s;
  };

  it('metadataUrls: RFC 8414 §3.1 inserts the suffix before the path; OpenID Connect appends it', () => {
    expect(metadataUrls('https://as.example')).to.deep.equal([
      'https://as.example/.well-known/oauth-authorization-server',
      'https://as.example/.well-known/openid-configuration',
    ]);
    expect(metadataUrls('https://as.example/')).to.deep.equal(metadataUrls('https://as.example'));
    expect(metadataUrls('https://as.example:8443/tenants/t1/')).to.deep.equal([
      'https://as.example:8443/.well-known/oauth-authorization-server/tenants/t1',
      'https://as.example:8443/tenants/t1/.well-known/openid-configuration',
      'https://as.example:8443/tenants/t1/.well-known/oauth-authorization-server',
    ]);
  });

  it('with token_endpoint named, the metadata is still read where it is (AS-9449-095); none found, that case is skipped', async () => {
    const targetFile = (url: string) => {
      const file = join(mkdtempSync(join(tmpdir(), 'target-')), 'target.yaml');
      writeFileSync(file, `as:\n  issuer: ${url}\n  token_endpoint: ${url}/token\n  jwks_uri: ${url}/jwks\n`);
      return file;
    };
    const as = await serve({
      '/.well-known/oauth-authorization-server': metadataAt('', { dpop_signing_alg_values_supported: ['ES256'] }),
      '/jwks': jwks,
      '/token': refuse,
    });
    const read = await run(['run', '--target', targetFile(as.url), '--id', 'AS-9449-095']);
    expect(read.report?.cases[0], read.stderr).to.include({ id: 'AS-9449-095', status: 'pass' });

    const bare = await serve({ '/jwks': jwks, '/token': refuse });
    const none = await run(['run', '--target', targetFile(bare.url), '--id', 'AS-9449-095']);
    expect(none.report?.cases[0], none.stderr).to.include({ id: 'AS-9449-095', status: 'skipped' });
    expect(none.report?.cases[0].reason).to.match(/reads the AS metadata, and the run has none/);
  });

  it('an issuer with a path: the metadata at /.well-known/oauth-authorization-server/PATH is found first', async () => {
    const as = await serve({
      '/.well-known/oauth-authorization-server/realms/t1': metadataAt('/realms/t1'),
      '/realms/t1/jwks': jwks,
      '/realms/t1/token': refuse,
    });
    await run(['run', '--as', `${as.url}/realms/t1`, '--id', 'AS-9449-001']);
    const gets = as.hits.filter((h) => h.startsWith('GET /.well-known') || h.includes('/.well-known/'));
    expect(gets.filter((h) => h !== 'GET /.well-known/oauth-authorization-server/realms/t1')).to.deep.equal([]);
    expect(as.hits).to.include('POST /realms/t1/token');
  });

  it('an issuer with a path whose AS serves only OpenID Connect discovery: PATH/.well-known/openid-configuration', async () => {
    const as = await serve({
      '/realms/t1/.well-known/openid-configuration': metadataAt('/realms/t1'),
      '/realms/t1/jwks': jwks,
      '/realms/t1/token': refuse,
    });
    await run(['run', '--as', `${as.url}/realms/t1`, '--id', 'AS-9449-001']);
    expect(as.hits.slice(0, 3)).to.deep.equal([
      'GET /.well-known/oauth-authorization-server/realms/t1',
      'GET /.well-known/oauth-authorization-server/realms/t1',
      'GET /realms/t1/.well-known/openid-configuration',
    ]);
    expect(as.hits).to.include('POST /realms/t1/token');
  });

  it('no metadata anywhere: one line naming every URL tried, exit 2', async () => {
    const as = await serve({});
    const r = await run(['run', '--as', `${as.url}/t1`, '--id', 'AS-9449-001']);
    expect(r.code).to.equal(2);
    for (const url of metadataUrls(`${as.url}/t1`)) expect(r.stderr).to.include(`${url}: status 404`);
    expect(r.stderr.trim().split('\n')).to.have.length.below(3);
  });

  describe('an AS without keys', () => {
    for (const [what, over, routes, said] of [
      [
        'metadata without jwks_uri',
        { jwks_uri: undefined },
        {},
        /no jwks_uri: the target file gives no as.jwks_uri, and no AS metadata the run may use names one/,
      ],
      ['a JWK Set without keys', {}, { '/jwks': json({ keys: [] }) }, /JWK Set at .*\/jwks holds no keys/],
    ] as const)
      it(`${what}: a note, the end-to-end case skipped with the reason; the other cases run`, async () => {
        const as = await serve({
          '/.well-known/oauth-authorization-server': metadataAt('', over),
          ...routes,
          '/token': refuse,
        });
        const r = await run(['run', '--as', as.url, '--id', 'AS-9449-001', '--id', 'AS-9449-007']);
        expect(r.stdout).to.match(said);
        expect(r.stdout).to.match(/cases that present its tokens to the mock RS are skipped/);
        const byId = Object.fromEntries(r.report!.cases.map((c) => [c.id, c]));
        expect(byId['AS-9449-007'].status).to.equal('skipped');
        expect(byId['AS-9449-007'].reason).to.match(said);
        expect(byId['AS-9449-001'].status).to.equal('fail');
      });

    it('a JWK Set with the keys: the end-to-end case runs', async () => {
      const as = await serve({
        '/.well-known/oauth-authorization-server': metadataAt(''),
        '/jwks': jwks,
        '/token': refuse,
      });
      const r = await run(['run', '--as', as.url, '--id', 'AS-9449-007']);
      expect(r.report!.cases[0].status).to.not.equal('skipped');
      expect(r.stdout).to.not.match(/are skipped/);
    });
  });
});
