import type { JWK } from 'jose';
import {
  ASYMMETRIC_PROOF_CHECKS,
  proofJkt,
  type AsymmetricProofContext,
  type AsymmetricProofSubject,
} from './asymmetric-proof-checks.js';
import { runChecks, type Check } from './check.js';
import { ProofInvalid } from './errors.js';
import type { ProofClaims } from './proof-claims.js';
import { readProof } from './proof-header.js';

export type { AsymmetricProofContext } from './asymmetric-proof-checks.js';

export interface VerifiedProof {
  header: Record<string, unknown>;
  claims: ProofClaims;
  jwk: JWK;
  /** RFC 7638 thumbprint of the proof key. */
  jkt: string;
}

/** Verifies an asymmetric proof by running `checks` (by default every RFC 9449 §4.3 check but replay) on it. */
export async function verifyProof(
  proof: string,
  ctx: AsymmetricProofContext,
  checks: readonly Check<AsymmetricProofSubject>[] = ASYMMETRIC_PROOF_CHECKS,
): Promise<VerifiedProof> {
  const { header, claims } = readProof(proof);
  const subject: AsymmetricProofSubject = { proof, header, claims, ctx };
  await runChecks(checks, subject);
  const jwk = header.jwk;
  // The result names the proof key: a proof without one cannot be reported as verified.
  if (typeof jwk !== 'object' || jwk === null) throw new ProofInvalid('PROOF_JWK_MISSING');
  const jkt = await proofJkt(subject, jwk);
  return { header: header, claims: claims as ProofClaims, jwk, jkt };
}
