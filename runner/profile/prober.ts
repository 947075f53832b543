import { ToolError } from '../../base/errors.js';
import type { ClientKeyName } from '../../base/fixed-inputs.js';
import { nowSeconds } from '../../protocol/sign.js';
import { basicCredentials } from '../http/basic-auth.js';
import { send, type HttpRequest, type HttpResponse, type SendOptions } from '../http/send.js';
import { buildProof } from '../proof/build.js';
import type { RunEnv } from '../target/env.js';
import { mintTestToken, type MintedToken, type MintSpec } from '../tokens/mint-test-token.js';
import { isNonceChallenge } from '../detect/probe-exchange.js';
import type { ProfileTime } from './profile-time.js';
import { htuOf } from '../../protocol/htu.js';

/** One side's requests take at most this long in all (besides the waits): a slow server gets a partial profile. */
export const SIDE_LIMIT_SECONDS = 120;
/** After this many transport failures in a row the side stops: the server is gone or refuses to talk. */
const MAX_FAILURES_IN_A_ROW = 3;

/** A minted token (600 s) is used for this long, then minted again. */
const REUSE_SECONDS = 60;

/** Most distinct nonces whose first sighting is remembered. */
const MAX_NONCES = 10_000;

/** A side's probing stops here: its items not yet measured say so. */
export class ProfileStopped extends ToolError {
  static override code = 'ERR_PROFILE_STOPPED';
  override code = 'ERR_PROFILE_STOPPED';
}

/** One probe: a valid request with at most one thing changed. */
export interface Probe {
  key?: ClientKeyName;
  alg?: string;
  /** Seconds added to the proof's iat (negative: in the past). */
  iatShift?: number;
  jti?: string;
  /** Characters of padding in a `pad` claim. */
  pad?: number;
  method?: 'GET' | 'POST';
  /** Another URL of the RS (a variant of the resource). */
  url?: string;
  /** Send this nonce and do not retry on a nonce challenge. */
  nonce?: string;
  /** RS: the token minted with this spec (a cnf.sk, say); its SK MACs the proof. */
  mint?: MintSpec;
  /** AS: ask for a DPoP-SK key (dpop_sk=true). */
  dpopSk?: boolean;
}

export interface ProbeResult {
  accepted: boolean;
  res?: HttpResponse;
  /** The answer was a nonce challenge (after any retry). */
  challenged: boolean;
  /** Characters of the DPoP header sent. */
  proofLength: number;
  /** Why there is no answer (a transport failure). */
  failed?: string;
}

/**
 * Sends the profile's probes to one side: a client_credentials token request (AS) or a
 * resource request with a token minted with the fixed test AS key (RS), each with a valid
 * proof but for the probe's one change. It keeps the latest nonce the side handed out
 * (a challenged probe is sent once more with it, unless the probe fixed its nonce), counts
 * requests and stops the side at `maxRequests`.
 */
export class Prober {
  requests = 0;
  /** Every distinct nonce handed out, in the order first seen, and the order of all nonces seen. */
  readonly nonceOrder: string[] = [];
  latestNonce?: string;
  private failuresInARow = 0;
  /** When (epoch ms) the side's probing stops: SIDE_LIMIT_SECONDS of requests plus the time budget's waits. */
  private readonly until: number;
  private readonly seenAt = new Map<string, number>();
  /** The plain token of each key, reused while it is fresh (the RS checks a new token fully; a known one from its cache). */
  private readonly tokens = new Map<string, MintedToken>();

  constructor(
    readonly side: 'as' | 'rs',
    readonly env: RunEnv,
    readonly time: ProfileTime,
    private readonly o: SendOptions,
    private readonly maxRequests: number,
  ) {
    this.until = Date.now() + (SIDE_LIMIT_SECONDS + time.budgetSeconds) * 1000;
  }

  /** When (time.now()) a nonce was first handed out to this prober; now, for one never seen. */
  firstSeen(nonce: string): number {
    return this.seenAt.get(nonce) ?? this.time.now();
  }

  get url(): string {
    return this.side === 'as' ? this.env.as.tokenEndpoint : this.env.rs.resource;
  }

  /** The server's now, as far as this machine can tell (its clock, the run's skew, the time added). */
  serverNow(): number {
    return nowSeconds(this.env.clockSkew ?? 0) + this.time.added;
  }

  async send(p: Probe = {}): Promise<ProbeResult> {
    let r = await this.once(p, p.nonce ?? this.latestNonce);
    if (r.challenged && p.nonce === undefined && this.latestNonce) r = await this.once(p, this.latestNonce);
    return r;
  }

  /** A plain GET without credentials (the RS's challenge, a Date header). */
  async bare(url: string): Promise<HttpResponse | undefined> {
    this.count();
    try {
      return await send({ method: 'GET', url, headers: [] }, this.o);
    } catch {
      return undefined;
    }
  }

  private count(): void {
    if (this.requests >= this.maxRequests)
      throw new ProfileStopped(`the side's request budget (${this.maxRequests}) was spent`);
    if (Date.now() > this.until)
      throw new ProfileStopped(
        `the side's time limit (${SIDE_LIMIT_SECONDS} s of requests, plus the waits) was reached`,
      );
    if (this.failuresInARow >= MAX_FAILURES_IN_A_ROW)
      throw new ProfileStopped(`the server did not answer ${MAX_FAILURES_IN_A_ROW} requests in a row`);
    this.requests++;
  }

  private async once(p: Probe, nonce: string | undefined): Promise<ProbeResult> {
    this.count();
    const req = this.side === 'as' ? await this.tokenRequest(p, nonce) : await this.resourceRequest(p, nonce);
    const proofLength = req.headers.find(([n]) => n === 'dpop')?.[1].length ?? 0;
    let res: HttpResponse;
    try {
      res = await send(req, this.o);
    } catch (e) {
      // A large proof may be refused by closing the connection: that says nothing of the server's health.
      if (!p.pad) this.failuresInARow++;
      return { accepted: false, challenged: false, proofLength, failed: (e as Error).message.slice(0, 200) };
    }
    this.failuresInARow = 0;
    this.seeNonce(res.headers['dpop-nonce']);
    const accepted =
      this.side === 'as'
        ? res.status === 200 && typeof (res.json as { access_token?: unknown } | undefined)?.access_token === 'string'
        : res.status >= 200 && res.status < 300;
    return { accepted, res, challenged: isNonceChallenge(res), proofLength };
  }

  private seeNonce(nonce: string | undefined): void {
    if (!nonce || nonce.length > 1024) return;
    if (this.nonceOrder[this.nonceOrder.length - 1] !== nonce) this.nonceOrder.push(nonce);
    if (!this.seenAt.has(nonce) && this.seenAt.size < MAX_NONCES) this.seenAt.set(nonce, this.time.now());
    this.latestNonce = nonce;
  }

  private proof(p: Probe, htm: string, url: string, nonce: string | undefined, accessToken?: string, sk?: Uint8Array) {
    const htu = htuOf(url);
    return buildProof({
      key: p.key,
      alg: p.alg,
      htm,
      htu,
      accessToken,
      nonce,
      jti: p.jti,
      iat: this.serverNow() + (p.iatShift ?? 0),
      ...(sk ? { symmetric: { sk } } : {}),
      ...(p.pad ? { mutation: { set_claims: { pad: 'x'.repeat(p.pad) } } } : {}),
    });
  }

  private async tokenRequest(p: Probe, nonce: string | undefined): Promise<HttpRequest> {
    const client = this.env.as.clients.confidential;
    const form: [string, string][] = [['grant_type', 'client_credentials']];
    if (p.dpopSk) form.push(['dpop_sk', 'true']);
    const headers: [string, string][] = [
      ['content-type', 'application/x-www-form-urlencoded'],
      ['accept', 'application/json'],
    ];
    if (client.auth === 'post') form.push(['client_id', client.client_id], ['client_secret', client.client_secret]);
    else headers.push(['authorization', `Basic ${basicCredentials(client.client_id, client.client_secret)}`]);
    const url = this.env.as.tokenEndpoint;
    headers.push(['dpop', await this.proof(p, 'POST', url, nonce)]);
    return { method: 'POST', url, headers, body: new URLSearchParams(form).toString() };
  }

  /** The key's plain token, minted anew once it is REUSE_SECONDS old by the server's clock (time probes move it). */
  private async plainToken(p: Probe): Promise<MintedToken> {
    const known = this.tokens.get(p.key ?? '');
    const age = known ? this.serverNow() - known.claims.iat : Infinity;
    if (known && age >= 0 && age < REUSE_SECONDS) return known;
    const minted = await this.mint(p);
    this.tokens.set(p.key ?? '', minted);
    return minted;
  }

  /** A token minted with the fixed test AS key, bound to the probe's key, issued at the server's now. */
  private async mint(p: Probe): Promise<MintedToken> {
    return mintTestToken(
      { ...(p.key ? { key: p.key } : {}), ...p.mint },
      { issuer: this.env.mintIssuer, audience: this.env.audience, now: this.serverNow() },
    );
  }

  private async resourceRequest(p: Probe, nonce: string | undefined): Promise<HttpRequest> {
    const method = p.method ?? 'GET';
    const url = p.url ?? this.env.rs.resource;
    const minted = p.mint ? await this.mint(p) : await this.plainToken(p);
    const proof = await this.proof(p, method, url, nonce, minted.token, minted.sk);
    return {
      method,
      url,
      headers: [
        ['authorization', `DPoP ${minted.token}`],
        ['dpop', proof],
      ],
      ...(method === 'POST' ? { body: '' } : {}),
    };
  }
}
