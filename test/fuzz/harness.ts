/**
 * Runs the fuzzed input families against two mock pairs (plain and nonce mode) over
 * loopback HTTP, in concurrent batches on kept-alive connections, and judges every
 * answer. Seeded: FC_SEED replays a run; the seed is printed, and fast-check prints it
 * with the failing path on failure.
 */
import fc from 'fast-check';
import { decodeProtectedHeader } from 'jose';
import { Agent, request } from 'undici';
import { clientKey } from '../../base/fixed-inputs.js';
import { unwrapSk } from '../../protocol/sk-unwrap.js';
import { startMocks, type RunningMocks } from '../../mocks/start.js';
import { buildProof } from '../../runner/proof/build.js';
import { mintTestToken } from '../../runner/tokens/mint-test-token.js';
import { Probe } from '../helpers/probe.js';
import type { Endpoint, Family, FuzzRequest, Pair } from './families.js';
import type { Json } from './mutate.js';

export interface FuzzedPair extends Pair {
  mocks: RunningMocks;
  refreshNonces(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  text: string;
}

const LONG = 86_400;

/** Starts a mock pair and gathers what valid requests need: tokens, an SK, a Model B ticket, nonces. */
export async function startPair(nonce: boolean): Promise<FuzzedPair> {
  const mocks = await startMocks({ nonce, ticketTtl: LONG });
  const defaults = { issuer: mocks.asUrl!, audience: mocks.config.audience };
  const plain = await mintTestToken({ expires_in: LONG }, defaults);
  const withSk = await mintTestToken({ expires_in: LONG, sk: { expires_in: LONG } }, defaults);
  const nonces: { as?: string; rs?: string; at: number } = { at: 0 };
  const pair: FuzzedPair = {
    mocks,
    asUrl: mocks.asUrl!,
    resourceUrl: mocks.resourceUrl!,
    nonce,
    currentNonce: (server) => (nonce ? nonces[server] : undefined),
    token: plain.token,
    tokenClaims: plain.claims as unknown as Record<string, Json>,
    skToken: withSk.token,
    skTokenClaims: withSk.claims as unknown as Record<string, Json>,
    sk: withSk.sk!,
    ticket: '',
    ticketSk: new Uint8Array(),
    async refreshNonces() {
      if (!nonce || Date.now() - nonces.at < 20_000) return;
      const probe = new Probe(mocks);
      nonces.as = (await probe.token({ retryNonce: false })).headers.get('dpop-nonce') ?? undefined;
      nonces.rs = (await probe.resource(plain.token, { retryNonce: false })).headers.get('dpop-nonce') ?? undefined;
      nonces.at = Date.now();
    },
  };
  await pair.refreshNonces();
  // DPoP-SK Model B (§6): an asymmetric request asking for an SK gets it wrapped to the key, the ticket as kid.
  const dpop = await buildProof({
    htm: 'GET',
    htu: pair.resourceUrl,
    accessToken: plain.token,
    nonce: pair.currentNonce('rs'),
  });
  const res = await request(pair.resourceUrl, {
    headers: { authorization: `DPoP ${plain.token}`, dpop, 'dpop-sk-request': 'HS256' },
  });
  await res.body.dump();
  const wrapped = String(res.headers['dpop-sk'] ?? '');
  if (res.statusCode !== 200 || !wrapped) throw new Error(`Model B negotiation answered ${res.statusCode}`);
  const opened = await unwrapSk(wrapped, clientKey('client-p256'));
  const kid = opened.jwk.kid ?? decodeProtectedHeader(wrapped).kid;
  if (typeof kid !== 'string') throw new Error('the Model B SK came without a ticket');
  pair.ticket = kid;
  pair.ticketSk = opened.sk;
  return pair;
}

/** Sends one request on the shared keep-alive agent. */
export async function send(agent: Agent, r: FuzzRequest): Promise<Answer> {
  const res = await request(r.url, { method: r.method, headers: r.headers.flat(), body: r.body, dispatcher: agent });
  const text = await res.body.text();
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    /* judged below */
  }
  return { status: res.statusCode, headers: res.headers, body, text };
}

const header = (a: Answer, name: string) => {
  const v = a.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

/** What is wrong with an answer, or undefined when it is right for the family. */
export function judge(
  endpoint: Endpoint,
  allowed: readonly string[],
  mayPass: boolean,
  nonceMode: boolean,
  a: Answer,
): string | undefined {
  if (a.status >= 500) return `a ${a.status}`;
  // The HTTP layer's own refusal of an oversized request (RFC 9110 §15.5.15, RFC 6585 §5): no OAuth body to judge.
  if (a.status === 414 || a.status === 431) return undefined;
  const codes = nonceMode ? [...allowed, 'use_dpop_nonce'] : allowed;
  const error = typeof a.body.error === 'string' ? a.body.error : undefined;
  const codeOk = () =>
    error && codes.includes(error) ? undefined : `error ${String(error)} not one of ${codes.join(', ')}`;
  const nonceOk = () =>
    error === 'use_dpop_nonce' && !header(a, 'dpop-nonce') ? 'use_dpop_nonce without a DPoP-Nonce header' : undefined;
  if (endpoint === 'authorize') {
    if (a.status === 302) {
      const location = new URL(String(header(a, 'location')));
      if (location.searchParams.get('code')) return mayPass ? undefined : 'a code was issued';
      const e = location.searchParams.get('error') ?? '';
      return codes.includes(e) ? undefined : `redirected with error ${e}`;
    }
    return a.status === 400 ? codeOk() : `status ${a.status}`;
  }
  if (a.status === 200) {
    if (!mayPass) return 'accepted';
    if (endpoint === 'token') return typeof a.body.access_token === 'string' ? undefined : '200 without access_token';
    return a.body.resource === 'ok' ? undefined : '200 without the resource';
  }
  if (endpoint === 'token') {
    if (a.status === 401) return error === 'invalid_client' ? undefined : `401 with ${String(error)}`;
    if (a.status !== 400) return `status ${a.status}`;
    return codeOk() ?? (error === 'invalid_client' ? '400 invalid_client' : nonceOk());
  }
  // The RS: 401 with a DPoP challenge naming the same error as the body (RFC 9449 §7.1).
  if (a.status !== 401) return `status ${a.status}`;
  const challenge = header(a, 'www-authenticate') ?? '';
  if (!/^DPoP(\s|$)/.test(challenge)) return `challenge ${challenge}`;
  if (error === 'unauthorized') return /error=/.test(challenge) ? 'no-credentials challenge with an error' : codeOk();
  if (!challenge.includes(`error="${String(error)}"`)) return `challenge ${challenge} does not name ${String(error)}`;
  return codeOk() ?? nonceOk();
}

export type Tally = Map<string, number>;

export interface FamilyRun {
  name: string;
  requests: number;
  tally: Tally;
}

const short = (v: unknown) => {
  const s = JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'string' && x.length > 200 ? `${x.slice(0, 200)}…(${x.length})` : x,
  );
  return s.length > 4000 ? `${s.slice(0, 4000)}…` : s;
};

/**
 * Runs `requests` requests of one family in batches of `batch` concurrent requests, as
 * one fast-check property (a batch is one generated value).
 */
export async function runFamily<S>(
  f: Family<S>,
  pairs: { plain: FuzzedPair; nonce: FuzzedPair },
  agent: Agent,
  o: { requests: number; batch: number; seed: number },
): Promise<FamilyRun> {
  const tally: Tally = new Map();
  let sent = 0;
  const numRuns = Math.ceil(o.requests / o.batch);
  await fc.assert(
    fc.asyncProperty(fc.array(f.arb, { minLength: o.batch, maxLength: o.batch }), async (specs) => {
      await Promise.all([pairs.plain.refreshNonces(), pairs.nonce.refreshNonces()]);
      const built = specs.map((s) => {
        const pair = s.nonceMode ? pairs.nonce : pairs.plain;
        return { s, req: f.build(s, pair) };
      });
      const answers = await Promise.all(built.map(({ req }) => send(agent, req)));
      sent += answers.length;
      answers.forEach((a, i) => {
        const key =
          `${a.status} ${typeof a.body.error === 'string' ? a.body.error : a.status === 302 ? redirectOutcome(a) : ''}`.trim();
        tally.set(key, (tally.get(key) ?? 0) + 1);
        const problem = judge(f.endpoint, f.errors, f.mayPass, built[i].s.nonceMode, a);
        if (problem)
          throw new Error(
            `${f.name}: ${problem}\n  spec: ${short(built[i].s)}\n  request: ${short(built[i].req)}\n  answer: ${a.status} ${short(a.headers)} ${a.text.slice(0, 500)}`,
          );
      });
    }),
    {
      seed: o.seed,
      numRuns,
      endOnFailure: process.env.FC_SHRINK === undefined,
      // fast-check's own report prints the whole batch (megabytes); print the failing request instead.
      reporter: (d) => {
        if (!d.failed) return;
        const cause = d.errorInstance instanceof Error ? d.errorInstance.message : String(d.errorInstance);
        throw new Error(
          `${f.name} failed (FC_SEED=${d.seed} seed ${d.seed}, path "${d.counterexamplePath}"):\n${cause}`,
        );
      },
    },
  );
  return { name: f.name, requests: sent, tally };
}

function redirectOutcome(a: Answer): string {
  const location = new URL(String(header(a, 'location')));
  return location.searchParams.get('code') ? 'code' : `error=${location.searchParams.get('error')}`;
}

/** The servers still answer a valid token request and a valid resource request with 200. */
export async function stillServes(p: FuzzedPair): Promise<number[]> {
  const probe = new Probe(p.mocks);
  const token = await probe.token();
  const resource = await probe.resource(p.token);
  return [token.status, resource.status];
}
