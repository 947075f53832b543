import { createHash } from 'node:crypto';
import { base64url } from 'jose';

/** A thumbprint over the JWK exactly as sent: the classic mistake RFC 7638 §3 rules out. */
export function noncanonicalThumbprint(jwk: object): string {
  return base64url.encode(createHash('sha256').update(JSON.stringify(jwk)).digest());
}

/** The bytes of a base64url EC coordinate with its leading zero bytes dropped (RFC 7518 §6.2.1.2 wants the full length). */
function minimal(coordinate: unknown): string {
  const bytes = base64url.decode(String(coordinate));
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return base64url.encode(bytes.subarray(i));
}

const REQUIRED: Record<string, string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  RSA: ['e', 'kty', 'n'],
  OKP: ['crv', 'kty', 'x'],
};

/**
 * An RFC 7638 thumbprint computed after re-encoding EC coordinates without their leading zero
 * bytes (as a big-integer round trip does): right for most keys, wrong for about one in 128.
 */
export function minimalCoordinatesThumbprint(jwk: Record<string, unknown>): string {
  const members = typeof jwk.kty === 'string' && Object.hasOwn(REQUIRED, jwk.kty) ? REQUIRED[jwk.kty] : [];
  const canonical = Object.fromEntries(
    members.map((m) => [m, jwk.kty === 'EC' && (m === 'x' || m === 'y') ? minimal(jwk[m]) : jwk[m]]),
  );
  return base64url.encode(createHash('sha256').update(JSON.stringify(canonical)).digest());
}
