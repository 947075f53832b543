import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { request } from 'undici';
import { clientKey } from '../base/fixed-inputs.js';
import { BoundedCache, CACHE_ENTRY_OVERHEAD } from '../mocks/bounded-cache.js';
import { resolveConfig, type MockOptions } from '../mocks/config.js';
import { buildRsServer } from '../mocks/rs/server.js';
import type { RsState } from '../mocks/rs/state.js';
import { publicJwk } from '../protocol/jwk.js';
import { unwrapSk } from '../protocol/sk-unwrap.js';
import { jwkThumbprint } from '../protocol/thumbprint.js';
import { buildProof, type Mutation, type ProofSpec } from '../runner/proof/build.js';
import { mintTestToken, type MintSpec } from '../runner/tokens/mint-test-token.js';

describe('BoundedCache (mocks/bounded-cache.ts): bounded in entries and bytes, entries expire', () => {
  it('holds at most maxEntries, dropping the least recently used', () => {
    const cache = new BoundedCache<number>({ maxEntries: 3, maxBytes: 1 << 20 });
    for (const k of ['a', 'b', 'c']) cache.set(k, 1, 2000, 0, 1000);
    expect(cache.get('a', 1000)).to.equal(1); // a is now the most recent
    cache.set('d', 1, 2000, 0, 1000);
    expect(cache.size).to.equal(3);
    expect(cache.get('b', 1000)).to.equal(undefined);
    expect(cache.get('a', 1000)).to.equal(1);
    expect(cache.evicted).to.equal(1);
  });

  it('holds at most maxBytes, counting 2 bytes a key character, the caller’s bytes and the overhead', () => {
    const per = 2 * 1 + 100 + CACHE_ENTRY_OVERHEAD;
    const cache = new BoundedCache<number>({ maxEntries: 1000, maxBytes: 4 * per + per / 2 });
    for (let i = 0; i < 10; i++) cache.set(String(i), i, 2000, 100, 1000);
    expect(cache.size).to.equal(4);
    expect(cache.bytes).to.equal(4 * per);
    expect(cache.bytes).to.be.at.most(cache.limits.maxBytes);
    // an entry bigger than the whole cache is not stored, and drops nothing
    cache.set('big', 0, 2000, 10 * per, 1000);
    expect(cache.get('big', 1000)).to.equal(undefined);
    expect(cache.size).to.equal(4);
  });

  it('forgets an entry at its expiry, and does not store one already expired', () => {
    const cache = new BoundedCache<number>({ maxEntries: 10, maxBytes: 1 << 20 });
    cache.set('a', 1, 1010, 0, 1000);
    expect(cache.get('a', 1009)).to.equal(1);
    expect(cache.get('a', 1010)).to.equal(undefined);
    expect(cache.size).to.equal(0);
    cache.set('b', 1, 1000, 0, 1000);
    expect(cache.size).to.equal(0);
    expect(cache.bytes).to.equal(0);
  });
});

/** A reference RS of its own (its state visible), on loopback port 0. */
async function rs(o: MockOptions = {}): Promise<{ url: string; state: RsState; app: FastifyInstance }> {
  const { app, state } = await buildRsServer(resolveConfig(o));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return { url: `http://127.0.0.1:${addr.port}/resource`, state, app };
}

interface Answer {
  status: number;
  error?: string;
  headers: Record<string, string | string[] | undefined>;
}

async function call(url: string, token: string, dpop: string, extra: Record<string, string> = {}): Promise<Answer> {
  const res = await request(url, { headers: { authorization: `DPoP ${token}`, dpop, ...extra } });
  const body = (await res.body.json()) as { error?: string };
  return { status: res.statusCode, error: body.error, headers: res.headers };
}

const audience = resolveConfig().audience;
const mint = (spec: MintSpec = {}) => mintTestToken(spec, { issuer: 'https://as.test', audience });

describe('mock RS caches: bounded, and a cache hit still runs every per-request check', () => {
  let server: Awaited<ReturnType<typeof rs>>;
  afterEach(async () => server?.app.close());

  it('keeps at most the configured number of tokens and proof keys, and within their bytes', async () => {
    server = await rs({
      rsCaches: { tokens: { maxEntries: 2, maxBytes: 1 << 20 }, keys: { maxEntries: 1, maxBytes: 1 << 20 } },
    });
    for (const key of ['client-p256', 'client-ed25519', 'client-p384', 'client-p256'] as const) {
      const { token } = await mint({ key });
      const dpop = await buildProof({ key, htm: 'GET', htu: server.url, accessToken: token });
      expect((await call(server.url, token, dpop)).status).to.equal(200);
    }
    const { tokens, keys } = server.state.caches;
    expect(tokens.size).to.equal(2);
    expect(keys.size).to.equal(1);
    expect(tokens.evicted).to.equal(2);
    expect(tokens.bytes).to.be.at.most(tokens.limits.maxBytes);
  });

  it('does not cache a token that failed its checks', async () => {
    server = await rs();
    const { token } = await mint({ zero_signature: true });
    const dpop = await buildProof({ htm: 'GET', htu: server.url, accessToken: token });
    expect((await call(server.url, token, dpop)).error).to.equal('invalid_token');
    expect(server.state.caches.tokens.size).to.equal(0);
  });

  /** Each per-request mutation (RFC 9449 §4.3; DPoP-SK §5 step 6) on a proof sent with a token the RS has cached. */
  const MUTATIONS: [string, Mutation][] = [
    ['htm', { set_claims: { htm: 'POST' } }],
    ['htu', { set_claims: { htu: 'https://elsewhere.example/resource' } }],
    ['iat', { iat_shift: -3600 }],
    ['ath', { ath_over: 'another-token' }],
    ['signature / MAC', { corrupt_signature: true }],
    ['required claims (jti)', { drop_claims: ['jti'] }],
  ];

  for (const kind of ['asymmetric ES256', 'DPoP-SK Model A', 'DPoP-SK Model B'] as const) {
    describe(kind, () => {
      let token: string;
      let proof: (o?: Partial<ProofSpec>) => Promise<string>;
      beforeEach(async () => {
        server = await rs({ nonce: false });
        const minted = await mint(kind === 'DPoP-SK Model A' ? { sk: {} } : {});
        token = minted.token;
        let symmetric: ProofSpec['symmetric'];
        if (kind === 'DPoP-SK Model A') symmetric = { sk: minted.sk! };
        if (kind === 'DPoP-SK Model B') {
          const dpop = await buildProof({ htm: 'GET', htu: server.url, accessToken: token });
          const first = await call(server.url, token, dpop, { 'dpop-sk-request': 'HS256' });
          const { sk, jwk } = await unwrapSk(String(first.headers['dpop-sk']), clientKey('client-p256'));
          symmetric = { sk, kid: String(jwk.kid) };
        }
        proof = (o = {}) => buildProof({ htm: 'GET', htu: server.url, accessToken: token, symmetric, ...o });
        // The first request fills the caches.
        expect((await call(server.url, token, await proof())).status).to.equal(200);
      });

      for (const [what, mutation] of MUTATIONS) {
        it(`refuses a proof with a bad ${what} on a cache hit`, async () => {
          const hits = server.state.caches.tokens.hits;
          const answer = await call(server.url, token, await proof({ mutation }));
          expect(answer.status).to.equal(401);
          expect(answer.error).to.equal('invalid_dpop_proof');
          expect(server.state.caches.tokens.hits).to.equal(hits + 1);
          // and a clean proof with the same token still passes
          expect((await call(server.url, token, await proof())).status).to.equal(200);
        });
      }

      it('refuses a replayed jti on a cache hit', async () => {
        const dpop = await proof();
        expect((await call(server.url, token, dpop)).status).to.equal(200);
        expect((await call(server.url, token, dpop)).error).to.equal('invalid_dpop_proof');
      });

      it('refuses an expired token that is still cached (exp checked on every request)', async () => {
        server.state.config.clock.offsetSeconds = 601;
        const answer = await call(server.url, token, await proof({ iat: server.state.config.clock.now() }));
        expect(answer.error).to.equal('invalid_token');
      });

      if (kind === 'DPoP-SK Model A') {
        it('refuses once cnf.sk.exp has passed although the token is still valid and cached', async () => {
          server.state.config.clock.offsetSeconds = 301;
          const answer = await call(server.url, token, await proof({ iat: server.state.config.clock.now() }));
          expect(answer.error).to.equal('invalid_token');
        });
      }
    });
  }

  it('in nonce mode, refuses a proof without the current nonce on a cache hit', async () => {
    server = await rs({ nonce: true });
    const { token, sk } = await mint({ sk: {} });
    const proof = (nonce?: string) =>
      buildProof({ htm: 'GET', htu: server.url, accessToken: token, nonce, symmetric: { sk: sk! } });
    const challenge = await call(server.url, token, await proof());
    expect(challenge.error).to.equal('use_dpop_nonce');
    const nonce = String(challenge.headers['dpop-nonce']);
    expect((await call(server.url, token, await proof(nonce))).status).to.equal(200);
    const hits = server.state.caches.tokens.hits;
    expect((await call(server.url, token, await proof('stale-nonce'))).error).to.equal('use_dpop_nonce');
    expect((await call(server.url, token, await proof())).error).to.equal('use_dpop_nonce');
    expect(server.state.caches.tokens.hits).to.equal(hits + 2);
  });
});

describe('jwkThumbprint (protocol/thumbprint.ts): the synchronous path gives jose’s bytes', () => {
  it('equals jose’s calculateJwkThumbprint for every fixed client key, with and without extra members', async () => {
    for (const name of ['client-p256', 'client-p384', 'client-rsa2048', 'client-ed25519'] as const) {
      const jwk = publicJwk(clientKey(name));
      for (const k of [jwk, { ...jwk, alg: 'x', use: 'sig', kid: 'k' }, { kty: 'oct', k: 'AAAA' }])
        expect(await jwkThumbprint(k)).to.equal(await calculateJwkThumbprint(k, 'sha256'));
    }
  });

  it('leaves a JWK jose refuses to jose, which names the fault', async () => {
    for (const bad of [{ kty: 'EC', crv: 'P-256', x: '' }, { kty: 'nope' }, { kty: 'RSA', e: 5, n: 'x' }])
      await calculateJwkThumbprint(bad as JWK).then(
        () => expect.fail('jose accepted it'),
        async (joseError: Error) =>
          await jwkThumbprint(bad as JWK).then(
            () => expect.fail('accepted'),
            (ours: Error) => expect(ours.message).to.equal(joseError.message),
          ),
      );
  });
});
