import { decodeJws } from '../../protocol/decode-jws.js';
import type { CheckInput } from './types.js';

/**
 * The claims of an access token as the server wrote them. Nothing is known of a member's
 * type until a check tests it (typeof, or `at` from base/json-value.ts for cnf.sk.r and the like):
 * a hostile server's claims must not pass for the shape we expect.
 */
export type TokenClaims = Readonly<Record<string, unknown>>;

/** Claims of the access token in a token response, or a description of why there are none. */
export function issuedClaims(i: CheckInput): TokenClaims | string {
  const token = i.body.access_token;
  if (typeof token !== 'string') return 'the response has no access_token';
  return decodeJws(token)?.claims ?? 'the access token is not a JWT, so its cnf cannot be read';
}
