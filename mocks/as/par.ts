import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { base64url } from 'jose';
import { dpopHeaders } from '../http/dpop-header.js';
import { OAuthHttpError } from '../http/oauth-error.js';
import { uncheckedProofKey } from '../faults/unchecked-proof-key.js';
import {
  checkAuthorizationRequest,
  isProblem,
  type AuthorizationProblem,
  type AuthorizationRequest,
  type Params,
} from './authorization-request.js';
import { authenticateClient } from './client-auth.js';
import { checkTokenRequestProof } from './proof-check.js';
import type { AsState } from './state.js';
import { formOf } from './token-endpoint.js';

/** Lifetime of a request_uri, seconds (RFC 9126 §2.2: "typically relatively short"). */
export const PAR_TTL = 60;

/** The RFC 9126 §2.2 form of a request_uri; the random part is 24 bytes, 192 bits. */
export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

const invalidRequest = (d: string) => new OAuthHttpError(400, 'invalid_request', d);

/**
 * The thumbprint a DPoP header on the PAR request binds the code to (RFC 9449 §10.1: the
 * proof is checked as in §4.3, the same checks, nonces and replay cache as at the token
 * endpoint, htu being the PAR endpoint); undefined without a DPoP header.
 */
async function headerThumbprint(req: FastifyRequest, s: AsState): Promise<string | undefined> {
  const [first] = dpopHeaders(req);
  if (first === undefined) return undefined;
  if (s.fault('as-par-skip-proof-check')) return uncheckedProofKey(first);
  return (await checkTokenRequestProof(req, s))?.jkt;
}

/**
 * The pushed authorization request endpoint (RFC 9126 §2): the client authenticates as at
 * the token endpoint, the request is checked as at the authorization endpoint, and a
 * one-time request_uri living PAR_TTL seconds is returned with 201. RFC 9449 §10.1: a
 * `dpop_jkt` in the body binds the code, and so does a DPoP header (its proof checked);
 * with both, their keys must be the same.
 */
export function parEndpoint(s: AsState) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const form = formOf(req, 'the pushed authorization request');
    const client = authenticateClient(req, form, s.config.clientSecret, s.fault('as-skip-client-auth'));
    // RFC 9126 §2.1: "The request_uri authorization request parameter is one exception, and it MUST NOT be provided."
    if (form.request_uri !== undefined) throw invalidRequest('request_uri must not be pushed (RFC 9126 §2.1)');
    if (form.client_id !== undefined && form.client_id !== client.clientId)
      throw invalidRequest('client_id differs from the authenticated client');
    const checked = checkAuthorizationRequest({ ...form, client_id: client.clientId });
    if (isProblem(checked)) throw new OAuthHttpError(400, checked.error, checked.description);
    const headerJkt = await headerThumbprint(req, s);
    const bodyJkt = s.fault('as-par-ignore-dpop-jkt') ? undefined : checked.dpopJkt;
    if (bodyJkt && headerJkt && bodyJkt !== headerJkt && !s.fault('as-par-accept-jkt-mismatch'))
      throw invalidRequest('dpop_jkt does not match the key of the DPoP proof (RFC 9449 §10.1)');
    const boundTo = bodyJkt ?? (s.fault('as-par-ignore-dpop-header') ? undefined : headerJkt);
    const requestUri = REQUEST_URI_PREFIX + base64url.encode(randomBytes(24));
    const now = s.config.clock.now();
    const pushed: AuthorizationRequest = { ...checked, dpopJkt: boundTo };
    if (!s.pushed.put(requestUri, pushed, now + PAR_TTL, now)) throw invalidRequest('the pushed request is too large');
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (s.config.nonce) headers['dpop-nonce'] = s.nonces.issue(now);
    return reply.code(201).headers(headers).send({ request_uri: requestUri, expires_in: PAR_TTL });
  };
}

/**
 * The pushed request a `request_uri` at the authorization endpoint names (RFC 9126 §4),
 * taken from the store: one use only, within PAR_TTL, and only by the client that pushed
 * it (§2.2: "bound to the client that posted the authorization request").
 */
export function takePushed(s: AsState, query: Params): AuthorizationRequest | AuthorizationProblem {
  const uri = query.request_uri;
  const clientId = query.client_id;
  const refuse = (description: string): AuthorizationProblem => ({
    error: 'invalid_request_uri',
    description,
    redirect: false,
  });
  if (typeof uri !== 'string') return refuse('request_uri repeated');
  const pushed = s.pushed.take(uri, s.config.clock.now());
  if (!pushed) return refuse('unknown, used or expired request_uri');
  if (clientId !== pushed.clientId) return refuse('request_uri was pushed by another client');
  return pushed;
}
