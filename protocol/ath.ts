import { createHash } from 'node:crypto';
import { base64url } from 'jose';

/** base64url(SHA-256(ASCII access token)), RFC 9449 §4.2. */
export function accessTokenHash(accessToken: string): string {
  return base64url.encode(createHash('sha256').update(accessToken, 'ascii').digest());
}
