import { hkdfSync } from 'node:crypto';
import { base64url } from 'jose';
import { ValueMismatch } from './errors.js';

export const SK_INFO = 'DPoP-SK-v1';
export const SK_LENGTH = 32;

/** SK = HKDF-SHA256(IKM = S_V, salt = R, info = "DPoP-SK-v1", L = 32), DPoP-SK §2 (RFC 5869). */
export function deriveSk(secret: Uint8Array, r: Uint8Array): Uint8Array {
  if (r.length !== 32) throw new ValueMismatch('SK_INPUT_LENGTH', `R is ${r.length} bytes, must be 32`);
  if (secret.length < 32)
    throw new ValueMismatch('SK_INPUT_LENGTH', `S_V is ${secret.length} bytes, must be at least 32`);
  return hkdfSk(secret, r);
}

/**
 * The HKDF of DPoP-SK §2 on inputs of any length, without deriveSk's length checks: for a
 * token whose R is deliberately not 32 bytes (docs/profile.md §2: a verifier refuses it),
 * so that a verifier that does not refuse it sees a proof that verifies.
 */
export function hkdfSk(secret: Uint8Array, r: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, r, Buffer.from(SK_INFO, 'ascii'), SK_LENGTH));
}

/** The same derivation on base64url inputs and output, as they travel in tokens and vectors. */
export function deriveSkB64(secretB64: string, rB64: string): string {
  return base64url.encode(deriveSk(base64url.decode(secretB64), base64url.decode(rB64)));
}
