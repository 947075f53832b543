import { decodeJwt } from 'jose';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';
import { buildProof, type Mutation } from '../../runner/proof/build.js';
import { mintTestToken, type MintSpec } from '../../runner/tokens/mint-test-token.js';
import type { RunningMocks } from '../../mocks/start.js';

export interface ProbeResponse {
  status: number;
  error?: string;
  headers: Headers;
  body: Record<string, unknown>;
}

const inputs = loadInputs();
const basic = (secret = inputs.clients.confidential.client_secret) =>
  'Basic ' + Buffer.from(`${inputs.clients.confidential.client_id}:${secret}`).toString('base64');

async function send(url: string, init: RequestInit): Promise<ProbeResponse> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return {
    status: res.status,
    error: typeof body.error === 'string' ? body.error : undefined,
    headers: res.headers,
    body,
  };
}

const isNonceChallenge = (r: ProbeResponse) => r.error === 'use_dpop_nonce' && r.headers.get('dpop-nonce');

/** A small client on our own primitives for poking the mocks one request at a time. */
export class Probe {
  constructor(readonly m: RunningMocks) {}

  get tokenUrl(): string {
    return `${this.m.asUrl}/token`;
  }

  async token(
    o: {
      key?: ClientKeyName;
      form?: Record<string, string>;
      mutation?: Mutation;
      noProof?: boolean;
      twoProofs?: boolean;
      nonce?: string;
      retryNonce?: boolean;
      publicClient?: boolean;
      secret?: string;
      proof?: string;
    } = {},
  ): Promise<ProbeResponse & { proof: string }> {
    const attempt = async (nonce?: string) => {
      const proof =
        o.proof ?? (await buildProof({ key: o.key, htm: 'POST', htu: this.tokenUrl, nonce, mutation: o.mutation }));
      const headers: [string, string][] = [['content-type', 'application/x-www-form-urlencoded']];
      if (!o.publicClient) headers.push(['authorization', basic(o.secret)]);
      if (!o.noProof) headers.push(['dpop', proof]);
      if (o.twoProofs) headers.push(['dpop', await buildProof({ key: o.key, htm: 'POST', htu: this.tokenUrl, nonce })]);
      const form = {
        grant_type: 'client_credentials',
        ...(o.publicClient ? { client_id: inputs.clients.public.client_id } : {}),
        ...o.form,
      };
      return {
        ...(await send(this.tokenUrl, { method: 'POST', headers, body: new URLSearchParams(form).toString() })),
        proof,
      };
    };
    const first = await attempt(o.nonce);
    return (o.retryNonce ?? true) && isNonceChallenge(first) ? attempt(first.headers.get('dpop-nonce')!) : first;
  }

  async resource(
    token: string,
    o: {
      key?: ClientKeyName;
      method?: string;
      query?: string;
      htu?: string;
      mutation?: Mutation;
      scheme?: string;
      sk?: Uint8Array;
      noProof?: boolean;
      twoProofs?: boolean;
      proof?: string;
      retryNonce?: boolean;
      nonce?: string;
    } = {},
  ): Promise<ProbeResponse & { proof: string }> {
    const url = this.m.resourceUrl! + (o.query ?? '');
    const attempt = async (nonce?: string) => {
      const spec = {
        key: o.key,
        htm: o.method ?? 'GET',
        htu: o.htu ?? this.m.resourceUrl!,
        accessToken: token,
        nonce,
        mutation: o.mutation,
        symmetric: o.sk ? { sk: o.sk } : undefined,
      };
      const proof = o.proof ?? (await buildProof(spec));
      const headers: [string, string][] = [['authorization', `${o.scheme ?? 'DPoP'} ${token}`]];
      if (!o.noProof) headers.push(['dpop', proof]);
      if (o.twoProofs) headers.push(['dpop', await buildProof(spec)]);
      return { ...(await send(url, { method: o.method ?? 'GET', headers })), proof };
    };
    const first = await attempt(o.nonce);
    return (o.retryNonce ?? true) && isNonceChallenge(first) ? attempt(first.headers.get('dpop-nonce')!) : first;
  }

  /** A token minted with the fixed AS key, as the runner does for a vendor RS. */
  mint(spec: MintSpec = {}) {
    return mintTestToken(spec, {
      issuer: this.m.asUrl ?? 'https://as.invalid',
      audience: this.m.config.audience,
      now: this.m.config.clock.now(),
    });
  }

  /** Access token claims of a token response. */
  static claims(r: ProbeResponse): Record<string, any> {
    return decodeJwt(String(r.body.access_token));
  }
}

export const outcome = (r: ProbeResponse): string => `${r.status} ${r.error ?? ''}`.trim();
