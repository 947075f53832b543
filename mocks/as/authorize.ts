import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { base64url } from 'jose';
import { OAuthHttpError } from '../http/oauth-error.js';
import {
  checkAuthorizationRequest,
  isProblem,
  redirectProblem,
  type AuthorizationRequest,
} from './authorization-request.js';
import { takePushed } from './par.js';
import type { AsState } from './state.js';

/** Lifetime of an authorization code, seconds. */
export const CODE_TTL = 120;

/**
 * The authorization endpoint, approving automatically (a test AS has no user):
 * response_type=code with PKCE S256 (RFC 7636), and `dpop_jkt` (RFC 9449 §10)
 * remembered for the token request; or a `request_uri` from the PAR endpoint (RFC 9126
 * §4), whose pushed request (and the DPoP key it was bound to, RFC 9449 §10.1) is used.
 */
export function authorizeEndpoint(s: AsState) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const q = req.query as Record<string, unknown>;
    const checked = q.request_uri !== undefined ? takePushed(s, q) : checkAuthorizationRequest(q);
    if (isProblem(checked)) {
      const state = typeof q.state === 'string' ? q.state : undefined;
      if (!checked.redirect || typeof q.redirect_uri !== 'string' || redirectProblem(q.redirect_uri))
        throw new OAuthHttpError(400, checked.error, checked.description);
      const redirect = new URL(q.redirect_uri);
      redirect.searchParams.set('error', checked.error);
      redirect.searchParams.set('error_description', checked.description);
      if (state) redirect.searchParams.set('state', state);
      return reply.redirect(redirect.href, 302);
    }
    return reply.redirect(issueCode(s, checked), 302);
  };
}

/** Stores a code for the request and returns the redirect URI carrying it (RFC 6749 §4.1.2, RFC 9207 iss). */
function issueCode(s: AsState, r: AuthorizationRequest): string {
  const code = base64url.encode(randomBytes(24));
  const now = s.config.clock.now();
  const grant = {
    clientId: r.clientId,
    redirectUri: r.redirectUri,
    codeChallenge: r.codeChallenge,
    dpopJkt: r.dpopJkt,
    scope: r.scope,
  };
  s.codes.put(code, grant, now + CODE_TTL, now);
  const redirect = new URL(r.redirectUri);
  redirect.searchParams.set('code', code);
  if (r.state) redirect.searchParams.set('state', r.state);
  redirect.searchParams.set('iss', s.issuer);
  return redirect.href;
}
