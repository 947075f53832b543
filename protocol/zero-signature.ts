import { base64url } from 'jose';

/**
 * The "psychic signature" (CVE-2022-21449): an ECDSA signature whose r and s are both 0,
 * which every correct verifier refuses (RFC 7518 §3.4 via FIPS 186: r and s lie in [1, n-1])
 * and a broken one accepts for any message and key. Keeps the signature's length.
 */
export function zeroSignature(jws: string): string {
  const parts = jws.split('.');
  parts[2] = base64url.encode(new Uint8Array(base64url.decode(parts[2]).length));
  return parts.join('.');
}

/** True when the compact JWS carries a signature of zero bytes only (r = s = 0 for ECDSA). */
export function hasZeroSignature(jws: string): boolean {
  const sig = jws.split('.')[2];
  if (!sig) return false;
  try {
    const bytes = base64url.decode(sig);
    return bytes.length > 0 && bytes.every((b) => b === 0);
  } catch {
    return false;
  }
}
