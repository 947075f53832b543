import { expect } from 'chai';
import { request } from 'undici';
import { jwkThumbprint } from '../protocol/thumbprint.js';
import { publicJwk } from '../protocol/jwk.js';
import { base64url, decodeProtectedHeader } from 'jose';
import { FAULTS, type FaultName } from '../mocks/faults.js';
import { startMocks } from '../mocks/start.js';
import { deriveSkB64 } from '../protocol/derive-sk.js';
import { loadInputs } from '../base/fixed-inputs.js';
import { unwrapSk } from '../protocol/sk-unwrap.js';
import { buildProof } from '../runner/proof/build.js';
import { outcome, Probe } from './helpers/probe.js';
import { pushedCodeFlow } from './helpers/par-flow.js';

const inputs = loadInputs();
const active = inputs.shared_secrets.find((s) => s.status === 'active')!;
const retired = inputs.shared_secrets.find((s) => s.status === 'retired')!;
const P256_JKT = 'vHxqcO6d-gCtRu84hYqK-oi1OX4uZ5hwLzO3AYRLIho'; // RFC 7638 thumbprint of client-p256 (vectors/thumbprints.json)

interface FaultProbe {
  /** Mock options besides the fault. */
  options?: {
    nonce?: boolean;
    nonceRotate?: number;
    rsNodes?: number;
    behindProxy?: boolean;
    ticketTtl?: number;
    checkIssuer?: boolean;
  };
  /** The outcome a correct mock gives. */
  correct: string;
  run(p: Probe): Promise<string>;
}

/** Model B negotiation: an asymmetric request with DPoP-SK-Request, the DPoP-SK header opened with the key. */
async function negotiate(p: Probe, key: 'client-p256') {
  const token = (await p.mint({ key })).token;
  const proof = await buildProof({ key, htm: 'GET', htu: p.m.resourceUrl!, accessToken: token });
  const res = await fetch(p.m.resourceUrl!, {
    headers: { authorization: `DPoP ${token}`, dpop: proof, 'dpop-sk-request': 'HS256' },
  });
  const { sk, jwk } = await unwrapSk(String(res.headers.get('dpop-sk')), inputs.client_keys[key]);
  return { sk, ticket: jwk.kid as string | undefined };
}

/** The public client's code flow at the mock AS: /authorize (auto-approved), then the code at /token. */
async function codeFlow(p: Probe, o: { challenge: string; verifier: string; dpopJkt?: string }) {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: inputs.clients.public.client_id,
    redirect_uri: 'http://127.0.0.1:1/cb',
    code_challenge: o.challenge,
    code_challenge_method: 'S256',
    ...(o.dpopJkt ? { dpop_jkt: o.dpopJkt } : {}),
  });
  const location = (await fetch(`${p.m.asUrl}/authorize?${q}`, { redirect: 'manual' })).headers.get('location')!;
  const code = new URL(location).searchParams.get('code')!;
  return p.token({
    publicClient: true,
    form: { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:1/cb', code_verifier: o.verifier },
  });
}

/** A request whose proof goes under the field name DPOP (sent with undici: fetch would lower-case the name). */
async function underDpopInCapitals(
  url: string,
  method: string,
  headers: Record<string, string>,
  proof: string,
  body?: string,
): Promise<string> {
  const res = await request(url, { method, headers: { ...headers, DPOP: proof }, body });
  const text = await res.body.text();
  const error = (/"error":"([^"]*)"/.exec(text) ?? [])[1];
  return error ? `${res.statusCode} ${error}` : String(res.statusCode);
}

/** A request for the resource delivered to node 2 of a fleet (its address, the resource's Host), as a load balancer would. */
async function atNode2(p: Probe, token: string, proof: string): Promise<string> {
  const res = await request(p.m.nodeResourceUrls![1], {
    headers: { host: new URL(p.m.resourceUrl!).host, authorization: `DPoP ${token}`, dpop: proof },
  });
  const text = await res.body.text();
  const error = (/"error":"([^"]*)"/.exec(text) ?? [])[1];
  return error ? `${res.statusCode} ${error}` : String(res.statusCode);
}

const tokenWith = (mutation: object) => async (p: Probe) => outcome(await p.token({ mutation }));
const resourceWith = (mutation: object) => async (p: Probe) =>
  outcome(await p.resource((await p.mint()).token, { mutation }));
const skToken = (p: Probe, key: 'client-p256' | 'client-ed25519' = 'client-p256', form: Record<string, string> = {}) =>
  p.token({ key, form: { dpop_sk: 'true', ...form } });

const PROBES: Record<FaultName, FaultProbe> = {
  'as-skip-typ': { correct: '400 invalid_dpop_proof', run: tokenWith({ set_header: { typ: 'JWT' } }) },
  'as-skip-alg': { correct: '400 invalid_dpop_proof', run: tokenWith({ set_header: { alg: 'none' } }) },
  'as-skip-signature': { correct: '400 invalid_dpop_proof', run: tokenWith({ corrupt_signature: true }) },
  'as-skip-jwk-private': { correct: '400 invalid_dpop_proof', run: tokenWith({ private_jwk: true }) },
  'as-skip-claims': { correct: '400 invalid_dpop_proof', run: tokenWith({ drop_claims: ['jti'] }) },
  'as-skip-htm': { correct: '400 invalid_dpop_proof', run: tokenWith({ set_claims: { htm: 'GET' } }) },
  'as-skip-htu': {
    correct: '400 invalid_dpop_proof',
    run: tokenWith({ set_claims: { htu: 'https://elsewhere.example/token' } }),
  },
  'as-skip-iat': { correct: '400 invalid_dpop_proof', run: tokenWith({ iat_shift: -3600 }) },
  'as-skip-nonce': {
    options: { nonce: true },
    correct: '400 use_dpop_nonce',
    run: async (p) => outcome(await p.token({ retryNonce: false })),
  },
  'as-skip-replay': {
    correct: '400 invalid_dpop_proof',
    run: async (p) => {
      const first = await p.token();
      return outcome(await p.token({ proof: first.proof }));
    },
  },
  'as-allow-duplicate-dpop': {
    correct: '400 invalid_dpop_proof',
    run: async (p) => outcome(await p.token({ twoProofs: true })),
  },
  'as-accept-missing-proof': {
    correct: '400 invalid_dpop_proof',
    run: async (p) => outcome(await p.token({ noProof: true })),
  },
  'as-token-type-bearer': { correct: 'DPoP', run: async (p) => String((await p.token()).body.token_type) },
  'as-omit-cnf-jkt': {
    correct: 'bound',
    run: async (p) => (Probe.claims(await p.token()).cnf?.jkt ? 'bound' : 'unbound'),
  },
  'as-refresh-unbound': {
    correct: '400 invalid_grant',
    run: async (p) => {
      const first = await p.token({ publicClient: true });
      return outcome(
        await p.token({
          publicClient: true,
          key: 'client-p256-other',
          form: { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) },
        }),
      );
    },
  },
  'as-ignore-dpop-jkt': {
    correct: '400 invalid_grant',
    run: async (p) => {
      const other = 'pyWNcIE3sHU8jdVVEArsCwiULQSmVAw_nu7MvQzfsEg'; // jkt of client-p256-other
      const verifier = 'v'.repeat(43);
      const challenge = base64url.encode(
        new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
      );
      return outcome(await codeFlow(p, { challenge, verifier, dpopJkt: other }));
    },
  },
  'as-nonce-no-header': {
    options: { nonce: true },
    correct: 'nonce',
    run: async (p) => ((await p.token({ retryNonce: false })).headers.get('dpop-nonce') ? 'nonce' : 'none'),
  },
  'as-nonce-presence-only': {
    options: { nonce: true },
    correct: '400 use_dpop_nonce',
    run: async (p) => outcome(await p.token({ nonce: 'never-issued', retryNonce: false })),
  },
  'as-noncanonical-thumbprint': {
    correct: 'RFC 7638 jkt',
    run: async (p) => (Probe.claims(await p.token()).cnf.jkt === P256_JKT ? 'RFC 7638 jkt' : 'other jkt'),
  },
  'as-es256-only': { correct: '200', run: async (p) => outcome(await p.token({ key: 'client-p384' })) },
  'as-htu-exact-string': {
    correct: '200',
    run: async (p) =>
      outcome(await p.token({ mutation: { set_claims: { htu: p.tokenUrl.replace('http:', 'HTTP:') } } })),
  },
  'as-reject-extra-claims': {
    correct: '200',
    run: tokenWith({ set_claims: { exp: Math.floor(Date.now() / 1000) + 60 } }),
  },
  'as-skip-client-auth': {
    correct: '401 invalid_client',
    run: async (p) => outcome(await p.token({ secret: 'wrong-secret' })),
  },
  'as-skip-pkce': {
    correct: '400 invalid_grant',
    run: async (p) => outcome(await codeFlow(p, { challenge: 'x'.repeat(43), verifier: 'w'.repeat(43) })),
  },
  'as-sk-retired-version': { correct: active.version, run: async (p) => Probe.claims(await skToken(p)).cnf.sk.v },
  'as-sk-wrap-other-key': {
    correct: 'opens',
    run: async (p) =>
      unwrapSk(String((await skToken(p)).body.dpop_sk), inputs.client_keys['client-p256']).then(
        () => 'opens',
        (e) => e.reason,
      ),
  },
  'as-sk-wrong-kid': {
    correct: 'opens',
    run: async (p) =>
      unwrapSk(String((await skToken(p)).body.dpop_sk), inputs.client_keys['client-p256']).then(
        () => 'opens',
        (e) => e.reason,
      ),
  },
  'as-sk-wrong-wrap-alg': {
    correct: 'ECDH-ES',
    run: async (p) => String(decodeProtectedHeader(String((await skToken(p)).body.dpop_sk)).alg),
  },
  'as-sk-wrong-info': {
    correct: 'SK = HKDF(S_V, R)',
    run: async (p) => {
      const r = await skToken(p);
      const { sk } = await unwrapSk(String(r.body.dpop_sk), inputs.client_keys['client-p256']);
      return base64url.encode(sk) === deriveSkB64(active.secret, Probe.claims(r).cnf.sk.r)
        ? 'SK = HKDF(S_V, R)'
        : 'SK differs';
    },
  },
  'as-sk-omit-cnf-sk': {
    correct: 'cnf.sk',
    run: async (p) => (Probe.claims(await skToken(p)).cnf.sk ? 'cnf.sk' : 'none'),
  },
  'as-sk-error-for-ed25519': { correct: '200', run: async (p) => outcome(await skToken(p, 'client-ed25519')) },
  'as-sk-accept-bad-param': {
    correct: '400 invalid_request',
    run: async (p) => outcome(await p.token({ form: { dpop_sk: 'yes' } })),
  },
  'as-sk-reuse-r': {
    correct: 'fresh R',
    run: async (p) => {
      const first = await skToken(p);
      const second = await skToken(p, 'client-p256', {
        grant_type: 'refresh_token',
        refresh_token: String(first.body.refresh_token),
      });
      return Probe.claims(first).cnf.sk.r === Probe.claims(second).cnf.sk.r ? 'same R' : 'fresh R';
    },
  },
  'as-rs-secret-mismatch': {
    correct: 'SK from the S_V of cnf.sk.v',
    run: async (p) => {
      const r = await skToken(p);
      const { sk } = await unwrapSk(String(r.body.dpop_sk), inputs.client_keys['client-p256']);
      const { v, r: salt } = Probe.claims(r).cnf.sk;
      const secret = inputs.shared_secrets.find((x) => x.version === v)!.secret;
      return base64url.encode(sk) === deriveSkB64(secret, salt) ? 'SK from the S_V of cnf.sk.v' : 'another secret';
    },
  },
  'as-sk-exp-beyond-token': {
    correct: 'within',
    run: async (p) => {
      const c = Probe.claims(await skToken(p));
      return c.cnf.sk.exp <= c.exp ? 'within' : 'beyond';
    },
  },

  'rs-skip-typ': { correct: '401 invalid_dpop_proof', run: resourceWith({ set_header: { typ: 'JWT' } }) },
  'rs-skip-alg': { correct: '401 invalid_dpop_proof', run: resourceWith({ set_header: { alg: 'none' } }) },
  'rs-skip-signature': { correct: '401 invalid_dpop_proof', run: resourceWith({ corrupt_signature: true }) },
  'rs-skip-jwk-private': { correct: '401 invalid_dpop_proof', run: resourceWith({ private_jwk: true }) },
  'rs-skip-claims': { correct: '401 invalid_dpop_proof', run: resourceWith({ drop_claims: ['jti'] }) },
  'rs-skip-htm': { correct: '401 invalid_dpop_proof', run: resourceWith({ set_claims: { htm: 'POST' } }) },
  'rs-skip-htu': {
    correct: '401 invalid_dpop_proof',
    run: resourceWith({ set_claims: { htu: 'https://elsewhere.example/resource' } }),
  },
  'rs-skip-iat': { correct: '401 invalid_dpop_proof', run: resourceWith({ iat_shift: -3600 }) },
  'rs-skip-ath': { correct: '401 invalid_dpop_proof', run: resourceWith({ ath_over: 'another-token' }) },
  'rs-skip-nonce': {
    options: { nonce: true },
    correct: '401 use_dpop_nonce',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { retryNonce: false })),
  },
  'rs-skip-jkt': {
    correct: '401 invalid_dpop_proof',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { key: 'client-p256-other' })),
  },
  'rs-sk-skip-header-rules': {
    correct: '401 invalid_dpop_proof',
    run: async (p) => {
      const t = await p.mint({ sk: {} });
      return outcome(await p.resource(t.token, { sk: t.sk, mutation: { set_header: { jwk: { kty: 'EC' } } } }));
    },
  },
  'rs-skip-replay': {
    correct: '401 invalid_dpop_proof',
    run: async (p) => {
      const t = (await p.mint()).token;
      const first = await p.resource(t);
      return outcome(await p.resource(t, { proof: first.proof }));
    },
  },
  'rs-allow-duplicate-dpop': {
    correct: '401 invalid_dpop_proof',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { twoProofs: true })),
  },
  'rs-accept-bearer': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { scheme: 'Bearer', noProof: true })),
  },
  'rs-accept-missing-proof': {
    correct: '401 invalid_dpop_proof',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { noProof: true })),
  },
  'rs-skip-token-signature': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint({ signed_by: 'client-p256-other' })).token)),
  },
  'rs-skip-token-exp': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint({ expires_in: -60 })).token)),
  },
  'rs-skip-token-aud': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint({ audience: 'urn:other' })).token)),
  },
  'rs-skip-token-typ': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint({ typ: 'JWT' })).token)),
  },
  'rs-skip-token-iss': {
    options: { checkIssuer: true },
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint({ issuer: 'https://as.conformance.invalid' })).token)),
  },
  'rs-token-typ-short-form-only': {
    correct: '200',
    run: async (p) => outcome(await p.resource((await p.mint({ typ: 'application/at+jwt' })).token)),
  },
  'rs-challenge-without-error': {
    correct: 'error=',
    run: async (p) =>
      /error="/.test(
        (await p.resource((await p.mint()).token, { mutation: { corrupt_signature: true } })).headers.get(
          'www-authenticate',
        ) ?? '',
      )
        ? 'error='
        : 'no error',
  },
  'rs-challenge-without-algs': {
    correct: 'algs=',
    run: async (p) =>
      /algs="/.test(
        (await p.resource((await p.mint()).token, { mutation: { corrupt_signature: true } })).headers.get(
          'www-authenticate',
        ) ?? '',
      )
        ? 'algs='
        : 'no algs',
  },
  'rs-nonce-no-header': {
    options: { nonce: true },
    correct: 'nonce',
    run: async (p) =>
      (await p.resource((await p.mint()).token, { retryNonce: false })).headers.get('dpop-nonce') ? 'nonce' : 'none',
  },
  'rs-nonce-presence-only': {
    options: { nonce: true },
    correct: '401 use_dpop_nonce',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { nonce: 'never-issued', retryNonce: false })),
  },
  'rs-bare-401-without-credentials': {
    correct: 'challenge',
    run: async (p) => ((await fetch(p.m.resourceUrl!)).headers.get('www-authenticate') ? 'challenge' : 'none'),
  },
  'rs-dpop-proxy-authenticate': {
    correct: 'none',
    run: async (p) => ((await fetch(p.m.resourceUrl!)).headers.get('proxy-authenticate') ? 'proxy' : 'none'),
  },
  'rs-error-without-credentials': {
    correct: 'DPoP algs',
    run: async (p) =>
      String((await fetch(p.m.resourceUrl!)).headers.get('www-authenticate')).split('=')[0] === 'DPoP algs'
        ? 'DPoP algs'
        : 'with error',
  },
  'rs-accept-unbound-token': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint({ unbound: true })).token)),
  },
  'rs-noncanonical-thumbprint': { correct: '200', run: resourceWith({}) },
  'rs-es256-only': {
    correct: '200',
    run: async (p) => outcome(await p.resource((await p.mint({ key: 'client-p384' })).token, { key: 'client-p384' })),
  },
  'rs-narrow-iat-window': { correct: '200', run: resourceWith({ iat_shift: -30 }) },
  'rs-htu-with-query': {
    correct: '200',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { query: '?page=2' })),
  },
  'as-htu-query-refused': {
    correct: '200',
    run: async (p) => outcome(await p.token({ mutation: { set_claims: { htu: `${p.tokenUrl}?stance=query` } } })),
  },
  'rs-htu-query-refused': {
    correct: '200',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { htu: `${p.m.resourceUrl!}?stance=query` })),
  },
  'rs-htu-exact-string': {
    correct: '200',
    run: async (p) =>
      outcome(
        await p.resource((await p.mint()).token, {
          htu: p.m.resourceUrl!.replace('http://127.0.0.1', 'HTTP://127.0.0.1'),
        }),
      ),
  },
  'rs-scheme-case-sensitive': {
    correct: '200',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { scheme: 'dpop' })),
  },
  'rs-reject-extra-claims': {
    correct: '200',
    run: resourceWith({ set_claims: { exp: Math.floor(Date.now() / 1000) + 60 } }),
  },
  'rs-b-skip-ticket-jkt': {
    correct: '401 invalid_dpop_proof',
    run: async (p) => {
      const n = await negotiate(p, 'client-p256');
      const other = (await p.mint({ key: 'client-p256-other' })).token;
      return outcome(
        await p.resource(other, {
          key: 'client-p256-other',
          proof: await buildProof({
            htm: 'GET',
            htu: p.m.resourceUrl!,
            accessToken: other,
            symmetric: { sk: n.sk, kid: n.ticket },
          }),
        }),
      );
    },
  },
  'rs-b-wrap-other-key': {
    correct: 'opens',
    run: async (p) =>
      await negotiate(p, 'client-p256').then(
        () => 'opens',
        (e) => e.reason,
      ),
  },
  'rs-b-omit-ticket-kid': {
    correct: 'ticket',
    run: async (p) => ((await negotiate(p, 'client-p256')).ticket ? 'ticket' : 'no ticket'),
  },
  'rs-sk-accept-unknown-version': {
    correct: '401 invalid_token',
    run: async (p) => {
      const t = await p.mint({ sk: { version: inputs.unknown_version, secret_from: active.version } });
      return outcome(await p.resource(t.token, { sk: t.sk }));
    },
  },
  'rs-sk-accept-retired': {
    correct: '401 invalid_token',
    run: async (p) => {
      const t = await p.mint({ sk: { version: retired.version } });
      return outcome(await p.resource(t.token, { sk: t.sk }));
    },
  },
  'rs-sk-ignore-rotation': {
    correct: '401 invalid_token',
    run: async (p) => {
      const t = await p.mint({ sk: {} });
      p.m.config.rotation.rotate('shared-secret');
      return outcome(await p.resource(t.token, { sk: t.sk }));
    },
  },
  'as-sk-ignore-rotation': {
    correct: 'rotated-1',
    run: async (p) => {
      p.m.config.rotation.rotate('shared-secret');
      return String(Probe.claims(await skToken(p)).cnf.sk.v);
    },
  },
  'rs-b-accept-retired-ticket-key': {
    correct: '401 invalid_dpop_proof',
    run: async (p) => {
      const n = await negotiate(p, 'client-p256');
      p.m.config.rotation.rotate('ticket-key');
      const token = (await p.mint({ key: 'client-p256' })).token;
      const symmetric = { sk: n.sk, kid: n.ticket };
      return outcome(
        await p.resource(token, {
          proof: await buildProof({ htm: 'GET', htu: p.m.resourceUrl!, accessToken: token, symmetric }),
        }),
      );
    },
  },
  'rs-sk-ignore-exp': {
    correct: '401 invalid_token',
    run: async (p) => {
      const t = await p.mint({ sk: { expires_in: -1 } });
      return outcome(await p.resource(t.token, { sk: t.sk }));
    },
  },
  'rs-sk-accept-any-r-length': {
    correct: '401 invalid_token',
    run: async (p) => {
      const t = await p.mint({ sk: { r_length: 31 } });
      return outcome(await p.resource(t.token, { sk: t.sk }));
    },
  },
  'rs-sk-wrong-info': {
    correct: '200',
    run: async (p) => {
      const t = await p.mint({ sk: {} });
      return outcome(await p.resource(t.token, { sk: t.sk }));
    },
  },
  'as-malformed-proof-500': { correct: '400 invalid_dpop_proof', run: tokenWith({ raw_value: 'not-a-jwt' }) },
  'rs-malformed-proof-500': {
    correct: '401 invalid_dpop_proof',
    run: resourceWith({ part_json: { part: 'header', value: ['dpop+jwt'] } }),
  },
  'as-coerce-claim-types': { correct: '400 invalid_dpop_proof', run: tokenWith({ claim_types: { iat: 'string' } }) },
  'rs-coerce-claim-types': { correct: '401 invalid_dpop_proof', run: resourceWith({ claim_types: { jti: 'number' } }) },
  'as-ignore-crit': {
    correct: '400 invalid_dpop_proof',
    run: tokenWith({ set_header: { crit: ['urn:example:ext'], 'urn:example:ext': true } }),
  },
  'rs-ignore-crit': {
    correct: '401 invalid_dpop_proof',
    run: resourceWith({ set_header: { crit: ['urn:example:ext'], 'urn:example:ext': true } }),
  },
  'as-accept-psychic-signature': { correct: '400 invalid_dpop_proof', run: tokenWith({ zero_signature: true }) },
  'rs-accept-psychic-signature': { correct: '401 invalid_dpop_proof', run: resourceWith({ zero_signature: true }) },
  'rs-accept-psychic-token': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint({ zero_signature: true })).token)),
  },
  'as-missing-proof-bare-400': {
    correct: '400 invalid_dpop_proof',
    run: async (p) => outcome(await p.token({ noProof: true })),
  },
  'rs-accept-bearer-without-proof': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { scheme: 'Bearer', noProof: true })),
  },
  'rs-bearer-scheme-case-sensitive': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint()).token, { scheme: 'BeArEr' })),
  },
  'rs-token-error-as-proof-error': {
    correct: '401 invalid_token',
    run: async (p) => outcome(await p.resource((await p.mint({ expires_in: -60 })).token)),
  },
  'rs-replay-key-with-query': {
    correct: '401 invalid_dpop_proof',
    run: async (p) => {
      const token = (await p.mint()).token;
      const first = await p.resource(token);
      return outcome(await p.resource(token, { proof: first.proof, query: '?page=2' }));
    },
  },
  'as-jwk-as-mac-key': { correct: '400 invalid_dpop_proof', run: tokenWith({ mac_with_jwk: true }) },
  'rs-jwk-as-mac-key': { correct: '401 invalid_dpop_proof', run: resourceWith({ mac_with_jwk: true }) },
  'as-alg-from-key': { correct: '400 invalid_dpop_proof', run: tokenWith({ header_alg: 'RS256' }) },
  'rs-alg-from-key': { correct: '401 invalid_dpop_proof', run: resourceWith({ header_alg: 'RS256' }) },
  'as-nonce-only-when-present': {
    options: { nonce: true },
    correct: '400 use_dpop_nonce',
    run: async (p) => {
      await p.token();
      return outcome(await p.token({ retryNonce: false }));
    },
  },
  'rs-nonce-only-when-present': {
    options: { nonce: true },
    correct: '401 use_dpop_nonce',
    run: async (p) => {
      const token = (await p.mint()).token;
      await p.resource(token);
      return outcome(await p.resource(token, { retryNonce: false }));
    },
  },
  'as-reject-future-iat': { correct: '200', run: tokenWith({ iat_shift: 5 }) },
  'rs-reject-future-iat': { correct: '200', run: resourceWith({ iat_shift: 5 }) },
  'as-refresh-bearer-without-proof': {
    correct: '400 invalid_dpop_proof',
    run: async (p) => {
      const first = await p.token({ publicClient: true });
      const form = { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) };
      return outcome(await p.token({ publicClient: true, noProof: true, form }));
    },
  },
  'as-token-cacheable': {
    correct: '200 no-store',
    run: async (p) => {
      const r = await p.token();
      return `${outcome(r)} ${r.headers.get('cache-control')}`;
    },
  },
  'as-thumbprint-minimal-coordinates': {
    correct: 'bound to the proof key',
    run: async (p) => {
      const r = await p.token({ key: 'client-p256-leading-zero' });
      const want = await jwkThumbprint(publicJwk(inputs.client_keys['client-p256-leading-zero']));
      return Probe.claims(r).cnf?.jkt === want ? 'bound to the proof key' : `${outcome(r)}, another cnf.jkt`;
    },
  },
  'rs-thumbprint-minimal-coordinates': {
    correct: '200',
    run: async (p) => {
      const token = (await p.mint({ key: 'client-p256-leading-zero' })).token;
      return outcome(await p.resource(token, { key: 'client-p256-leading-zero' }));
    },
  },
  'as-dpop-field-name-case-sensitive': {
    correct: '200',
    run: async (p) => {
      const proof = await buildProof({ htm: 'POST', htu: p.tokenUrl });
      const basic = Buffer.from(
        `${inputs.clients.confidential.client_id}:${inputs.clients.confidential.client_secret}`,
      );
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic.toString('base64')}`,
      };
      return underDpopInCapitals(p.tokenUrl, 'POST', headers, proof, 'grant_type=client_credentials');
    },
  },
  'rs-dpop-field-name-case-sensitive': {
    correct: '200',
    run: async (p) => {
      const token = (await p.mint()).token;
      const proof = await buildProof({ htm: 'GET', htu: p.m.resourceUrl!, accessToken: token });
      return underDpopInCapitals(p.m.resourceUrl!, 'GET', { authorization: `DPoP ${token}` }, proof);
    },
  },
  'rs-per-node-replay-cache': {
    options: { rsNodes: 2 },
    correct: '401 invalid_dpop_proof',
    run: async (p) => {
      const t = (await p.mint()).token;
      return atNode2(p, t, (await p.resource(t)).proof);
    },
  },
  'rs-per-node-ticket-key': {
    options: { rsNodes: 2 },
    correct: '200',
    run: async (p) => {
      const n = await negotiate(p, 'client-p256');
      const t = (await p.mint()).token;
      const symmetric = { sk: n.sk, kid: n.ticket };
      return atNode2(p, t, await buildProof({ htm: 'GET', htu: p.m.resourceUrl!, accessToken: t, symmetric }));
    },
  },
  'rs-ignore-forwarded-headers': {
    options: { behindProxy: true },
    correct: '200',
    run: async (p) => {
      const token = (await p.mint()).token;
      const htu = 'https://api.proxy.invalid/v1/resource';
      const proof = await buildProof({ htm: 'GET', htu, accessToken: token });
      const res = await fetch(p.m.resourceUrl!, {
        headers: {
          authorization: `DPoP ${token}`,
          dpop: proof,
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'api.proxy.invalid',
          'x-forwarded-prefix': '/v1',
        },
      });
      return String(res.status);
    },
  },
  'as-metadata-algs-string': {
    correct: 'array',
    run: async (p) => {
      const doc = (await (await fetch(`${p.m.asUrl}/.well-known/oauth-authorization-server`)).json()) as Record<
        string,
        unknown
      >;
      return Array.isArray(doc.dpop_signing_alg_values_supported)
        ? 'array'
        : typeof doc.dpop_signing_alg_values_supported;
    },
  },
  'as-metadata-issuer-trailing-slash': {
    correct: 'the issuer',
    run: async (p) => {
      const doc = (await (await fetch(`${p.m.asUrl}/.well-known/oauth-authorization-server`)).json()) as {
        issuer?: string;
      };
      return doc.issuer === p.m.asUrl ? 'the issuer' : String(doc.issuer);
    },
  },
  'as-introspect-token-type-bearer': {
    correct: 'DPoP',
    run: async (p) => {
      const token = (await p.token()).body as { access_token: string };
      const res = await fetch(`${p.m.asUrl}/introspect`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${inputs.clients.confidential.client_id}:${inputs.clients.confidential.client_secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token: token.access_token }).toString(),
      });
      return String(((await res.json()) as { token_type?: string }).token_type);
    },
  },
  'as-par-ignore-dpop-jkt': {
    correct: '400 invalid_grant',
    run: (p) => pushedCodeFlow(p, { dpopJkt: 'client-p256-other', tokenKey: 'client-p256' }),
  },
  'as-par-ignore-dpop-header': {
    correct: '400 invalid_grant',
    run: (p) => pushedCodeFlow(p, { proofKey: 'client-p256', tokenKey: 'client-p256-other' }),
  },
  'as-par-accept-jkt-mismatch': {
    correct: 'PAR 400 invalid_request',
    run: (p) => pushedCodeFlow(p, { proofKey: 'client-p256', dpopJkt: 'client-p256-other' }),
  },
  'as-par-skip-proof-check': {
    correct: 'PAR 400 invalid_dpop_proof',
    run: (p) =>
      pushedCodeFlow(p, { proofKey: 'client-p256', mutation: { set_claims: { htu: 'http://127.0.0.1:1/token' } } }),
  },
  'rs-sk-dispatch-by-alg': {
    correct: '401 invalid_dpop_proof',
    run: async (p) => {
      const t = await p.mint({ sk: {} });
      return outcome(await p.resource(t.token, { sk: t.sk, mutation: { set_header: { typ: 'dpop+jwt' } } }));
    },
  },
  'rs-b-ignore-ticket-exp': {
    // The ticket lives 1 s; the symmetric proof comes after it expired (whole seconds: 2.1 s later).
    options: { ticketTtl: 1 },
    correct: '401 invalid_dpop_proof',
    run: async (p) => {
      const n = await negotiate(p, 'client-p256');
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const token = (await p.mint({ key: 'client-p256' })).token;
      const proof = await buildProof({
        htm: 'GET',
        htu: p.m.resourceUrl!,
        accessToken: token,
        symmetric: { sk: n.sk, kid: n.ticket },
      });
      return outcome(await p.resource(token, { key: 'client-p256', proof }));
    },
  },
};

describe('mock fault injection: every fault changes the outcome of a request', () => {
  it('every listed fault has a probe, and every probe a fault', () => {
    expect(Object.keys(PROBES).sort()).to.deep.equal(Object.keys(FAULTS).sort());
  });

  for (const [fault, probe] of Object.entries(PROBES) as [FaultName, FaultProbe][]) {
    it(`${fault}: ${FAULTS[fault].does}`, async () => {
      const run = async (faults: string[]) => {
        const mocks = await startMocks({ ...probe.options, faults });
        try {
          return await probe.run(new Probe(mocks));
        } finally {
          await mocks.close();
        }
      };
      const correct = await run([]);
      expect(correct, 'without the fault').to.equal(probe.correct);
      expect(await run([fault]), 'with the fault').to.not.equal(correct);
    });
  }
});
