import type { JWK, JWSHeaderParameters } from 'jose';
import { PROOF_TYP, SK_PROOF_TYP, SYMMETRIC_ALG } from './algorithms.js';
import { accessTokenHash } from './ath.js';
import { publicJwk } from './jwk.js';
import { newJti, nowSeconds, signCompact } from './sign.js';

export interface ProofClaimInput {
  htm: string;
  htu: string;
  iat?: number;
  jti?: string;
  /** The access token the proof accompanies; its hash becomes ath. */
  accessToken?: string;
  nonce?: string;
}

function claimsOf(input: ProofClaimInput): Record<string, unknown> {
  const claims: Record<string, unknown> = { jti: input.jti ?? newJti(), htm: input.htm, htu: input.htu, iat: input.iat ?? nowSeconds() };
  if (input.accessToken !== undefined) claims.ath = accessTokenHash(input.accessToken);
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  return claims;
}

/** A correct RFC 9449 §4.2 proof signed with a private JWK (alg defaults to the key's alg). */
export function createProof(privateJwk: JWK, input: ProofClaimInput, alg = privateJwk.alg!): Promise<string> {
  const header: JWSHeaderParameters = { typ: PROOF_TYP, alg, jwk: publicJwk(privateJwk) };
  return signCompact(header, claimsOf(input), privateJwk);
}

/** A correct DPoP-SK §4 symmetric proof (ath is required: pass accessToken). */
export function createSkProof(sk: Uint8Array, input: ProofClaimInput & { accessToken: string }, kid?: string): Promise<string> {
  const header: JWSHeaderParameters = { typ: SK_PROOF_TYP, alg: SYMMETRIC_ALG, ...(kid !== undefined ? { kid } : {}) };
  return signCompact(header, claimsOf(input), sk);
}

export { claimsOf as proofClaims };
