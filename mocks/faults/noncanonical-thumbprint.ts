import { createHash } from 'node:crypto';
import { base64url } from 'jose';

/** A thumbprint over the JWK exactly as sent: the classic mistake RFC 7638 §3 rules out. */
export function noncanonicalThumbprint(jwk: object): string {
  return base64url.encode(createHash('sha256').update(JSON.stringify(jwk)).digest());
}
