/**
 * The reference RS under load (issue #16): autocannon on loopback against the RS in a
 * child process, every request carrying its own proof, all generated before the timed
 * part. Kinds: (a) RFC 9449 ES256, (b) EdDSA, (c) DPoP-SK Model A, (d) Model B with a
 * ticket, (e) a baseline route with no credentials and no crypto.
 */
import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { request } from 'undici';
import { clientKey, loadInputs } from '../base/fixed-inputs.js';
import { unwrapSk } from '../protocol/sk-unwrap.js';
import { SK_PROOF_TYP, SYMMETRIC_ALG } from '../protocol/algorithms.js';
import { accessTokenHash } from '../protocol/ath.js';
import { newJti, nowSeconds } from '../protocol/sign.js';
import { buildProof } from '../runner/proof/build.js';
import { mintTestToken } from '../runner/tokens/mint-test-token.js';

export interface LoadOptions {
  /** Seconds per kind and round. */
  seconds: number;
  /** Rounds over all kinds; each kind's figures are the medians. */
  rounds: number;
  connections: number;
  /** Only these kinds (a–d; the baseline always runs). */
  kinds?: string[];
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  serverFlags?: string[];
}

export interface LoadRow {
  kind: string;
  label: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Proofs generated before the run (the run stops early when they run out). */
  proofs: number;
  /** req/s of each round. */
  rounds?: number[];
}

interface Server {
  url: string;
  close(): Promise<void>;
}

async function startServer(flags: string[]): Promise<Server> {
  const child = fork(fileURLToPath(new URL('./rs-server.js', import.meta.url)), [], { execArgv: flags });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`bench RS exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

/** Fires `proofs.length` requests (or for `seconds`, whichever ends first), each with the next proof. */
async function load(
  url: string,
  path: string,
  headers: (i: number) => Record<string, string>,
  count: number,
  o: LoadOptions,
): Promise<Result> {
  let next = 0;
  const instance = autocannon({
    url,
    connections: o.connections,
    amount: count,
    requests: [
      {
        method: 'GET',
        path,
        setupRequest: (req) => ({ ...req, headers: headers(Math.min(next++, count - 1)) }),
      },
    ],
  });
  const timer = setTimeout(() => instance.stop(), o.seconds * 1000);
  const result = await instance;
  clearTimeout(timer);
  return result;
}

/** One request with DPoP-SK-Request: HS256 (DPoP-SK §6 steps 1–3): the SK and its ticket. */
async function negotiateTicket(resourceUrl: string, token: string): Promise<{ sk: Uint8Array; kid: string }> {
  const dpop = await buildProof({ htm: 'GET', htu: resourceUrl, accessToken: token });
  const res = await request(resourceUrl, {
    headers: { authorization: `DPoP ${token}`, dpop, 'dpop-sk-request': 'HS256' },
  });
  await res.body.dump();
  const wrapped = res.headers['dpop-sk'];
  if (res.statusCode !== 200 || typeof wrapped !== 'string') throw new Error(`no DPoP-SK (${res.statusCode})`);
  const { sk, jwk } = await unwrapSk(wrapped, clientKey('client-p256'));
  return { sk, kid: String(jwk.kid) };
}

/**
 * A DPoP-SK proof (DPoP-SK §4) made with node's HMAC: the same bytes buildProof makes,
 * without a WebCrypto round trip per proof, so that tens of thousands are ready in a second.
 */
function hs256Proof(htu: string, token: string, sk: Uint8Array, kid?: string): string {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const header = b64({ typ: SK_PROOF_TYP, alg: SYMMETRIC_ALG, ...(kid === undefined ? {} : { kid }) });
  const claims = b64({ jti: newJti(), htm: 'GET', htu, iat: nowSeconds(), ath: accessTokenHash(token) });
  const mac = createHmac('sha256', sk).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${mac}`;
}

interface Kind {
  kind: string;
  label: string;
  /** Proofs per second of run to generate up front (an upper bound on what the RS can take). */
  perSecond: number;
  prepare(resourceUrl: string): Promise<{ token: string; proof: () => Promise<string> }>;
}

const audience = () => loadInputs().audience;

const KINDS: Kind[] = [
  {
    kind: 'a',
    label: 'RFC 9449 ES256',
    perSecond: 4000,
    prepare: async (htu) => {
      const { token } = await mintTestToken({}, { issuer: 'https://as.bench', audience: audience() });
      return { token, proof: () => buildProof({ htm: 'GET', htu, accessToken: token, key: 'client-p256' }) };
    },
  },
  {
    kind: 'b',
    label: 'RFC 9449 EdDSA',
    perSecond: 4000,
    prepare: async (htu) => {
      const { token } = await mintTestToken(
        { key: 'client-ed25519' },
        { issuer: 'https://as.bench', audience: audience() },
      );
      return { token, proof: () => buildProof({ htm: 'GET', htu, accessToken: token, key: 'client-ed25519' }) };
    },
  },
  {
    kind: 'c',
    label: 'DPoP-SK Model A',
    perSecond: 20000,
    prepare: async (htu) => {
      const { token, sk } = await mintTestToken({ sk: {} }, { issuer: 'https://as.bench', audience: audience() });
      return { token, proof: async () => hs256Proof(htu, token, sk!) };
    },
  },
  {
    kind: 'd',
    label: 'DPoP-SK Model B (ticket)',
    perSecond: 20000,
    prepare: async (htu) => {
      const { token } = await mintTestToken({}, { issuer: 'https://as.bench', audience: audience() });
      const symmetric = await negotiateTicket(htu, token);
      return { token, proof: async () => hs256Proof(htu, token, symmetric.sk, symmetric.kid) };
    },
  },
];

/** The median of some numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Runs every kind against one RS process, `rounds` times in turn (a, b, c, d, e, a, …: on a
 * shared machine the noise then falls on every kind alike), and returns a row per kind with
 * the median of its rounds, the baseline (e) last. Each round's proofs are made just before
 * it, outside the timed part.
 */
export async function rsLoad(o: LoadOptions): Promise<LoadRow[]> {
  const server = await startServer(o.serverFlags ?? []);
  const runs = new Map<string, LoadRow[]>();
  const add = (r: LoadRow) => runs.set(r.kind, [...(runs.get(r.kind) ?? []), r]);
  try {
    const resourceUrl = `${server.url}/resource`;
    const row = (kind: string, label: string, r: Result, proofs: number): LoadRow => ({
      kind,
      label,
      reqPerSec: r['2xx'] / r.duration,
      p50: r.latency.p50,
      p99: r.latency.p99,
      requests: r['2xx'] + r.non2xx,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      proofs,
    });
    const prepared = [];
    for (const k of KINDS.filter((k) => o.kinds?.includes(k.kind) ?? true))
      prepared.push({ k, ...(await k.prepare(resourceUrl)) });
    for (let round = 0; round < o.rounds; round++) {
      for (const { k, token, proof } of prepared) {
        const count = Math.ceil(k.perSecond * o.seconds);
        const proofs: string[] = [];
        for (let i = 0; i < count; i++) proofs.push(await proof());
        const authorization = `DPoP ${token}`;
        const headers = (i: number) => ({ authorization, dpop: proofs[i] });
        add(row(k.kind, k.label, await load(server.url, '/resource', headers, count, o), count));
      }
      const baseline = await load(server.url, '/baseline', () => ({}), Math.ceil(60000 * o.seconds), o);
      add(row('e', 'baseline route (no proof, no crypto)', baseline, 0));
    }
  } finally {
    await server.close();
  }
  return [...runs.values()].map((rs) => ({
    ...rs[0],
    reqPerSec: median(rs.map((r) => r.reqPerSec)),
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    requests: rs.reduce((n, r) => n + r.requests, 0),
    non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
    errors: rs.reduce((n, r) => n + r.errors, 0),
    proofs: rs.reduce((n, r) => n + r.proofs, 0),
    rounds: rs.map((r) => r.reqPerSec),
  }));
}
