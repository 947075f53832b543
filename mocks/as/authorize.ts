import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { base64url } from 'jose';
import { loadInputs } from '../../base/fixed-inputs.js';
import { OAuthHttpError } from '../http/oauth-error.js';
import type { AsState } from './state.js';
import { MAX_REDIRECT_URI_LENGTH, MAX_STATE_LENGTH, scopeProblem } from './stores.js';

/** Lifetime of an authorization code, seconds. */
export const CODE_TTL = 120;

/**
 * The authorization endpoint, approving automatically (a test AS has no user):
 * response_type=code with PKCE S256 (RFC 7636), and `dpop_jkt` (RFC 9449 §10)
 * remembered for the token request.
 */
export function authorizeEndpoint(s: AsState) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const q = req.query as Record<string, unknown>;
    const str = (k: string) => (typeof q[k] === 'string' ? q[k] : undefined);
    const { confidential, public: pub, bound } = loadInputs().clients;
    const clientId = str('client_id');
    const redirectUri = str('redirect_uri');
    if (!clientId || ![confidential.client_id, pub.client_id, bound.client_id].includes(clientId))
      throw new OAuthHttpError(400, 'invalid_request', 'unknown client_id');
    let redirect: URL;
    try {
      redirect = new URL(redirectUri ?? '');
      if (!['http:', 'https:'].includes(redirect.protocol)) throw new Error();
    } catch {
      throw new OAuthHttpError(400, 'invalid_request', 'redirect_uri must be an absolute http(s) URI');
    }
    // Bounded as sent and as it will be echoed (percent-encoded) in Location, with state (docs/mocks.md).
    if (redirectUri!.length > MAX_REDIRECT_URI_LENGTH || redirect.href.length > MAX_REDIRECT_URI_LENGTH)
      throw new OAuthHttpError(
        400,
        'invalid_request',
        `redirect_uri longer than ${MAX_REDIRECT_URI_LENGTH} characters`,
      );
    if ((str('state')?.length ?? 0) > MAX_STATE_LENGTH)
      throw new OAuthHttpError(400, 'invalid_request', `state longer than ${MAX_STATE_LENGTH} characters`);
    const fail = (error: string, description: string) => {
      redirect.searchParams.set('error', error);
      redirect.searchParams.set('error_description', description);
      if (str('state')) redirect.searchParams.set('state', str('state')!);
      return reply.redirect(redirect.href, 302);
    };
    if (str('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
    if (!str('code_challenge') || str('code_challenge_method') !== 'S256')
      return fail('invalid_request', 'PKCE with S256 is required');
    // RFC 7636 §4.2: an S256 challenge is BASE64URL(SHA-256(verifier)), 43 characters.
    if (!/^[A-Za-z0-9_-]{43}$/.test(str('code_challenge')!))
      return fail('invalid_request', 'code_challenge is not an S256 challenge (43 base64url characters)');
    const scope = str('scope');
    const badScope = scopeProblem(scope);
    if (badScope) return fail('invalid_scope', badScope);
    const dpopJkt = str('dpop_jkt');
    if (dpopJkt !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(dpopJkt))
      return fail('invalid_request', 'dpop_jkt is not a SHA-256 JWK thumbprint');
    const code = base64url.encode(randomBytes(24));
    const now = s.config.clock.now();
    const grant = { clientId, redirectUri: redirectUri!, codeChallenge: str('code_challenge')!, dpopJkt, scope };
    s.codes.put(code, grant, now + CODE_TTL, now);
    redirect.searchParams.set('code', code);
    if (str('state')) redirect.searchParams.set('state', str('state')!);
    redirect.searchParams.set('iss', s.issuer);
    return reply.redirect(redirect.href, 302);
  };
}
