import { createHash } from 'node:crypto';
import { base64url } from 'jose';
import { ProofInvalid } from '../protocol/errors.js';
import type { ProofClaims } from '../protocol/proof-claims.js';

const RFC9449_CLAIMS = new Set(['jti', 'htm', 'htu', 'iat', 'ath', 'nonce']);

/** A thumbprint over the JWK exactly as sent: the classic mistake RFC 7638 §3 rules out. */
export function noncanonicalThumbprint(jwk: object): string {
  return base64url.encode(createHash('sha256').update(JSON.stringify(jwk)).digest());
}

/**
 * The faults that make a mock stricter than RFC 9449 allows; positive cases catch them.
 * `fault(name)` answers for the side's own prefix (as-… or rs-…).
 */
export function overStrictChecks(fault: (name: string) => boolean, side: 'as' | 'rs', claims: ProofClaims, uri: string): void {
  const on = (name: string) => fault(`${side}-${name}`);
  // Compares with the query included, which RFC 9449 §4.3 check 9 and DPoP-SK §9 rule out.
  if (on('htu-with-query') && new URL(uri).search && claims.htu !== uri) throw new ProofInvalid('PROOF_HTU_MISMATCH', 'htu lacks the request query');
  if (on('htu-exact-string') && claims.htu !== uri.split('?')[0]) throw new ProofInvalid('PROOF_HTU_MISMATCH', 'htu is not the exact request URI string');
  if (on('reject-extra-claims')) {
    const extra = Object.keys(claims).filter((k) => !RFC9449_CLAIMS.has(k));
    if (extra.length) throw new ProofInvalid('PROOF_MALFORMED', `unexpected claims ${extra.join(', ')}`);
  }
}
