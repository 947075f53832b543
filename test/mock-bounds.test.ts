import { expect } from 'chai';
import { request } from 'undici';
import { buildAsServer } from '../mocks/as/server.js';
import {
  ExpiringStore,
  MAX_REDIRECT_URI_LENGTH,
  MAX_SCOPE_LENGTH,
  MAX_STATE_LENGTH,
  STORE_ENTRY_OVERHEAD,
  type RefreshGrant,
} from '../mocks/as/stores.js';
import { resolveConfig, type MockOptions } from '../mocks/config.js';
import { MAX_JTI_LENGTH, REPLAY_ENTRY_BYTES, ReplayCache } from '../mocks/replay-cache.js';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { buildProof } from '../runner/proof/build.js';
import { Probe } from './helpers/probe.js';

describe('replay cache: bounded, and never forgets a live jti (mocks/replay-cache.ts)', () => {
  it('holds at most maxBytes, counting REPLAY_ENTRY_BYTES an entry whatever the jti length', () => {
    const perEntry = REPLAY_ENTRY_BYTES;
    const cache = new ReplayCache(120, { maxEntries: 1000, maxBytes: 10 * perEntry + perEntry / 2 });
    const jti = (i: number) => `${i}-`.padEnd(MAX_JTI_LENGTH, 'x');
    const verdicts = Array.from({ length: 12 }, (_, i) => cache.add(jti(i), 1000));
    expect(verdicts.filter((v) => v === 'added')).to.have.length(10);
    expect(verdicts.slice(10)).to.deep.equal(['full', 'full']);
    expect(cache.bytes).to.equal(10 * perEntry);
    expect(cache.refusedFull).to.equal(2);
    // Full, yet every recorded jti is still refused as a replay, to its last second.
    for (let i = 0; i < 10; i++) expect(cache.add(jti(i), 1119)).to.equal('replayed');
    // Once the oldest expire there is room again.
    expect(cache.retryAfter(1100)).to.equal(20);
    expect(cache.add(jti(10), 1120)).to.equal('added');
    expect(cache.size).to.equal(1);
  });

  it('holds 1,000,000 jtis within 100 MB counted, refuses the next one, and still knows the first', function () {
    this.timeout(180_000); // a million SHA-256s on a shared machine; the bound, not the time, is asserted
    const cache = new ReplayCache(120, { maxEntries: 1_000_000, maxBytes: 100 * 1000 * 1000 });
    let added = 0;
    for (let i = 0; i < 1_000_000; i++) if (cache.add(`jti-${i}`, 1000) === 'added') added++;
    expect(added).to.equal(1_000_000);
    expect(cache.size).to.equal(1_000_000);
    expect(cache.bytes).to.be.at.most(100 * 1000 * 1000);
    expect(cache.add('one-more', 1000)).to.equal('full');
    expect(cache.add('jti-0', 1119)).to.equal('replayed');
    expect(cache.add('jti-999999', 1119)).to.equal('replayed');
  });

  it('agrees with a plain Map model over random adds, replays and clock steps (hash index and deletion)', () => {
    const cache = new ReplayCache(10, { maxEntries: 50 });
    const model = new Map<string, number>();
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let now = 1000;
    for (let step = 0; step < 20_000; step++) {
      now += rand(3) === 0 ? 1 : 0;
      for (const [k, until] of model) if (until <= now) model.delete(k);
      const key = `k${rand(200)}`;
      const want = model.has(key) ? 'replayed' : model.size >= 50 ? 'full' : 'added';
      if (want === 'added') model.set(key, now + 10);
      expect(cache.add(key, now), `step ${step}`).to.equal(want);
      expect(cache.size).to.equal(model.size);
    }
  });

  it('refuses a jti longer than MAX_JTI_LENGTH without storing it', () => {
    const cache = new ReplayCache(120);
    expect(cache.add('x'.repeat(MAX_JTI_LENGTH + 1), 1000)).to.equal('too-long');
    expect(cache.add('x'.repeat(MAX_JTI_LENGTH), 1000)).to.equal('added');
    expect(cache.size).to.equal(1);
  });

  it('expires from the head in insertion order, and keeps entries longer (never shorter) when the clock goes back', () => {
    const cache = new ReplayCache(10, { maxEntries: 2 });
    expect(cache.add('a', 1000)).to.equal('added'); // until 1010
    expect(cache.add('b', 900)).to.equal('added'); // clock set back: until 910, behind a
    expect(cache.add('c', 915)).to.equal('full'); // b has expired, but waits behind a
    expect(cache.add('a', 1009)).to.equal('replayed');
    expect(cache.add('c', 1010)).to.equal('added'); // a and b expired: swept
    expect(cache.size).to.equal(1);
  });
});

describe('mock AS and RS when the replay cache is full', () => {
  let m: RunningMocks;
  let p: Probe;
  before(async () => {
    m = await startMocks({ replayCacheMax: 3 });
    p = new Probe(m);
  });
  after(() => m.close());

  it('AS: refuses a new proof with 400 invalid_dpop_proof and Retry-After, and still refuses a replay as a replay', async () => {
    const accepted = [];
    for (let i = 0; i < 3; i++) accepted.push(await p.token());
    expect(accepted.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    const fresh = await p.token();
    expect(fresh.status).to.equal(400);
    expect(fresh.error).to.equal('invalid_dpop_proof');
    expect(fresh.body.error_description).to.equal('replay cache full, retry later');
    expect(Number(fresh.headers.get('retry-after'))).to.be.within(1, 2 * m.config.iatWindow);
    const replay = await p.token({ proof: accepted[0].proof });
    expect(replay.status).to.equal(400);
    expect(replay.error).to.equal('invalid_dpop_proof');
    expect(replay.body.error_description).to.match(/already seen/);
  });

  it('RS: refuses a new proof with 401 and a DPoP invalid_dpop_proof challenge, and still refuses a replay', async () => {
    const { token } = await p.mint();
    const accepted = [];
    for (let i = 0; i < 3; i++) accepted.push(await p.resource(token));
    expect(accepted.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    const fresh = await p.resource(token);
    expect(fresh.status).to.equal(401);
    expect(fresh.headers.get('www-authenticate')).to.match(
      /^DPoP error="invalid_dpop_proof", error_description="replay cache full, retry later"/,
    );
    expect(Number(fresh.headers.get('retry-after'))).to.be.within(1, 2 * m.config.iatWindow);
    const replay = await p.resource(token, { proof: accepted[1].proof });
    expect(replay.status).to.equal(401);
    expect(replay.body.error_description).to.match(/already seen/);
  });
});

describe('mock AS and RS refuse an over-long jti (RFC 9449 §11.1)', () => {
  let m: RunningMocks;
  let p: Probe;
  before(async () => {
    m = await startMocks();
    p = new Probe(m);
  });
  after(() => m.close());

  const jti = 'j'.repeat(MAX_JTI_LENGTH + 1);
  it('AS: 400 invalid_dpop_proof naming the limit; a jti of MAX_JTI_LENGTH is accepted', async () => {
    const long = await p.token({ proof: await buildProof({ htm: 'POST', htu: p.tokenUrl, jti }) });
    expect([long.status, long.error]).to.deep.equal([400, 'invalid_dpop_proof']);
    expect(long.body.error_description).to.match(new RegExp(`at most ${MAX_JTI_LENGTH}`));
    const ok = await p.token({ proof: await buildProof({ htm: 'POST', htu: p.tokenUrl, jti: jti.slice(1) }) });
    expect(ok.status).to.equal(200);
  });

  it('RS: 401 invalid_dpop_proof', async () => {
    const { token } = await p.mint();
    const proof = await buildProof({ htm: 'GET', htu: m.resourceUrl!, accessToken: token, jti });
    const r = await p.resource(token, { proof });
    expect([r.status, r.error]).to.deep.equal([401, 'invalid_dpop_proof']);
    expect(r.headers.get('www-authenticate')).to.match(/^DPoP error="invalid_dpop_proof"/);
  });
});

describe('AS stores: bounded in entries and bytes, expiring (mocks/as/stores.ts)', () => {
  const grant = (scope?: string): RefreshGrant => ({ clientId: 'c', isPublic: false, jkt: 'k'.repeat(43), scope });

  it('evicts the oldest entries to stay within maxEntries', () => {
    const store = new ExpiringStore<RefreshGrant>({ maxEntries: 3 });
    for (const k of ['a', 'b', 'c', 'd']) store.put(k, grant(), 2000, 1000);
    expect(store.size).to.equal(3);
    expect(store.evicted).to.equal(1);
    expect(store.get('a', 1000)).to.equal(undefined);
    expect(store.get('d', 1000)).to.deep.equal(grant());
  });

  it('evicts the oldest entries to stay within maxBytes, counting every string of the value', () => {
    const cost = 2 * (1 + 1 + 43 + MAX_SCOPE_LENGTH) + STORE_ENTRY_OVERHEAD;
    const store = new ExpiringStore<RefreshGrant>({ maxEntries: 1000, maxBytes: 4 * cost + 10 });
    for (let i = 0; i < 10; i++) store.put(String(i), grant('s'.repeat(MAX_SCOPE_LENGTH)), 2000, 1000);
    expect(store.size).to.equal(4);
    expect(store.bytes).to.equal(4 * cost);
    expect(store.get('9', 1000)).to.not.equal(undefined);
  });

  it('expires entries; a rewritten entry moves to the end and gets its new expiry', () => {
    const store = new ExpiringStore<RefreshGrant>({ maxEntries: 2 });
    store.put('a', grant(), 1010, 1000);
    store.put('b', grant(), 1011, 1001);
    store.put('a', grant('again'), 1020, 1002); // rotation: a is now the newest
    store.put('c', grant(), 1030, 1003); // evicts b, the oldest
    expect(store.get('b', 1003)).to.equal(undefined);
    expect(store.get('a', 1015)?.scope).to.equal('again');
    expect(store.get('a', 1020)).to.equal(undefined);
    store.put('d', grant(), 1100, 1031); // c expired: swept, no eviction
    expect(store.size).to.equal(1);
    expect(store.evicted).to.equal(1);
  });
});

describe('mock AS endpoints keep their stores bounded', () => {
  const form = 'application/x-www-form-urlencoded';
  const basic = 'Basic ' + Buffer.from('conformance-client:conformance-secret').toString('base64');
  async function asServer(o: MockOptions) {
    const { app, state } = await buildAsServer(resolveConfig(o));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    state.issuer = url;
    return { app, state, url };
  }
  const authorize = (url: string, extra: Record<string, string> = {}) =>
    `${url}/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: 'conformance-public',
      redirect_uri: 'http://127.0.0.1/cb',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      ...extra,
    }).toString()}`;
  const location = async (u: string) => {
    const res = await request(u);
    await res.body.dump();
    return { status: res.statusCode, location: new URL(String(res.headers.location ?? 'http://none/')) };
  };

  it('/authorize: at most codeStore.maxEntries codes held, however many requests', async () => {
    const s = await asServer({ codeStore: { maxEntries: 5 } });
    try {
      for (let i = 0; i < 20; i++) expect((await location(authorize(s.url))).status).to.equal(302);
      expect(s.state.codes.size).to.equal(5);
      expect(s.state.codes.evicted).to.equal(15);
    } finally {
      await s.app.close();
    }
  });

  it('/authorize: an oversized or malformed scope, code_challenge, redirect_uri or state is refused and nothing is stored', async () => {
    const s = await asServer({});
    try {
      const big = await location(authorize(s.url, { scope: 's'.repeat(30_000) }));
      expect([big.status, big.location.searchParams.get('error')]).to.deep.equal([302, 'invalid_scope']);
      const quote = await location(authorize(s.url, { scope: 'a"b' }));
      expect(quote.location.searchParams.get('error')).to.equal('invalid_scope');
      const challenge = await location(authorize(s.url, { code_challenge: 'c'.repeat(5000) }));
      expect(challenge.location.searchParams.get('error')).to.equal('invalid_request');
      const res = await request(
        authorize(s.url, { redirect_uri: `http://127.0.0.1/${'r'.repeat(MAX_REDIRECT_URI_LENGTH)}` }),
      );
      expect(res.statusCode).to.equal(400);
      expect(((await res.body.json()) as { error: string }).error).to.equal('invalid_request');
      // Found by the fuzzer: a 20 KB state was echoed into a Location header larger than undici reads (16 KB).
      const state = await request(authorize(s.url, { state: 's'.repeat(MAX_STATE_LENGTH + 1) }));
      expect(state.statusCode).to.equal(400);
      expect(((await state.body.json()) as { error: string }).error).to.equal('invalid_request');
      const echoed = await location(authorize(s.url, { state: 'é'.repeat(MAX_STATE_LENGTH), scope: 'a"' }));
      expect(echoed.location.searchParams.get('state')).to.equal('é'.repeat(MAX_STATE_LENGTH));
      const normalised = await request(authorize(s.url, { redirect_uri: `http://127.0.0.1/${'é'.repeat(1000)}` }));
      expect(normalised.statusCode).to.equal(400);
      await normalised.body.dump();
      expect(s.state.codes.size).to.equal(0);
      const ok = await location(authorize(s.url, { scope: 'read write' }));
      expect(ok.location.searchParams.get('code')).to.be.a('string');
      expect(s.state.codes.size).to.equal(1);
    } finally {
      await s.app.close();
    }
  });

  it('/token: at most refreshStore.maxEntries refresh tokens held; a 30 KB scope is invalid_scope', async () => {
    const s = await asServer({ refreshStore: { maxEntries: 4 } });
    try {
      const htu = `${s.url}/token`;
      const post = async (body: string) => {
        const dpop = await buildProof({ htm: 'POST', htu });
        const res = await request(htu, {
          method: 'POST',
          headers: { 'content-type': form, authorization: basic, dpop },
          body,
        });
        return { status: res.statusCode, body: (await res.body.json()) as Record<string, string> };
      };
      for (let i = 0; i < 10; i++) expect((await post('grant_type=client_credentials')).status).to.equal(200);
      expect(s.state.refreshTokens.size).to.equal(4);
      const big = await post(`grant_type=client_credentials&scope=${'s'.repeat(30_000)}`);
      expect([big.status, big.body.error]).to.deep.equal([400, 'invalid_scope']);
      expect(s.state.refreshTokens.size).to.equal(4);
    } finally {
      await s.app.close();
    }
  });
});
