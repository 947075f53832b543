import { decodeJws } from '../../protocol/decode-jws.js';
import type { CheckInput } from './types.js';

/** Claims of the access token in a token response, or a description of why there are none. */
export function issuedClaims(i: CheckInput): Record<string, any> | string {
  const token = i.body.access_token;
  if (typeof token !== 'string') return 'the response has no access_token';
  return decodeJws(token)?.claims ?? 'the access token is not a JWT, so its cnf cannot be read';
}
