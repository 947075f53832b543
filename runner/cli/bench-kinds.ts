import { clientKey } from '../../base/fixed-inputs.js';
import { htuOf } from '../../protocol/htu.js';
import { nowSeconds } from '../../protocol/sign.js';
import { unwrapSk } from '../../protocol/sk-unwrap.js';
import { answerText, probeExchange, probeSend } from '../detect/probe-exchange.js';
import type { HttpRequest } from '../http/send.js';
import { buildProof } from '../proof/build.js';
import type { Feature } from '../suite/types.js';
import type { RunEnv } from '../target/env.js';
import { mintTestToken } from '../tokens/mint-test-token.js';

/** A proof kind of the bench: which feature it needs of the RS, and how its requests are made. */
export interface BenchKind {
  kind: 'a' | 'b' | 'c' | 'd' | 'e';
  label: string;
  /** The RS must declare (or --detect show) this feature. */
  needs?: Feature;
}

export const BENCH_KINDS: readonly BenchKind[] = [
  { kind: 'a', label: 'RFC 9449 ES256' },
  { kind: 'b', label: 'RFC 9449 EdDSA' },
  { kind: 'c', label: 'DPoP-SK Model A', needs: 'dpop-sk' },
  { kind: 'd', label: 'DPoP-SK Model B (ticket)', needs: 'dpop-sk-b' },
  { kind: 'e', label: 'no proof (baseline)' },
];

/**
 * What a bench needs of its RS: the resource, the features it declares, how to send the
 * few requests made outside autocannon (a nonce, Model B's negotiation), and the iss, aud
 * and clock skew of the tokens and proofs it makes. A case's RunEnv is one; `npm run bench`
 * makes one for its own RS.
 */
export type BenchTarget = Pick<RunEnv, 'rs' | 'features' | 'send' | 'mintIssuer' | 'audience' | 'clockSkew'>;

/** Proofs made at once: WebCrypto's thread pool then signs in parallel (2–3× the rate of one at a time). */
const PROOF_BATCH = 64;

/** The headers of every request of one kind, made before the timed part: request i gets proofs[i]. */
export interface PreparedKind {
  headers: (i: number) => Record<string, string>;
  proofs: number;
}

/** A nonce to put in every proof when the RS demands one (feature nonce): one request to learn it. */
async function serverNonce(env: BenchTarget, token: string): Promise<string | undefined> {
  if (!env.features.has('nonce')) return undefined;
  const answer = await probeExchange(async (nonce) => resourceRequest(env, token, nonce), probeSend(env.send));
  return answer.nonce;
}

async function resourceRequest(
  env: BenchTarget,
  token: string,
  nonce: string | undefined,
  extra: [string, string][] = [],
  symmetric?: { sk: Uint8Array; kid?: string },
): Promise<HttpRequest> {
  const proof = await buildProof({
    htm: 'GET',
    htu: htuOf(env.rs.resource),
    accessToken: token,
    nonce,
    iat: nowSeconds(env.clockSkew ?? 0),
    ...(symmetric ? { symmetric } : {}),
  });
  return {
    method: 'GET',
    url: env.rs.resource,
    headers: [['authorization', `DPoP ${token}`], ['dpop', proof], ...extra],
  };
}

/** Model B's negotiation (DPoP-SK §6 steps 1–3) timed, then one steady request with the ticket timed. */
export interface Negotiated {
  symmetric?: { sk: Uint8Array; kid: string };
  negotiateMs?: number;
  steadyMs?: number;
  failed?: string;
}

async function negotiate(env: BenchTarget, token: string, nonce: string | undefined): Promise<Negotiated> {
  const o = probeSend(env.send);
  const t0 = performance.now();
  const asked = await probeExchange((n) => resourceRequest(env, token, n, [['dpop-sk-request', 'HS256']]), o, nonce);
  const negotiateMs = performance.now() - t0;
  const wrapped = asked.res?.headers['dpop-sk'];
  if (!asked.res || asked.res.status >= 300 || !wrapped)
    return { failed: asked.failed ?? `${answerText(asked.res!)} without a DPoP-SK header` };
  let symmetric: { sk: Uint8Array; kid: string };
  try {
    const { sk, jwk } = await unwrapSk(wrapped, clientKey('client-p256'));
    symmetric = { sk, kid: String(jwk.kid) };
  } catch (e) {
    return { failed: `the DPoP-SK header did not open: ${(e as Error).message}` };
  }
  const t1 = performance.now();
  const steady = await probeExchange((n) => resourceRequest(env, token, n, [], symmetric), o, asked.nonce ?? nonce);
  const steadyMs = performance.now() - t1;
  if (!steady.res || steady.res.status >= 300)
    return { symmetric, negotiateMs, failed: `a request with the ticket: ${steady.failed ?? answerText(steady.res!)}` };
  return { symmetric, negotiateMs, steadyMs };
}

/**
 * Makes `count` requests' headers for one kind (tokens minted with the fixed test AS key,
 * as the RS cases do; one fresh proof a request, so that the RS's replay check passes, and
 * a new token each call); Model B negotiates a new ticket first (timed, `negotiated`).
 * Request i gets proof i; asked for more (autocannon builds a request ahead of the last
 * answers it waits for), the last one again: it is not sent, or its answer shows as non-2xx.
 */
export async function prepareKind(
  k: BenchKind,
  env: BenchTarget,
  count: number,
): Promise<PreparedKind & { negotiated?: Negotiated }> {
  if (k.kind === 'e') return { headers: () => ({}), proofs: 0 };
  const minted = { issuer: env.mintIssuer, audience: env.audience, now: nowSeconds(env.clockSkew ?? 0) };
  const key = k.kind === 'b' ? 'client-ed25519' : 'client-p256';
  const { token, sk } = await mintTestToken({ key, ...(k.kind === 'c' ? { sk: {} } : {}) }, minted);
  const nonce = await serverNonce(env, token);
  let negotiated: Negotiated | undefined;
  let symmetric: { sk: Uint8Array; kid?: string } | undefined = k.kind === 'c' ? { sk: sk! } : undefined;
  if (k.kind === 'd') {
    negotiated = await negotiate(env, token, nonce);
    if (!negotiated.symmetric) return { headers: () => ({}), proofs: 0, negotiated };
    symmetric = negotiated.symmetric;
  }
  const htu = htuOf(env.rs.resource);
  const proofs: string[] = [];
  while (proofs.length < count) {
    const iat = nowSeconds(env.clockSkew ?? 0);
    const batch = Array.from({ length: Math.min(PROOF_BATCH, count - proofs.length) }, () =>
      buildProof({ key, htm: 'GET', htu, accessToken: token, nonce, iat, ...(symmetric ? { symmetric } : {}) }),
    );
    proofs.push(...(await Promise.all(batch)));
  }
  const authorization = `DPoP ${token}`;
  return { headers: (i) => ({ authorization, dpop: proofs[Math.min(i, count - 1)] }), proofs: count, negotiated };
}
