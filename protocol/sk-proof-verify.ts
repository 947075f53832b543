import { runChecks, type Check } from './check.js';
import type { ProofClaims } from './proof-claims.js';
import { readProof } from './proof-header.js';
import {
  SYMMETRIC_PROOF_CHECKS,
  type SymmetricProofContext,
  type SymmetricProofSubject,
} from './symmetric-proof-checks.js';

export type { SymmetricProofContext } from './symmetric-proof-checks.js';

export interface VerifiedSkProof {
  header: Record<string, unknown>;
  claims: ProofClaims;
}

/** Verifies a symmetric proof under SK by running `checks` (by default DPoP-SK §4 and §5 steps 5–6, replay aside). */
export async function verifySkProof(
  proof: string,
  sk: Uint8Array,
  ctx: SymmetricProofContext,
  checks: readonly Check<SymmetricProofSubject>[] = SYMMETRIC_PROOF_CHECKS,
): Promise<VerifiedSkProof> {
  const { header, claims } = readProof(proof);
  await runChecks(checks, { proof, header, claims, sk, ctx });
  return { header: header, claims: claims as ProofClaims };
}
