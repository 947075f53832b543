import { expect } from 'chai';
import { SuiteError } from '../base/errors.js';
import { buildAsServer } from '../mocks/as/server.js';
import { PAR_TTL, REQUEST_URI_PREFIX } from '../mocks/as/par.js';
import { MAX_STATE_LENGTH } from '../mocks/as/stores.js';
import { resolveConfig, type MockOptions } from '../mocks/config.js';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { loadInputs } from '../base/fixed-inputs.js';
import { publicJwk } from '../protocol/jwk.js';
import { runCases } from '../runner/engine/run.js';
import type { CaseResult } from '../runner/engine/run-case.js';
import { loadSuiteFile, loadSuites } from '../runner/suite/load.js';
import { planMocks } from '../runner/target/plan-mocks.js';
import type { Case } from '../runner/suite/types.js';
import { caseYaml } from './helpers/case-yaml.js';
import { authorizeWith, push, pushedCodeFlow } from './helpers/par-flow.js';
import { Probe } from './helpers/probe.js';
import { fixtureServer, json, type FixtureServer } from './helpers/hostile-server.js';
import { cli } from './helpers/run-cli.js';
import { discoverAs } from '../runner/target/discover-as.js';
import { DEFAULT_SEND } from '../runner/http/send.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PAR_CASES = [
  'AS-9449-110',
  'AS-9449-111',
  'AS-9449-112',
  'AS-9449-113',
  'AS-9449-114',
  'AS-9449-115',
  'AS-9449-116',
];

/** The negatives each PAR fault is made to trip (the self-test's fault-trips.yaml holds every case each fault trips). */
const FAULT_CATCHES: Record<string, string[]> = {
  'as-par-ignore-dpop-jkt': ['AS-9449-116'],
  'as-par-ignore-dpop-header': ['AS-9449-112'],
  'as-par-accept-jkt-mismatch': ['AS-9449-113'],
  'as-par-skip-proof-check': ['AS-9449-114', 'AS-9449-115'],
};

const parCases = (): Case[] =>
  loadSuites()
    .flatMap((s) => s.cases)
    .filter((c) => PAR_CASES.includes(c.id));

async function run(faults: string[], nonce = false): Promise<CaseResult[]> {
  const plan = await planMocks(undefined, faults);
  try {
    const cases = parCases();
    const nonceEnv = plan.envFor({ ...cases[0], requires: [...cases[0].requires, 'nonce'] });
    return await runCases(cases, nonce ? { ...plan, envFor: () => nonceEnv } : plan, { concurrency: 4 });
  } finally {
    await plan.close();
  }
}

async function statuses(faults: string[], nonce = false): Promise<Record<string, string>> {
  const results = await run(faults, nonce);
  return Object.fromEntries(results.map((r) => [r.id, r.status === 'pass' ? 'pass' : `${r.status}: ${r.reason}`]));
}

describe('PAR with DPoP (RFC 9449 §10.1, RFC 9126): the cases against the bundled mocks', function () {
  this.timeout(120_000);

  it('the suite has the PAR cases, each needing the feature par', () => {
    const cases = parCases();
    expect(cases.map((c) => c.id).sort()).to.deep.equal(PAR_CASES);
    for (const c of cases) expect(c.requires, c.id).to.include('par');
  });

  it('every PAR case passes against the clean mocks', async () => {
    expect(await statuses([])).to.deep.equal(Object.fromEntries(PAR_CASES.map((id) => [id, 'pass'])));
  });

  it('in nonce mode too: the PAR request is challenged for a nonce, and answered with one', async () => {
    const results = await run([], true);
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.reason}`)).to.deep.equal([]);
    const pars = results.find((r) => r.id === 'AS-9449-110')!.transcript.filter((x) => x.kind === 'par');
    expect(pars.map((x) => x.response?.status)).to.deep.equal([400, 201]);
    expect(pars[0].response?.body).to.include('use_dpop_nonce');
    expect(pars[1].decoded['DPoP proof']?.claims.nonce).to.be.a('string');
  });

  for (const [fault, caught] of Object.entries(FAULT_CATCHES)) {
    it(`${fault}: ${caught.join(', ')} fail, the positives still pass`, async () => {
      const got = await statuses([fault]);
      for (const id of caught) expect(got[id], id).to.match(/^fail: /);
      expect(got['AS-9449-110']).to.equal('pass');
      expect(got['AS-9449-111']).to.equal('pass');
    });
  }
});

describe('PAR: a case lists the feature par when its steps push (runner/suite/derive-requires.ts)', () => {
  const header = 'suite: demo\ntitle: Demo\ntarget: as\nprofile: rfc9449\ncases:\n';
  const problems = (text: string): string[] => {
    try {
      loadSuiteFile('/tmp/demo.yaml', header + text);
    } catch (e) {
      expect(e).to.be.instanceOf(SuiteError);
      return (e as SuiteError).problems;
    }
    return [];
  };
  const steps = ['par: { proof: {} }', 'token: { grant: authorization_code, pushed: true }'];

  it('a par step without requires: [par] is refused; with it, the case loads', () => {
    expect(problems(caseYaml({ id: 'X-001', requires: '[authorization-code]', steps }))).to.deep.equal([
      'demo.yaml:14:9: case X-001 step 1 needs the feature par (a pushed authorization request) but its requires does not list it',
    ]);
    expect(problems(caseYaml({ id: 'X-001', requires: '[par]', steps }))).to.deep.equal([
      'demo.yaml:14:9: case X-001 step 1 needs the feature authorization-code (the code flow of a pushed authorization request) but its requires does not list it',
    ]);
    expect(problems(caseYaml({ id: 'X-001', requires: '[par, authorization-code]', steps }))).to.deep.equal([]);
  });

  it('pushed: true needs grant authorization_code right after a par step', () => {
    const lone = caseYaml({
      id: 'X-002',
      requires: '[par, authorization-code]',
      steps: ['token: { grant: authorization_code, pushed: true }'],
    });
    expect(problems(lone)).to.deep.equal([
      'demo.yaml:14:9: case X-002 step 1 has pushed: true, which needs grant authorization_code right after a par step',
    ]);
  });
});

describe('mock AS PAR endpoint (mocks/as/par.ts): one-time, short-lived, bounded', () => {
  let m: RunningMocks;
  let p: Probe;
  beforeEach(async () => {
    m = await startMocks({});
    p = new Probe(m);
  });
  afterEach(() => m.close());

  it('answers 201 with a request_uri (urn:ietf:params:oauth:request_uri:) and expires_in, uncacheable', async () => {
    const res = await fetch(`${m.asUrl}/par`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        response_type: 'code',
        client_id: loadInputs().clients.public.client_id,
        redirect_uri: 'http://127.0.0.1:1/cb',
        code_challenge: 'c'.repeat(43),
        code_challenge_method: 'S256',
      }).toString(),
    });
    expect(res.status).to.equal(201);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const body = (await res.json()) as { request_uri: string; expires_in: number };
    expect(body.expires_in).to.equal(PAR_TTL);
    expect(body.request_uri.startsWith(REQUEST_URI_PREFIX)).to.equal(true);
    expect(body.request_uri.length - REQUEST_URI_PREFIX.length).to.equal(32); // 24 random bytes, base64url
  });

  it('is advertised in the metadata (RFC 9126 §5) and answers anything but POST with 405', async () => {
    const doc = (await (await fetch(`${m.asUrl}/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      unknown
    >;
    expect(doc.pushed_authorization_request_endpoint).to.equal(`${m.asUrl}/par`);
    const get = await fetch(`${m.asUrl}/par`);
    expect([get.status, get.headers.get('allow')]).to.deep.equal([405, 'POST']);
  });

  it('a request_uri is used once: the second use, an unknown one and one of another client are refused', async () => {
    const pushed = await push(p);
    const uri = String(pushed.body.request_uri);
    const first = await authorizeWith(p, uri);
    expect(first.status).to.equal(302);
    expect(first.params.get('code')).to.be.a('string');
    expect(first.params.get('state')).to.equal('pushed-state');
    expect(await authorizeWith(p, uri)).to.include({ status: 400, error: 'invalid_request_uri' });
    expect(await authorizeWith(p, `${REQUEST_URI_PREFIX}never-issued`)).to.include({
      status: 400,
      error: 'invalid_request_uri',
    });
    const other = String((await push(p)).body.request_uri);
    const wrongClient = await authorizeWith(p, other, loadInputs().clients.confidential.client_id);
    expect(wrongClient).to.include({ status: 400, error: 'invalid_request_uri' });
    // The refused attempt spent it: the right client cannot use it after that either.
    expect(await authorizeWith(p, other)).to.include({ status: 400, error: 'invalid_request_uri' });
  });

  it('a request_uri expires PAR_TTL seconds after it was pushed', async () => {
    const live = String((await push(p)).body.request_uri);
    const expired = String((await push(p)).body.request_uri);
    m.config.clock.offsetSeconds += PAR_TTL - 1;
    expect((await authorizeWith(p, live)).status).to.equal(302);
    m.config.clock.offsetSeconds += 1;
    expect(await authorizeWith(p, expired)).to.include({ status: 400, error: 'invalid_request_uri' });
  });

  it('refuses a pushed request_uri, a bad request (as /authorize would) and a failed client authentication', async () => {
    expect(await push(p, { form: { request_uri: `${REQUEST_URI_PREFIX}x` } })).to.nested.include({
      status: 400,
      'body.error': 'invalid_request',
    });
    expect(await push(p, { form: { code_challenge_method: 'plain' } })).to.nested.include({
      status: 400,
      'body.error': 'invalid_request',
    });
    expect(await push(p, { form: { state: 's'.repeat(MAX_STATE_LENGTH + 1) } })).to.nested.include({
      status: 400,
      'body.error': 'invalid_request',
    });
    expect(await push(p, { form: { client_id: 'nobody' } })).to.nested.include({
      status: 401,
      'body.error': 'invalid_client',
    });
  });

  it('dpop_jkt in the body or a DPoP proof binds the code; both must name the same key', async () => {
    expect(await pushedCodeFlow(p, { dpopJkt: 'client-p256', tokenKey: 'client-p256' })).to.equal('200');
    expect(await pushedCodeFlow(p, { proofKey: 'client-p256', tokenKey: 'client-p256' })).to.equal('200');
    expect(
      await pushedCodeFlow(p, { proofKey: 'client-p256', dpopJkt: 'client-p256', tokenKey: 'client-p256' }),
    ).to.equal('200');
    expect(await pushedCodeFlow(p, { proofKey: 'client-p256', tokenKey: 'client-p256-other' })).to.equal(
      '400 invalid_grant',
    );
    expect(await pushedCodeFlow(p, { dpopJkt: 'client-p256-other', tokenKey: 'client-p256' })).to.equal(
      '400 invalid_grant',
    );
    expect(await pushedCodeFlow(p, { proofKey: 'client-p256', dpopJkt: 'client-p256-other' })).to.equal(
      'PAR 400 invalid_request',
    );
    expect(await pushedCodeFlow(p, { proofKey: 'client-p256', mutation: { corrupt_signature: true } })).to.equal(
      'PAR 400 invalid_dpop_proof',
    );
  });
});

describe('mock AS pushed-request store: bounded (parStore)', () => {
  async function asServer(o: MockOptions) {
    const { app, state } = await buildAsServer(resolveConfig(o));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    state.issuer = url;
    return { app, state, url };
  }

  it('holds at most parStore.maxEntries pushed requests however many are pushed, the oldest dropped first', async () => {
    const s = await asServer({ parStore: { maxEntries: 5 } });
    try {
      const p = new Probe({ asUrl: s.url } as RunningMocks);
      const uris: string[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await push(p);
        expect(res.status).to.equal(201);
        uris.push(String(res.body.request_uri));
      }
      expect(s.state.pushed.size).to.equal(5);
      expect(s.state.pushed.evicted).to.equal(15);
      expect(await authorizeWith(p, uris[0])).to.include({ status: 400, error: 'invalid_request_uri' });
      expect((await authorizeWith(p, uris[19])).status).to.equal(302);
    } finally {
      await s.app.close();
    }
  });

  it('holds at most parStore.maxBytes, and nothing is stored for a refused request', async () => {
    const s = await asServer({ parStore: { maxBytes: 8 * 1024 } });
    try {
      const p = new Probe({ asUrl: s.url } as RunningMocks);
      for (let i = 0; i < 10; i++)
        expect((await push(p, { form: { state: 's'.repeat(MAX_STATE_LENGTH) } })).status).to.equal(201);
      expect(s.state.pushed.bytes).to.be.at.most(8 * 1024);
      expect(s.state.pushed.evicted).to.be.greaterThan(0);
      const held = s.state.pushed.size;
      expect((await push(p, { form: { state: 's'.repeat(MAX_STATE_LENGTH + 1) } })).status).to.equal(400);
      expect(s.state.pushed.size).to.equal(held);
    } finally {
      await s.app.close();
    }
  });
});

describe('PAR endpoint discovery: the client authenticates there, so only on the issuer origin (discover-as.ts)', function () {
  this.timeout(60_000);
  const servers: FixtureServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((x) => x.close()));
  });
  const serve = async (routes: Parameters<typeof fixtureServer>[0]) => {
    const x = await fixtureServer(routes);
    servers.push(x);
    return x;
  };
  const metadata = (par: (base: string) => string) =>
    json((base: string) => ({
      issuer: base,
      token_endpoint: `${base}/token`,
      authorization_endpoint: `${base}/authorize`,
      pushed_authorization_request_endpoint: par(base),
    }));

  it('the metadata names it on the issuer origin: used; elsewhere: not used; the target file names it: used', async () => {
    const same = await serve({ '/.well-known/oauth-authorization-server': metadata((b) => `${b}/par`) });
    expect((await discoverAs({ issuer: same.url }, DEFAULT_SEND)).endpoint.parEndpoint).to.equal(`${same.url}/par`);
    const elsewhere = await serve({
      '/.well-known/oauth-authorization-server': metadata(() => 'https://par.elsewhere.invalid/par'),
    });
    expect((await discoverAs({ issuer: elsewhere.url }, DEFAULT_SEND)).endpoint.parEndpoint).to.equal(undefined);
    const named = await discoverAs(
      { issuer: elsewhere.url, pushed_authorization_request_endpoint: 'https://par.elsewhere.invalid/par' },
      DEFAULT_SEND,
    );
    expect(named.endpoint.parEndpoint).to.equal('https://par.elsewhere.invalid/par');
  });

  it('a PAR endpoint the metadata puts on another origin gets no request: the PAR cases are skipped, saying why', async () => {
    const other = await serve({});
    const as = await serve({
      '/.well-known/oauth-authorization-server': metadata(() => `${other.url}/par`),
      '/jwks': json({ keys: [publicJwk(loadInputs().as_signing_key)] }),
    });
    const dir = mkdtempSync(join(tmpdir(), 'par-target-'));
    const file = join(dir, 'target.yaml');
    writeFileSync(
      file,
      `as:\n  issuer: ${as.url}\n  jwks_uri: ${as.url}/jwks\n  features: [par, authorization-code]\n  clients:\n    confidential: { client_id: c, client_secret: s }\n`,
    );
    const r = await cli(['run', '--target', file, '--id', 'AS-9449-110', '--out', dir]);
    expect(r.code, r.errors + r.output).to.be.oneOf([0, 3]);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      cases: { id: string; status: string; reason?: string }[];
    };
    expect(report.cases[0], r.errors).to.include({ id: 'AS-9449-110', status: 'skipped' });
    expect(report.cases[0].reason).to.match(/names no PAR endpoint on its origin/);
    expect(other.hits).to.deep.equal([]);
  });

  it('a 201 whose request_uri is oversized is not put in an authorization URL: the case errors, saying why', async () => {
    const as = await serve({
      '/.well-known/oauth-authorization-server': metadata((b) => `${b}/par`),
      '/jwks': json({ keys: [publicJwk(loadInputs().as_signing_key)] }),
      '/par': (_req, res) => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ request_uri: `${REQUEST_URI_PREFIX}${'x'.repeat(5000)}`, expires_in: 60 }));
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'par-target-'));
    const file = join(dir, 'target.yaml');
    writeFileSync(file, `as:\n  issuer: ${as.url}\n  features: [par, authorization-code]\n`);
    const r = await cli(['run', '--target', file, '--id', 'AS-9449-110', '--out', dir]);
    expect(r.code, r.errors + r.output).to.equal(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      cases: { id: string; status: string; reason?: string }[];
    };
    expect(report.cases[0]).to.include({ id: 'AS-9449-110', status: 'error' });
    expect(report.cases[0].reason).to.match(
      /step 2: pushed: true, and the par step before it got no usable request_uri/,
    );
    expect(as.hits.filter((h) => h.startsWith('GET /authorize'))).to.deep.equal([]);
  });
});
