import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { loadInputs } from '../../base/fixed-inputs.js';
import { OAuthHttpError } from '../http/oauth-error.js';

export interface AuthenticatedClient {
  clientId: string;
  isPublic: boolean;
}

/**
 * RFC 6749 §2.3.1: the Basic user name and password are the client id and secret encoded
 * with application/x-www-form-urlencoded (Appendix B), so "+" is a space before
 * percent-decoding. Broken percent-encoding throws (URIError).
 */
const formDecode = (value: string): string => decodeURIComponent(value.replace(/\+/g, ' '));

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Client authentication at the token endpoint (RFC 6749 §2.3.1): client_secret_basic
 * or client_secret_post for the confidential test clients (conformance-client, and
 * conformance-bound, registered with dpop_bound_access_tokens: true, RFC 9449 §5.2; this AS
 * refuses a token request without a proof from any client), client_id alone for the
 * public one (token_endpoint_auth_method none).
 */
export function authenticateClient(
  req: FastifyRequest,
  form: Record<string, string>,
  expectedSecret: string,
  skipSecretCheck: boolean,
): AuthenticatedClient {
  const { confidential, public: pub, bound } = loadInputs().clients;
  let id = form.client_id;
  let secret = form.client_secret;
  const basic = /^basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw invalidClient('malformed Basic credentials');
    try {
      id = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    } catch {
      throw invalidClient('malformed Basic credentials (RFC 6749 §2.3.1 form-encoding)');
    }
  }
  if (id === pub.client_id && secret === undefined) return { clientId: id, isPublic: true };
  if (id === confidential.client_id) {
    if (secret !== undefined && (skipSecretCheck || same(secret, expectedSecret)))
      return { clientId: id, isPublic: false };
    throw invalidClient('client authentication failed');
  }
  if (id === bound.client_id) {
    if (secret !== undefined && (skipSecretCheck || same(secret, bound.client_secret)))
      return { clientId: id, isPublic: false };
    throw invalidClient('client authentication failed');
  }
  throw invalidClient('unknown client');
}

function invalidClient(description: string): OAuthHttpError {
  return new OAuthHttpError(401, 'invalid_client', description, { 'www-authenticate': 'Basic realm="token"' });
}
