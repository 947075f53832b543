import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

/** The members RFC 7638 §3.2 hashes for each key type, in lexicographic order (as jose takes them). */
const REQUIRED: Record<string, readonly string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
  oct: ['k', 'kty'],
};

/**
 * RFC 7638 SHA-256 thumbprint, base64url (the `jkt` of RFC 9449 §6.1). A plain JWK of a
 * known type with every required member a non-empty string is hashed here with node's
 * synchronous SHA-256 (the same bytes jose hashes: JSON of the required members in order);
 * anything else goes to jose, which hashes it or names what is wrong with it.
 */
export function jwkThumbprint(jwk: JWK): Promise<string> {
  const kty = typeof jwk === 'object' && jwk !== null ? jwk.kty : undefined;
  const members = typeof kty === 'string' && Object.hasOwn(REQUIRED, kty) ? REQUIRED[kty] : undefined;
  if (members && Object.getPrototypeOf(jwk) === Object.prototype) {
    const record = jwk as Record<string, unknown>;
    if (members.every((m) => typeof record[m] === 'string' && record[m] !== '')) {
      const input = JSON.stringify(Object.fromEntries(members.map((m) => [m, record[m]])));
      return Promise.resolve(createHash('sha256').update(input).digest('base64url'));
    }
  }
  return calculateJwkThumbprint(jwk, 'sha256');
}
