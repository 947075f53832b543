import type { JWK } from 'jose';
import { buildDpopProof, type ProofClaimInputs } from './proof-build.js';

/** A correct RFC 9449 §4.2 proof signed with a private JWK (alg defaults to the key's alg). */
export function createProof(privateJwk: JWK, input: ProofClaimInputs, alg?: string): Promise<string> {
  return buildDpopProof({ ...input, jwk: privateJwk, alg });
}

/** A correct DPoP-SK §4 symmetric proof (ath is required: pass accessToken); kid is the Model B ticket. */
export function createSkProof(
  sk: Uint8Array,
  input: ProofClaimInputs & { accessToken: string },
  kid?: string,
): Promise<string> {
  return buildDpopProof({ ...input, symmetric: { sk, kid } });
}
