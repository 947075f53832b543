import { decodeProtectedHeader, decodeJwt, type ProtectedHeaderParameters } from 'jose';
import { ProofInvalid } from './errors.js';

/** A proof's protected header and claims set, decoded but not yet verified. */
export interface DecodedProof {
  header: ProtectedHeaderParameters;
  claims: Record<string, unknown>;
}

function requireThreeParts(proof: string): void {
  if (typeof proof !== 'string' || proof.split('.').length !== 3) {
    throw new ProofInvalid('PROOF_MALFORMED', 'not three dot-separated parts');
  }
}

/** Decodes a proof, or PROOF_MALFORMED (RFC 9449 §4.3 check 2): the step before any check can run. */
export function readProof(proof: string): DecodedProof {
  requireThreeParts(proof);
  try {
    return { header: decodeProtectedHeader(proof), claims: decodeJwt(proof) };
  } catch (e) {
    throw new ProofInvalid('PROOF_MALFORMED', (e as Error).message);
  }
}

/**
 * The protected header of a proof, or PROOF_MALFORMED (RFC 9449 §4.3 check 2). Decodes the
 * header only: enough to choose how to verify; readProof (which every verification runs)
 * still refuses a proof whose claims do not decode.
 */
export function readProofHeader(proof: string): ProtectedHeaderParameters {
  requireThreeParts(proof);
  try {
    return decodeProtectedHeader(proof);
  } catch (e) {
    throw new ProofInvalid('PROOF_MALFORMED', (e as Error).message);
  }
}
