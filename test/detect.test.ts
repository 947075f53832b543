import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import type { JsonReport } from '../reports/json-report.js';
import { detectFeatures } from '../runner/detect/detect.js';
import { DEFAULT_SEND } from '../runner/http/send.js';
import type { RunEnv, RunPlan } from '../runner/target/env.js';
import { fixtureServer, json, metadata, type Route } from './helpers/hostile-server.js';
import { cli } from './helpers/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'detect-'));

/** A vendor run with --detect; its exit code, printed lines, report.json and report.html. */
async function detectRun(args: string[]) {
  const out = tmp();
  const r = await cli(['run', ...args, '--detect', '--out', out]);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
  const status = (id: string) => report.cases.find((c) => c.id === id)?.status;
  const jsonPath = join(out, 'report.json');
  return { ...r, report, status, jsonPath, html: readFileSync(join(out, 'report.html'), 'utf8') };
}

/** An RS target file for a mock RS started here (it trusts the fixed test AS key). */
function rsTarget(m: RunningMocks, features: string[] = []): string {
  const file = join(tmp(), 'target.yaml');
  writeFileSync(file, `rs:\n  resource: ${m.resourceUrl}\n  mock_as_port: 0\n  features: [${features.join(', ')}]\n`);
  return file;
}

/** A plan with one side's environment only, pointing at a fixture server (for probing bounds). */
function planFor(side: 'as' | 'rs', url: string, timeoutMs = 2_000): RunPlan {
  const env: RunEnv = {
    label: `${side} fixture`,
    features: new Set(),
    send: { ...DEFAULT_SEND, timeoutMs },
    mintIssuer: 'http://127.0.0.1:9',
    audience: 'urn:dpop-conformance:rs',
    as: {
      issuer: url,
      tokenEndpoint: `${url}/token`,
      redirectUri: 'http://127.0.0.1/callback',
      clients: { confidential: { client_id: 'c', client_secret: 's', auth: 'basic' }, public: { client_id: 'p' } },
    },
    rs: { resource: `${url}/resource` },
  };
  return {
    summary: { mode: 'vendor' },
    secrets: [],
    envs: { [side]: env },
    envFor: () => ({ skip: 'not in this test' }),
    close: () => Promise.resolve(),
  };
}

const nonceForever: Route = (_req, res) => {
  res.writeHead(401, {
    'www-authenticate': 'DPoP error="use_dpop_nonce", error_description="again"',
    'dpop-nonce': `n-${Math.random()}`,
  });
  res.end();
};

describe('run --detect: probes the target, prints and records what it found, and runs with it', function () {
  this.timeout(120_000);
  const started: RunningMocks[] = [];
  const mocks = async (o: Parameters<typeof startMocks>[0]) => {
    const m = await startMocks(o);
    started.push(m);
    return m;
  };
  after(async () => {
    await Promise.all(started.map((m) => m.close()));
  });

  it('an AS without nonces: metadata lists, no nonce demand, a key for dpop_sk=true; what it found runs', async () => {
    const m = await mocks({ rs: false });
    const r = await detectRun(['--as', m.asUrl!, '--id', 'AS-9449-003', '--id', 'AS-SK-A-001', '--id', 'AS-9449-013']);
    expect(r.code, r.output).to.equal(0);
    expect(r.output).to.include(`detect: AS ${m.asUrl}\n`);
    expect(r.output).to.include(
      '  metadata grant_types_supported: authorization_code, client_credentials, refresh_token\n',
    );
    expect(r.output).to.match(/\n {2}metadata dpop_signing_alg_values_supported: ES256, /);
    expect(r.output).to.include('  nonce demand (token request): no: a token without a nonce\n');
    expect(r.output).to.include('  dpop_sk=true: a key: dpop_sk in the token response (DPoP-SK Model A)\n');
    const d = r.report.target.as!.detected!;
    expect(r.output).to.include(
      '  metadata pushed_authorization_request_endpoint: advertised: /par (the PAR cases also need authorization-code)\n',
    );
    expect(d.supported).to.deep.equal(['refresh', 'client-secret-post', 'par', 'dpop-sk']);
    expect(d.added).to.deep.equal(d.supported);
    expect(r.report.target.as!.features).to.deep.equal([]);
    expect(r.status('AS-9449-003')).to.equal('pass');
    expect(r.status('AS-SK-A-001')).to.equal('pass');
    expect(r.status('AS-9449-013')).to.equal('skipped');
    expect(r.report.cases.find((c) => c.id === 'AS-9449-013')!.reason).to.equal(
      'the target does not declare nonce, nor did --detect find it',
    );
    expect(r.html).to.include('<dt>AS detected (--detect)</dt>');
    expect(r.html).to.include('<li>dpop_sk=true: a key: dpop_sk in the token response (DPoP-SK Model A)</li>');
  });

  it('an AS in nonce mode: detects the nonce demand and runs the nonce cases; with as-skip-nonce it does not', async () => {
    const nonced = await mocks({ rs: false, nonce: true });
    const r = await detectRun(['--as', nonced.asUrl!, '--id', 'AS-9449-013', '--id', 'AS-9449-070']);
    expect(r.code, r.output).to.equal(0);
    expect(r.output).to.include(
      '  nonce demand (token request): yes: use_dpop_nonce with a DPoP-Nonce header; a token once the nonce was sent\n',
    );
    expect(r.report.target.as!.detected!.supported).to.include('nonce');
    expect([r.status('AS-9449-013'), r.status('AS-9449-070')]).to.deep.equal(['pass', 'pass']);

    const faulty = await mocks({ rs: false, nonce: true, faults: ['as-skip-nonce'] });
    const f = await detectRun(['--as', faulty.asUrl!, '--id', 'AS-9449-013']);
    expect(f.report.target.as!.detected!.supported).not.to.include('nonce');
    expect(f.status('AS-9449-013')).to.equal('skipped');
    expect(f.code).to.equal(3);
  });

  it('an RS: POST accepted and DPoP-SK-Request answered (Model B) are detected; in nonce mode the nonce demand too', async () => {
    const plain = await mocks({ as: false });
    const r = await detectRun(['--target', rsTarget(plain), '--id', 'RS-9449-005', '--id', 'RS-SK-B-001']);
    expect(r.code, r.output).to.equal(0);
    expect(r.output).to.include('  nonce demand (GET with a valid token and proof): no: status 200 without a nonce\n');
    expect(r.output).to.include('  POST on the resource: accepted: status 200\n');
    expect(r.output).to.include('  DPoP-SK-Request: HS256: answered: a DPoP-SK header (DPoP-SK Model B)\n');
    expect(r.report.target.rs!.detected!.supported).to.deep.equal(['post', 'dpop-sk-b']);
    expect([r.status('RS-9449-005'), r.status('RS-SK-B-001')]).to.deep.equal(['pass', 'pass']);
    // report.json with what was detected matches its schema: `report` re-renders it.
    const summary = join(tmp(), 'summary.md');
    const again = await cli(['report', r.jsonPath, '--summary-md', summary]);
    expect(again.code, again.errors).to.equal(0);
    expect(readFileSync(summary, 'utf8')).to.include(
      'RS features found by --detect: post, dpop-sk-b; added to the declared ones: post, dpop-sk-b',
    );

    const nonced = await mocks({ as: false, nonce: true });
    const n = await detectRun(['--target', rsTarget(nonced), '--id', 'RS-9449-014']);
    expect(n.code, n.output).to.equal(0);
    expect(n.report.target.rs!.detected!.supported).to.deep.equal(['nonce', 'post', 'dpop-sk-b']);
    expect(n.status('RS-9449-014')).to.equal('pass');
  });

  it('a declared feature always wins: declared nonce stays though the RS demands none', async () => {
    const plain = await mocks({ as: false });
    const r = await detectRun(['--target', rsTarget(plain, ['nonce']), '--id', 'RS-9449-014', '--features', 'post']);
    expect(r.output).to.match(
      /features found: post, dpop-sk-b; added to this run: dpop-sk-b \(declared: nonce, post\)\n/,
    );
    expect(r.report.target.rs!.features).to.deep.equal(['nonce', 'post']);
    expect(r.report.target.rs!.detected!.added).to.deep.equal(['dpop-sk-b']);
    expect(r.status('RS-9449-014')).not.to.equal('skipped');
  });

  it('probes are bounded: a server demanding a fresh nonce forever gets two requests per side, then no more', async () => {
    const rs = await fixtureServer({ '/resource': nonceForever });
    const as = await fixtureServer({ '/.well-known/oauth-authorization-server': metadata(), '/token': nonceForever });
    try {
      const { lines: rsLines } = await detectFeatures(planFor('rs', rs.url));
      expect(rs.hits).to.deep.equal(['GET /resource', 'GET /resource']);
      expect(rsLines).to.include(
        '  POST, DPoP-SK-Request: not probed: the RS did not accept a valid GET (is it configured to trust the test AS key?)',
      );
      await detectFeatures(planFor('as', as.url));
      expect(as.hits).to.deep.equal(['GET /.well-known/oauth-authorization-server', 'POST /token', 'POST /token']);
    } finally {
      await rs.close();
      await as.close();
    }
  });

  it('probes are bounded: an oversized body and a server that never answers end as findings, not hangs', async () => {
    const big: Route = json({ issuer: 'x', padding: 'p'.repeat(200_000) });
    const silent: Route = () => undefined;
    const server = await fixtureServer({
      '/.well-known/oauth-authorization-server': big,
      '/.well-known/openid-configuration': silent,
      '/token': silent,
    });
    try {
      const { lines } = await detectFeatures(planFor('as', server.url, 300));
      expect(lines.join('\n')).to.match(
        /metadata: none found \(.*exceeds 65536 bytes.*no complete answer within 300 ms/,
      );
      expect(lines.join('\n')).to.match(
        /nonce demand \(token request\): no answer: POST .*\/token: no complete answer within 300 ms/,
      );
      expect(server.hits).to.have.length(3);
    } finally {
      await server.close();
    }
  });

  it("reads the metadata where the target file's as.metadata puts it (and an issuer with a path, where RFC 8414 §3.1 does)", async () => {
    const server = await fixtureServer({
      '/config/as.json': metadata({
        grant_types_supported: ['client_credentials', 'urn:found-at-named-url'],
        pushed_authorization_request_endpoint: 'https://elsewhere.example/par',
      }),
      '/jwks': json({ keys: [] }),
      '/token': json({ error: 'invalid_client' }),
    });
    try {
      const file = join(tmp(), 'target.yaml');
      writeFileSync(file, `as:\n  issuer: ${server.url}\n  metadata: ${server.url}/config/as.json\n`);
      const r = await cli(['run', '--target', file, '--detect', '--id', 'AS-9449-001', '--out', tmp()]);
      expect(r.output).to.include('\n  metadata grant_types_supported: client_credentials, urn:found-at-named-url\n');
      expect(r.output).to.include(
        '\n  metadata pushed_authorization_request_endpoint: advertised on another origin than the issuer: not used (set as.pushed_authorization_request_endpoint)\n',
      );
      expect(r.output).to.match(/features found: (?![^\n]*\bpar\b)/);
      expect(server.hits.filter((h) => h.startsWith('GET /.well-known'))).to.deep.equal([]);
      expect(server.hits.filter((h) => h === 'GET /config/as.json')).to.have.length(3); // reachability, discovery, detect
    } finally {
      await server.close();
    }
    const withPath = await fixtureServer({});
    try {
      await detectFeatures(planFor('as', `${withPath.url}/tenant1`, 300));
      expect(withPath.hits.slice(0, 3)).to.deep.equal([
        'GET /.well-known/oauth-authorization-server/tenant1',
        'GET /tenant1/.well-known/openid-configuration',
        'GET /tenant1/.well-known/oauth-authorization-server',
      ]);
    } finally {
      await withPath.close();
    }
  });

  it('what the server sends is printed without control characters', async () => {
    const server = await fixtureServer({
      '/.well-known/oauth-authorization-server': metadata({
        grant_types_supported: ['client_credentials', '\u001b]0;owned\u0007\u001b[2Jgate passed'],
      }),
      '/jwks': json({ keys: [] }),
      '/token': json({ error: '\u001b[31mbad\u009b2J' }),
    });
    try {
      const r = await cli(['run', '--as', server.url, '--detect', '--id', 'AS-9449-001', '--out', tmp()]);
      // The escape sequences are removed whole (runner/cli/terminal-text.ts), not just their ESC.
      expect(r.output).to.include('\n  metadata grant_types_supported: client_credentials, gate passed\n');
      expect(r.output).to.include('\n  nonce demand (token request): unknown: status 200 (bad)\n');
      const controls = [...r.output].filter((ch) => ch !== '\n' && (ch < ' ' || (ch >= '\u007f' && ch <= '\u009f')));
      expect(controls).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });
});
