/**
 * The fuzzed input families: for each, a fast-check arbitrary of plain-data specs, how a
 * spec becomes one HTTP request to the mock AS or RS, and which answers are right.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { JWK } from 'jose';
import { clientKey, loadInputs } from '../../base/fixed-inputs.js';
import { accessTokenHash } from '../../protocol/ath.js';
import { publicJwk } from '../../protocol/jwk.js';
import {
  applyOps,
  b64u,
  big,
  buildJws,
  headerSafe,
  hmacSigner,
  jsonOpsArb,
  jwsMutationArb,
  NO_MUTATION,
  signerFor,
  stringify,
  weirdValue,
  type Json,
  type JsonOp,
  type JwsMutation,
} from './mutate.js';

/** One mock pair under fuzz, with what a valid request needs. */
export interface Pair {
  asUrl: string;
  resourceUrl: string;
  nonce: boolean;
  /** The AS's or the RS's current nonce in nonce mode, else undefined. */
  currentNonce(server: 'as' | 'rs'): string | undefined;
  /** An access token bound to client-p256 (no cnf.sk), its claims, and one with cnf.sk with its SK. */
  token: string;
  tokenClaims: Record<string, Json>;
  skToken: string;
  skTokenClaims: Record<string, Json>;
  sk: Uint8Array;
  /** A Model B ticket for `token`'s key, and its SK. */
  ticket: string;
  ticketSk: Uint8Array;
}

export interface FuzzRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: [string, string][];
  body?: string;
}

export type Endpoint = 'token' | 'resource' | 'authorize';

export interface Family<S> {
  name: string;
  /** What it is, for docs/robustness.md. */
  what: string;
  endpoint: Endpoint;
  /** Requests of this family per npm test run. */
  count: number;
  /** Specs, each for the plain or the nonce-mode pair. */
  arb: fc.Arbitrary<S & { nonceMode: boolean }>;
  build(s: S, p: Pair): FuzzRequest;
  /** The error codes right for this family (besides use_dpop_nonce in nonce mode). */
  errors: readonly string[];
  /** Whether a request of this family can be valid (a 200, or a 302 with a code). */
  mayPass: boolean;
}

const inputs = loadInputs();
const P256 = clientKey('client-p256');
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const VALID_BASIC = basic(inputs.clients.confidential.client_id, inputs.clients.confidential.client_secret);
const FORM = 'application/x-www-form-urlencoded';
const now = () => Math.floor(Date.now() / 1000);
const jti = () => b64u(randomBytes(12));

const withMode = <S extends object>(arb: fc.Arbitrary<S>) =>
  fc
    .tuple(arb, fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }))
    .map(([s, nonceMode]) => ({ ...s, nonceMode }));

/** Proof keys with their JOSE alg (a valid proof can use any; the RS tokens are bound to client-p256). */
const KEYS: Record<string, { alg: string; jwk: JWK }> = {
  'client-p256': { alg: 'ES256', jwk: P256 },
  'client-p384': { alg: 'ES384', jwk: clientKey('client-p384') },
  'client-rsa2048': { alg: 'RS256', jwk: clientKey('client-rsa2048') },
  'client-ed25519': { alg: 'EdDSA', jwk: clientKey('client-ed25519') },
};
const signers = Object.fromEntries(Object.entries(KEYS).map(([k, v]) => [k, signerFor(v.jwk)]));
const asSigner = signerFor(inputs.as_signing_key);

const PROOF_HEADER_PATHS = [
  ['typ'],
  ['alg'],
  ['jwk'],
  ['jwk', 'kty'],
  ['jwk', 'crv'],
  ['jwk', 'x'],
  ['jwk', 'y'],
  ['jwk', 'd'],
  ['jwk', 'n'],
  ['jwk', 'e'],
  ['kid'],
  ['crit'],
  ['b64'],
  ['jku'],
  ['x5c'],
  ['zip'],
];
const PROOF_PAYLOAD_PATHS = [['jti'], ['htm'], ['htu'], ['iat'], ['ath'], ['nonce'], ['exp'], ['nbf'], ['cnf']];

/** JWK-shaped values for the jwk header: other keys, private ones, broken points, wrong types. */
const jwkValues = fc.constantFrom<Json>(
  publicJwk(clientKey('client-rsa2048')) as Json,
  publicJwk(clientKey('client-ed25519')) as Json,
  publicJwk(clientKey('client-p384')) as Json,
  structuredClone(P256) as Json,
  { kty: 'oct', k: 'AAAA' },
  { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' },
  { kty: 'EC', crv: 'P-256', x: P256.x!, y: P256.x! },
  { kty: 'EC', crv: 'secp256k1', x: P256.x!, y: P256.y! },
  { kty: 'RSA', n: 'AQAB', e: 'AQAB' },
  { kty: 'RSA', n: big(4000), e: 'AQAB' },
  { kty: 'OKP', crv: 'X25519', x: 'AAAA' },
  { kty: 'OKP', crv: 'Ed448', x: 'AAAA' },
  { kty: 'EC', crv: 'P-256', x: 1, y: [] },
);

function proofMutationArb(urls: string[]) {
  const nearMiss = urls.flatMap((u) => [
    u,
    `${u}?q=1`,
    `${u}#f`,
    `${u}/`,
    u.toUpperCase(),
    u.replace('http:', 'https:'),
  ]);
  return jwsMutationArb({
    headerPaths: PROOF_HEADER_PATHS,
    payloadPaths: PROOF_PAYLOAD_PATHS,
    headerValues: fc.oneof(weirdValue(), jwkValues),
    payloadValues: fc.oneof(
      weirdValue(nearMiss),
      fc.integer({ min: -10_000, max: 10_000 }).map((d) => now() + d),
    ),
  });
}

interface ProofSpec {
  key: string;
  m: JwsMutation;
}

/** An asymmetric proof for the request, with the mutation. */
function asymmetricProof(s: ProofSpec, p: Pair, htm: string, htu: string, token?: string): string {
  const { alg, jwk } = KEYS[s.key];
  const payload: Record<string, Json> = { jti: jti(), htm, htu, iat: now() };
  if (token) payload.ath = accessTokenHash(token);
  const nonce = p.currentNonce(token === undefined ? 'as' : 'rs');
  if (nonce) payload.nonce = nonce;
  return buildJws({ typ: 'dpop+jwt', alg, jwk: publicJwk(jwk) }, payload, s.m, signers[s.key]);
}

/** A valid DPoP-SK proof for a resource request, under `sk`, optionally with a kid. */
function skProofFor(p: Pair, sk: Uint8Array, token: string, kid?: Json, m = NO_MUTATION): string {
  const payload: Record<string, Json> = {
    jti: jti(),
    htm: 'GET',
    htu: p.resourceUrl,
    iat: now(),
    ath: accessTokenHash(token),
  };
  const nonce = p.currentNonce('rs');
  if (nonce) payload.nonce = nonce;
  const header: Record<string, Json> = { typ: 'dpop-sk+jwt', alg: 'HS256' };
  if (kid !== undefined) header.kid = kid;
  return buildJws(header, payload, m, hmacSigner(sk));
}

/** A form or query value; long ones as a length, so that specs stay short to print. */
type Value = string | { repeat: number };
const expand = (v: Value) => (typeof v === 'string' ? v : 'a'.repeat(v.repeat));

const keyArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('client-p256') },
  { weight: 1, arbitrary: fc.constantFrom('client-p384', 'client-rsa2048', 'client-ed25519') },
);

const tokenRequest = (p: Pair, dpop: string[], body = 'grant_type=client_credentials'): FuzzRequest => ({
  url: `${p.asUrl}/token`,
  method: 'POST',
  headers: [['content-type', FORM], ['authorization', VALID_BASIC], ...dpop.map((d): [string, string] => ['dpop', d])],
  body,
});

const resourceRequest = (p: Pair, authorization: string | undefined, dpop: string[]): FuzzRequest => ({
  url: p.resourceUrl,
  method: 'GET',
  headers: [
    ...(authorization === undefined ? [] : [['authorization', authorization] as [string, string]]),
    ...dpop.map((d): [string, string] => ['dpop', d]),
  ],
});

/** Random DPoP header text: arbitrary characters, dotted base64url, JSON-ish, oversized; one to three fields. */
const dpopTextArb = fc.array(
  fc.oneof(
    fc.string({ maxLength: 64, unit: 'binary' }).map(headerSafe),
    fc.array(fc.base64String({ maxLength: 40 }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
    fc.constantFrom('', ' ', '.', '..', 'eyJ.eyJ.', 'e30.e30.', 'e30.e30.e30', 'bnVsbA.bnVsbA.AA', 'W10.W10.W10'),
    fc.integer({ min: 8000, max: 9000 }).map((n) => `e30.${'A'.repeat(n)}.x`),
  ),
  { minLength: 1, maxLength: 3 },
);

export function families(urls: { token: string; resource: string }): Family<any>[] {
  const tokenProof = proofMutationArb([urls.token]);
  const resourceProof = proofMutationArb([urls.resource]);

  const dpopText = (endpoint: 'token' | 'resource', count: number): Family<{ values: string[] }> => ({
    name: `dpop-header-text/${endpoint}`,
    what: 'random DPoP header text (any characters, dotted base64url, JSON-like, 8-9 KB), one to three fields',
    endpoint,
    count,
    arb: withMode(fc.record({ values: dpopTextArb })),
    build: (s, p) =>
      endpoint === 'token' ? tokenRequest(p, s.values) : resourceRequest(p, `DPoP ${p.token}`, s.values),
    errors: ['invalid_dpop_proof'],
    mayPass: false,
  });

  const proofJws = (endpoint: 'token' | 'resource', count: number): Family<ProofSpec> => ({
    name: `proof-jws/${endpoint}`,
    what: 'an asymmetric DPoP proof with its header and claims mutated (deleted, wrong types, huge or deeply nested values, other or broken keys), re-signed or not, re-serialised (not JSON, BOM, duplicate members, bad base64url, wrong part count)',
    endpoint,
    count,
    arb: withMode(fc.record({ key: keyArb, m: endpoint === 'token' ? tokenProof : resourceProof })),
    build: (s, p) =>
      endpoint === 'token'
        ? tokenRequest(p, [asymmetricProof(s, p, 'POST', `${p.asUrl}/token`)])
        : resourceRequest(p, `DPoP ${p.token}`, [asymmetricProof(s, p, 'GET', p.resourceUrl, p.token)]),
    errors: ['invalid_dpop_proof'],
    mayPass: true,
  });

  const skProof: Family<{ m: JwsMutation }> = {
    name: 'sk-proof-jws/resource',
    what: 'a DPoP-SK Model A proof (HS256 under the SK of the token’s cnf.sk) with the same mutations, re-MACed or not',
    endpoint: 'resource',
    count: 800,
    arb: withMode(fc.record({ m: resourceProof })),
    build: (s, p) => {
      return resourceRequest(p, `DPoP ${p.skToken}`, [skProofFor(p, p.sk, p.skToken, undefined, s.m)]);
    },
    errors: ['invalid_dpop_proof', 'invalid_token'],
    mayPass: true,
  };

  const TOKEN_HEADER_PATHS = [['alg'], ['typ'], ['kid'], ['jwk'], ['crit'], ['b64']];
  const TOKEN_PAYLOAD_PATHS = [
    ['iss'],
    ['aud'],
    ['exp'],
    ['nbf'],
    ['iat'],
    ['sub'],
    ['client_id'],
    ['cnf'],
    ['cnf', 'jkt'],
    ['cnf', 'sk'],
    ['cnf', 'sk', 'v'],
    ['cnf', 'sk', 'r'],
    ['cnf', 'sk', 'exp'],
    ['scope'],
  ];
  const accessToken: Family<{ m: JwsMutation; symmetric: boolean }> = {
    name: 'access-token-jws/resource',
    what: 'an access token with its header and claims mutated (iss, aud, exp, nbf, cnf.jkt, cnf.sk and its members, typ, alg, kid), signed by the test AS key or not, presented with a valid proof (asymmetric, or Model A under the token’s own SK)',
    endpoint: 'resource',
    count: 1200,
    arb: withMode(
      fc.record({
        m: jwsMutationArb({
          headerPaths: TOKEN_HEADER_PATHS,
          payloadPaths: TOKEN_PAYLOAD_PATHS,
          headerValues: weirdValue([inputs.as_signing_key.kid, 'ES256', 'at+jwt']),
          payloadValues: fc.oneof(
            weirdValue([inputs.audience, '2026-11', '2026-10', 'x'.repeat(43)]),
            fc.integer({ min: -100_000, max: 100_000 }).map((d) => now() + d),
          ),
        }),
        symmetric: fc.boolean(),
      }),
    ),
    build: (s, p) => {
      const claims = s.symmetric ? p.skTokenClaims : p.tokenClaims;
      const header = { alg: 'ES256', typ: 'at+jwt', kid: inputs.as_signing_key.kid };
      const token = buildJws(header, { ...claims, jti: jti() }, s.m, asSigner);
      const proof = s.symmetric
        ? skProofFor(p, p.sk, token)
        : asymmetricProof({ key: 'client-p256', m: NO_MUTATION }, p, 'GET', p.resourceUrl, token);
      return resourceRequest(p, `DPoP ${token}`, [proof]);
    },
    errors: ['invalid_token', 'invalid_dpop_proof'],
    mayPass: true,
  };

  const JWE_HEADER_PATHS = [
    ['alg'],
    ['enc'],
    ['zip'],
    ['kid'],
    ['p2c'],
    ['p2s'],
    ['epk'],
    ['crit'],
    ['cty'],
    ['iv'],
    ['tag'],
  ];
  type TicketForm = 'keep' | 'header' | 'flip' | 'segment' | 'parts' | 'text' | 'not-string';
  const ticket: Family<{ form: TicketForm; ops: JsonOp[]; part: number; noise: string; other: Json; count: number }> = {
    name: 'ticket-jwe/resource',
    what: 'a DPoP-SK Model B proof whose kid (the RS’s ticket, a compact JWE) is mutated: protected header members (alg, enc, zip, p2c, epk, crit…), a flipped character or a replaced segment, too few or many parts, random text, a kid that is not a string',
    endpoint: 'resource',
    count: 800,
    arb: withMode(
      fc.record({
        form: fc.constantFrom<TicketForm>(
          'keep',
          'header',
          'header',
          'flip',
          'flip',
          'segment',
          'parts',
          'text',
          'not-string',
        ),
        ops: jsonOpsArb(JWE_HEADER_PATHS, weirdValue(['dir', 'A256GCM', 'A128GCM', 'PBES2-HS256+A128KW', 'DEF'])),
        part: fc.integer({ min: 0, max: 4 }),
        noise: fc.string({ maxLength: 60 }).map(headerSafe),
        other: weirdValue(),
        count: fc.integer({ min: 1, max: 7 }),
      }),
    ),
    build: (s, p) => {
      const parts = p.ticket.split('.');
      let kid: Json = p.ticket;
      switch (s.form) {
        case 'keep':
          break;
        case 'header': {
          const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString()) as Record<string, Json>;
          kid = [b64u(stringify(applyOps(header, s.ops))), ...parts.slice(1)].join('.');
          break;
        }
        case 'flip': {
          const seg = parts[s.part] || 'A';
          const i = s.noise.length % seg.length;
          parts[s.part] = seg.slice(0, i) + (seg[i] === 'A' ? 'B' : 'A') + seg.slice(i + 1);
          kid = parts.join('.');
          break;
        }
        case 'segment':
          parts[s.part] = b64u(s.noise);
          kid = parts.join('.');
          break;
        case 'parts':
          kid = Array.from({ length: s.count }, (_, i) => parts[i % 5]).join('.');
          break;
        case 'text':
          kid = s.noise;
          break;
        case 'not-string':
          kid = s.other;
          break;
      }
      return resourceRequest(p, `DPoP ${p.token}`, [skProofFor(p, p.ticketSk, p.token, kid)]);
    },
    errors: ['invalid_dpop_proof'],
    mayPass: true,
  };

  const SCHEMES = ['DPoP', 'dpop', 'DPOP', 'Bearer', 'bearer', 'Basic', 'Digest', 'DPoP,', '', 'Bearer DPoP'];
  const authorizationRs: Family<{ scheme: string; sep: string; cred: string; extra: string }> = {
    name: 'authorization-header/resource',
    what: 'the Authorization header at the RS: schemes in any case or unknown, separators (none, several spaces, tab, comma), credentials that are the token, a changed token, empty, not token68, or followed by more words',
    endpoint: 'resource',
    count: 1000,
    arb: withMode(
      fc.record({
        scheme: fc.oneof(fc.constantFrom(...SCHEMES), fc.string({ maxLength: 10 }).map(headerSafe)),
        sep: fc.constantFrom(' ', '  ', '\t', '', ',', ' , '),
        cred: fc.constantFrom(
          'token',
          'token',
          'token-flipped',
          'token=',
          'empty',
          'noise',
          'token-quoted',
          'sk-token',
        ),
        extra: fc.oneof(
          { weight: 3, arbitrary: fc.constant('') },
          { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(headerSafe) },
        ),
      }),
    ),
    build: (s, p) => {
      const t = p.token;
      const cred = {
        token: t,
        'token-flipped': `${t.slice(0, 30)}${t[30] === 'A' ? 'B' : 'A'}${t.slice(31)}`,
        'token=': `${t}=`,
        empty: '',
        noise: s.extra || 'a b',
        'token-quoted': `"${t}"`,
        'sk-token': p.skToken,
      }[s.cred]!;
      const proof = asymmetricProof({ key: 'client-p256', m: NO_MUTATION }, p, 'GET', p.resourceUrl, cred);
      const value = `${s.scheme}${s.sep}${cred}${s.extra && s.cred !== 'noise' ? ` ${s.extra}` : ''}`;
      return resourceRequest(p, value, [proof]);
    },
    // "unauthorized": no DPoP or Bearer credentials at all, a challenge without error (RFC 6750 §3.1).
    errors: ['invalid_token', 'invalid_dpop_proof', 'unauthorized'],
    mayPass: true,
  };

  const ids = [inputs.clients.confidential.client_id, inputs.clients.public.client_id, 'nobody', ''];
  const secrets = [inputs.clients.confidential.client_secret, 'wrong', '', '%zz', '%41'];
  const authorizationAs: Family<{
    form: 'basic' | 'raw' | 'b64' | 'none';
    id: string;
    secret: string;
    noise: string;
    post: string;
  }> = {
    name: 'authorization-header/token',
    what: 'client authentication at the token endpoint: Basic with known, unknown, empty or badly percent-encoded ids and secrets, Basic that is not base64 or has no colon, other schemes, none; client_id/client_secret also in the form',
    endpoint: 'token',
    count: 400,
    arb: withMode(
      fc.record({
        form: fc.constantFrom<'basic' | 'raw' | 'b64' | 'none'>('basic', 'basic', 'raw', 'b64', 'none'),
        id: fc.constantFrom(...ids),
        secret: fc.constantFrom(...secrets),
        noise: fc.string({ maxLength: 30 }).map(headerSafe),
        post: fc.constantFrom(
          '',
          '&client_id=conformance-public',
          '&client_id=conformance-client',
          '&client_secret=x',
          '&client_id=conformance-client&client_secret=conformance-secret',
        ),
      }),
    ),
    build: (s, p) => {
      const dpop = asymmetricProof({ key: 'client-p256', m: NO_MUTATION }, p, 'POST', `${p.asUrl}/token`);
      const auth = {
        basic: basic(s.id, s.secret),
        raw: `Basic ${s.noise}`,
        b64: `Basic ${Buffer.from(s.noise).toString('base64')}`,
        none: undefined,
      }[s.form];
      const headers: [string, string][] = [
        ['content-type', FORM],
        ['dpop', dpop],
      ];
      if (auth) headers.push(['authorization', auth]);
      return { url: `${p.asUrl}/token`, method: 'POST', headers, body: `grant_type=client_credentials${s.post}` };
    },
    errors: ['invalid_client', 'invalid_request'],
    mayPass: true,
  };

  const PARAMS = [
    'grant_type',
    'code',
    'refresh_token',
    'scope',
    'dpop_sk',
    'client_id',
    'redirect_uri',
    'code_verifier',
    'x',
  ];
  const paramValue = fc.oneof(
    fc.constantFrom(
      'client_credentials',
      'refresh_token',
      'authorization_code',
      'password',
      'true',
      'false',
      'read write',
      'a"b',
      '',
    ),
    fc.string({ maxLength: 20 }),
    fc.constantFrom(256, 1025, 20_000).map((n) => ({ repeat: n })),
  );
  const CONTENT_TYPES = [
    FORM,
    FORM,
    FORM,
    `${FORM}; charset=utf-8`,
    'APPLICATION/X-WWW-FORM-URLENCODED',
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=x',
    '',
  ];
  const tokenForm: Family<{ pairs: [string, Value][]; raw: string; useRaw: boolean; type: string }> = {
    name: 'form-body/token',
    what: 'the token request body: random parameter sets over the grant vocabulary (repeated, empty, 20 KB values, bad scopes, unknown grants), raw bodies with broken percent-encoding, other media types',
    endpoint: 'token',
    count: 900,
    arb: withMode(
      fc.record({
        pairs: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ maxLength: 6 })), paramValue), {
          maxLength: 6,
        }),
        raw: fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.constantFrom(
            '%',
            '%zz=1',
            'grant_type=%E0%A4%A',
            '&&&==&',
            'a=%00',
            '{"grant_type":"client_credentials"}',
          ),
        ),
        useRaw: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        type: fc.constantFrom(...CONTENT_TYPES),
      }),
    ),
    build: (s, p) => {
      const dpop = asymmetricProof({ key: 'client-p256', m: NO_MUTATION }, p, 'POST', `${p.asUrl}/token`);
      const body = s.useRaw ? s.raw : new URLSearchParams(s.pairs.map(([k, v]) => [k, expand(v)])).toString();
      const headers: [string, string][] = [
        ['authorization', VALID_BASIC],
        ['dpop', dpop],
      ];
      if (s.type) headers.push(['content-type', s.type]);
      return { url: `${p.asUrl}/token`, method: 'POST', headers, body };
    },
    errors: ['invalid_request', 'invalid_grant', 'unsupported_grant_type', 'invalid_scope', 'invalid_client'],
    mayPass: true,
  };

  const AUTHZ_PARAMS = [
    'response_type',
    'client_id',
    'redirect_uri',
    'code_challenge',
    'code_challenge_method',
    'dpop_jkt',
    'scope',
    'state',
  ];
  const authzValue = fc.oneof(
    fc.constantFrom(
      'code',
      'token',
      'conformance-public',
      'conformance-client',
      'http://127.0.0.1/cb',
      'https://c.example/cb?x=1',
      'javascript:alert(1)',
      'S256',
      'plain',
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      'read',
    ),
    fc.string({ maxLength: 20 }),
    fc.constantFrom(43, 1025, 3000, 20_000).map((n) => ({ repeat: n })),
  );
  const authorize: Family<{ pairs: [string, Value][]; raw: string; useRaw: boolean }> = {
    name: 'query/authorize',
    what: 'the authorization request query: random parameter sets over its vocabulary (missing, repeated, unknown clients, non-http redirect URIs, plain PKCE, bad dpop_jkt, oversized scope, challenge and redirect_uri), raw query text',
    endpoint: 'authorize',
    count: 600,
    arb: withMode(
      fc.record({
        pairs: fc.array(
          fc.tuple(
            fc.oneof(
              { weight: 5, arbitrary: fc.constantFrom(...AUTHZ_PARAMS) },
              { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
            ),
            authzValue,
          ),
          { maxLength: 9 },
        ),
        raw: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('%', '%zz', 'client_id=%E0%A4%A', '&&==')),
        useRaw: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      }),
    ),
    build: (s, p) => {
      const base: [string, string][] = [
        ['response_type', 'code'],
        ['client_id', 'conformance-public'],
        ['redirect_uri', 'http://127.0.0.1/cb'],
        ['code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
        ['code_challenge_method', 'S256'],
      ];
      // Half the time start from a valid request and change some of it.
      const params = new URLSearchParams(s.pairs.length % 2 ? base : []);
      for (const [k, v] of s.pairs) params.set(k, expand(v));
      const query = s.useRaw ? encodeURI(s.raw).replace(/#/g, '%23') : params.toString();
      return { url: `${p.asUrl}/authorize?${query}`, method: 'GET', headers: [] };
    },
    errors: ['invalid_request', 'unsupported_response_type', 'invalid_scope'],
    mayPass: true,
  };

  return [
    dpopText('token', 1000),
    dpopText('resource', 1000),
    proofJws('token', 1100),
    proofJws('resource', 1300),
    skProof,
    accessToken,
    ticket,
    authorizationRs,
    authorizationAs,
    tokenForm,
    authorize,
  ];
}
