import { createHash } from 'node:crypto';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';
import { publicJwk } from '../../protocol/jwk.js';
import { jwkThumbprint } from '../../protocol/thumbprint.js';
import { buildProof, type Mutation } from '../../runner/proof/build.js';
import { outcome, type Probe } from './probe.js';

const inputs = loadInputs();
const REDIRECT = 'http://127.0.0.1:1/cb';
const VERIFIER = 'v'.repeat(43);
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

/** The RFC 7638 thumbprint of a fixed client key. */
export const jktOf = (key: ClientKeyName): Promise<string> => jwkThumbprint(publicJwk(inputs.client_keys[key]));

export interface PushOptions {
  /** Put a DPoP proof made with this key on the PAR request. */
  proofKey?: ClientKeyName;
  /** One change to that proof. */
  mutation?: Mutation;
  /** Send dpop_jkt, the thumbprint of this key, in the PAR body. */
  dpopJkt?: ClientKeyName;
  /** Body parameters to add or override. */
  form?: Record<string, string>;
}

/** A pushed authorization request of the public client (RFC 9126 §2.1) at the mock AS: status and body. */
export async function push(p: Probe, o: PushOptions = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = `${p.m.asUrl}/par`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (o.proofKey) headers.dpop = await buildProof({ key: o.proofKey, htm: 'POST', htu: url, mutation: o.mutation });
  const form = {
    response_type: 'code',
    client_id: inputs.clients.public.client_id,
    redirect_uri: REDIRECT,
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    state: 'pushed-state',
    ...(o.dpopJkt ? { dpop_jkt: await jktOf(o.dpopJkt) } : {}),
    ...o.form,
  };
  const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

/** The authorization endpoint with a request_uri (RFC 9126 §4): the status and the redirect's parameters. */
export async function authorizeWith(
  p: Probe,
  requestUri: string,
  clientId = inputs.clients.public.client_id,
): Promise<{ status: number; params: URLSearchParams; error?: string }> {
  const q = new URLSearchParams({ client_id: clientId, request_uri: requestUri });
  const res = await fetch(`${p.m.asUrl}/authorize?${q}`, { redirect: 'manual' });
  const location = res.headers.get('location');
  const body = location ? undefined : ((await res.json().catch(() => ({}))) as { error?: string });
  if (location) await res.body?.cancel();
  return { status: res.status, params: new URL(location ?? 'http://none/').searchParams, error: body?.error };
}

/**
 * The whole pushed code flow of the public client: PAR (as `o` says), the authorization
 * endpoint with its request_uri, the code at the token endpoint with a proof by `tokenKey`.
 * The outcome of the PAR request if it was refused, else the token response's.
 */
export async function pushedCodeFlow(p: Probe, o: PushOptions & { tokenKey?: ClientKeyName } = {}): Promise<string> {
  const pushed = await push(p, o);
  if (pushed.status !== 201)
    return `PAR ${pushed.status} ${typeof pushed.body.error === 'string' ? pushed.body.error : ''}`.trim();
  const authorized = await authorizeWith(p, String(pushed.body.request_uri));
  const code = authorized.params.get('code');
  if (!code) return `authorize ${authorized.status} ${authorized.error ?? authorized.params.get('error') ?? ''}`.trim();
  return outcome(
    await p.token({
      publicClient: true,
      key: o.tokenKey ?? 'client-p256',
      form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER },
    }),
  );
}
