import { expect } from 'chai';
import { request } from 'undici';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { Probe } from './helpers/probe.js';

const b64json = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** The token with its protected header's members replaced by `members` (the signature no longer verifies). */
function withHeader(jws: string, members: Record<string, unknown>): string {
  const [h, ...rest] = jws.split('.');
  return [b64json({ ...JSON.parse(Buffer.from(h, 'base64url').toString()), ...members }), ...rest].join('.');
}

const basic = 'Basic ' + Buffer.from('conformance-client:conformance-secret').toString('base64');
const form = 'application/x-www-form-urlencoded';

describe('mocks answer malformed input with 4xx and an error code, never 5xx', () => {
  let m: RunningMocks;
  let token: string;
  before(async () => {
    m = await startMocks();
    token = (await new Probe(m).mint()).token;
  });
  after(() => m.close());

  const cases: [
    string,
    () => { url: string; method: 'GET' | 'POST'; headers: Record<string, string | string[]>; body?: string },
    number,
    string,
  ][] = [
    [
      'token: JSON body',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basic },
        body: '{"grant_type":',
      }),
      400,
      'invalid_request',
    ],
    [
      'token: text body',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: basic },
        body: 'hello',
      }),
      400,
      'invalid_request',
    ],
    [
      'token: no grant_type',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic },
        body: 'a=b',
      }),
      400,
      'invalid_request',
    ],
    [
      'token: repeated parameter',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic },
        body: 'grant_type=a&grant_type=b',
      }),
      400,
      'invalid_request',
    ],
    [
      'token: unknown grant',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic },
        body: 'grant_type=password',
      }),
      400,
      'unsupported_grant_type',
    ],
    [
      'token: grant_type __proto__ (an inherited name, not a grant; the fuzzer found __proto__ a 500)',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic },
        body: 'grant_type=__proto__',
      }),
      400,
      'unsupported_grant_type',
    ],
    [
      'token: grant_type constructor (an inherited name, not a grant; the fuzzer found __proto__ a 500)',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic },
        body: 'grant_type=constructor',
      }),
      400,
      'unsupported_grant_type',
    ],
    [
      'token: grant_type toString (an inherited name, not a grant; the fuzzer found __proto__ a 500)',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic },
        body: 'grant_type=toString',
      }),
      400,
      'unsupported_grant_type',
    ],
    [
      'token: garbage Basic credentials',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: 'Basic %%%' },
        body: 'grant_type=client_credentials',
      }),
      401,
      'invalid_client',
    ],
    [
      'token: Basic credentials with a broken percent-encoding',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: `Basic ${Buffer.from('a%zz:b%').toString('base64')}` },
        body: 'grant_type=client_credentials',
      }),
      401,
      'invalid_client',
    ],
    [
      'resource: Authorization with three words',
      () => ({ url: m.resourceUrl!, method: 'GET', headers: { authorization: 'DPoP a b', dpop: 'x' } }),
      401,
      'invalid_token',
    ],
    [
      'token: DPoP header not a JWT',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic, dpop: 'garbage' },
        body: 'grant_type=client_credentials',
      }),
      400,
      'invalid_dpop_proof',
    ],
    [
      'token: DPoP header with bad base64',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic, dpop: '!!!.@@@.###' },
        body: 'grant_type=client_credentials',
      }),
      400,
      'invalid_dpop_proof',
    ],
    [
      'token: DPoP header JSON is an array',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: {
          'content-type': form,
          authorization: basic,
          dpop: `${Buffer.from('[]').toString('base64url')}.${Buffer.from('[]').toString('base64url')}.c2ln`,
        },
        body: 'grant_type=client_credentials',
      }),
      400,
      'invalid_dpop_proof',
    ],
    [
      'token: 20 kB DPoP header',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic, dpop: 'a'.repeat(20_000) },
        body: 'grant_type=client_credentials',
      }),
      400,
      'invalid_dpop_proof',
    ],
    [
      'token: two DPoP header fields',
      () => ({
        url: `${m.asUrl}/token`,
        method: 'POST',
        headers: { 'content-type': form, authorization: basic, dpop: ['a.b.c', 'd.e.f'] },
        body: 'grant_type=client_credentials',
      }),
      400,
      'invalid_dpop_proof',
    ],
    [
      'authorize: no client',
      () => ({ url: `${m.asUrl}/authorize?response_type=code`, method: 'GET', headers: {} }),
      400,
      'invalid_request',
    ],
    [
      'resource: token not a JWT',
      () => ({ url: m.resourceUrl!, method: 'GET', headers: { authorization: 'DPoP not-a-jwt', dpop: 'x' } }),
      401,
      'invalid_token',
    ],
    [
      'resource: token JWT with garbage segments',
      () => ({ url: m.resourceUrl!, method: 'GET', headers: { authorization: 'DPoP eyJ.eyJ.sig', dpop: 'x' } }),
      401,
      'invalid_token',
    ],
    [
      'resource: proof not a JWT',
      () => ({ url: m.resourceUrl!, method: 'GET', headers: { authorization: `DPoP ${token}`, dpop: 'garbage' } }),
      401,
      'invalid_dpop_proof',
    ],
    [
      'resource: 20 kB DPoP header',
      () => ({
        url: m.resourceUrl!,
        method: 'GET',
        headers: { authorization: `DPoP ${token}`, dpop: 'a'.repeat(20_000) },
      }),
      401,
      'invalid_dpop_proof',
    ],
    [
      'resource: an access token whose typ is an object with a "toString" member (the fuzzer found it a 500)',
      () => ({
        url: m.resourceUrl!,
        method: 'GET',
        headers: { authorization: `DPoP ${withHeader(token, { typ: { toString: 'apply' } })}`, dpop: 'x.y.z' },
      }),
      401,
      'invalid_token',
    ],
    [
      'resource: an access token whose alg is an object with a "toString" member',
      () => ({
        url: m.resourceUrl!,
        method: 'GET',
        headers: { authorization: `DPoP ${withHeader(token, { alg: { toString: 'x' } })}`, dpop: 'x.y.z' },
      }),
      401,
      'invalid_token',
    ],
    [
      'resource: a proof whose jwk kty is an object with a "toString" member',
      () => ({
        url: m.resourceUrl!,
        method: 'GET',
        headers: {
          authorization: `DPoP ${token}`,
          dpop: `${b64json({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: { toString: 'x' }, crv: 'P-256' } })}.${b64json({ htm: 'GET' })}.c2ln`,
        },
      }),
      401,
      'invalid_dpop_proof',
    ],
    [
      'resource: POST with a JSON body that does not parse',
      () => ({
        url: m.resourceUrl!,
        method: 'POST',
        headers: { authorization: `DPoP ${token}`, 'content-type': 'application/json' },
        body: '{',
      }),
      400,
      'invalid_request',
    ],
  ];

  for (const [name, make, status, error] of cases) {
    it(`${name} → ${status} ${error}`, async () => {
      const { url, ...opts } = make();
      const res = await request(url, opts);
      const body = (await res.body.json()) as { error?: string };
      expect(res.statusCode).to.equal(status);
      expect(body.error).to.equal(error);
    });
  }

  it('a request that is not a form is named by the endpoint it went to (token, introspection, PAR)', async () => {
    for (const [path, what] of [
      ['token', 'the token request'],
      ['introspect', 'the introspection request'],
      ['par', 'the pushed authorization request'],
    ]) {
      const res = await fetch(`${m.asUrl}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: basic },
        body: 'token=x',
      });
      expect(res.status, path).to.equal(400);
      expect(await res.json(), path).to.deep.equal({
        error: 'invalid_request',
        error_description: `${what} must be application/x-www-form-urlencoded`,
      });
    }
  });

  it('the servers still answer normally after all of that', async () => {
    const p = new Probe(m);
    expect((await p.token()).status).to.equal(200);
    expect((await p.resource(token)).status).to.equal(200);
  });
});

describe('replay cache bounds (mocks/replay-cache.ts)', () => {
  it('evicts by time, holds at most maxEntries, and refuses rather than forgets when full', async () => {
    const { ReplayCache } = await import('../mocks/replay-cache.js');
    const cache = new ReplayCache(10, { maxEntries: 3 });
    expect(cache.add('a', 100)).to.equal('added');
    expect(cache.add('a', 105)).to.equal('replayed');
    expect(cache.add('a', 111)).to.equal('added');
    expect(['b', 'c', 'd'].map((k) => cache.add(k, 112))).to.deep.equal(['added', 'added', 'full']);
    expect(cache.size).to.equal(3);
    expect(cache.add('a', 112)).to.equal('replayed');
    expect(cache.add('x', 200)).to.equal('added');
    expect(cache.size).to.equal(1);
  });
});
