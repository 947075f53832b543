import { loadInputs } from '../../base/fixed-inputs.js';
import { MAX_REDIRECT_URI_LENGTH, MAX_STATE_LENGTH, scopeProblem } from './stores.js';

/** An authorization request this AS accepts (RFC 6749 §4.1.1, PKCE S256, RFC 9449 §10 dpop_jkt). */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state?: string;
  scope?: string;
  dpopJkt?: string;
}

/**
 * Why an authorization request is refused: `redirect` false when the client or the
 * redirect URI is the problem (RFC 6749 §4.1.2.1: not redirected), true when the error
 * may go back to the redirect URI.
 */
export interface AuthorizationProblem {
  error: string;
  description: string;
  redirect: boolean;
}

/** Parameters as read from a query or form: a string each, or absent (repeated ones are the caller's to refuse). */
export type Params = Readonly<Record<string, unknown>>;

const str = (p: Params, k: string) => (typeof p[k] === 'string' ? p[k] : undefined);

/** A base64url SHA-256 value without padding (a PKCE S256 challenge, a JWK thumbprint): 43 characters. */
const isSha256Base64url = (v: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(v);

/** A redirect URI this AS accepts: absolute http(s), bounded as sent and as it will be echoed (docs/mocks.md). */
export function redirectProblem(redirectUri: string | undefined): AuthorizationProblem | undefined {
  let redirect: URL;
  try {
    redirect = new URL(redirectUri ?? '');
    if (!['http:', 'https:'].includes(redirect.protocol)) throw new Error();
  } catch {
    return { error: 'invalid_request', description: 'redirect_uri must be an absolute http(s) URI', redirect: false };
  }
  if (redirectUri!.length > MAX_REDIRECT_URI_LENGTH || redirect.href.length > MAX_REDIRECT_URI_LENGTH)
    return {
      error: 'invalid_request',
      description: `redirect_uri longer than ${MAX_REDIRECT_URI_LENGTH} characters`,
      redirect: false,
    };
  return undefined;
}

/**
 * Checks an authorization request's parameters, the same at the authorization endpoint and
 * at the PAR endpoint (RFC 9126 §2.1: "as it would an authorization request sent to the
 * authorization endpoint"); every value it returns is bounded before it is stored.
 */
export function checkAuthorizationRequest(p: Params): AuthorizationRequest | AuthorizationProblem {
  const { confidential, public: pub, bound } = loadInputs().clients;
  const clientId = str(p, 'client_id');
  if (!clientId || ![confidential.client_id, pub.client_id, bound.client_id].includes(clientId))
    return { error: 'invalid_request', description: 'unknown client_id', redirect: false };
  const badRedirect = redirectProblem(str(p, 'redirect_uri'));
  if (badRedirect) return badRedirect;
  const state = str(p, 'state');
  if ((state?.length ?? 0) > MAX_STATE_LENGTH)
    return {
      error: 'invalid_request',
      description: `state longer than ${MAX_STATE_LENGTH} characters`,
      redirect: false,
    };
  const fail = (error: string, description: string): AuthorizationProblem => ({ error, description, redirect: true });
  if (str(p, 'response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  const codeChallenge = str(p, 'code_challenge');
  if (!codeChallenge || str(p, 'code_challenge_method') !== 'S256')
    return fail('invalid_request', 'PKCE with S256 is required');
  // RFC 7636 §4.2: an S256 challenge is BASE64URL(SHA-256(verifier)), 43 characters.
  if (!isSha256Base64url(codeChallenge))
    return fail('invalid_request', 'code_challenge is not an S256 challenge (43 base64url characters)');
  const scope = str(p, 'scope');
  const badScope = scopeProblem(scope);
  if (badScope) return fail('invalid_scope', badScope);
  const dpopJkt = str(p, 'dpop_jkt');
  // RFC 7638 §3, RFC 9449 §10: a SHA-256 JWK thumbprint, base64url, 43 characters.
  if (dpopJkt !== undefined && !isSha256Base64url(dpopJkt))
    return fail('invalid_request', 'dpop_jkt is not a SHA-256 JWK thumbprint');
  return { clientId, redirectUri: str(p, 'redirect_uri')!, codeChallenge, state, scope, dpopJkt };
}

export const isProblem = (r: AuthorizationRequest | AuthorizationProblem): r is AuthorizationProblem => 'error' in r;
