import { decodeProtectedHeader, decodeJwt, type ProtectedHeaderParameters } from 'jose';
import { ProofInvalid } from './errors.js';

/** A proof's protected header and claims set, decoded but not yet verified. */
export interface DecodedProof {
  header: ProtectedHeaderParameters;
  claims: Record<string, unknown>;
}

/** Decodes a proof, or PROOF_MALFORMED (RFC 9449 §4.3 check 2): the step before any check can run. */
export function readProof(proof: string): DecodedProof {
  if (typeof proof !== 'string' || proof.split('.').length !== 3) {
    throw new ProofInvalid('PROOF_MALFORMED', 'not three dot-separated parts');
  }
  try {
    return { header: decodeProtectedHeader(proof), claims: decodeJwt(proof) };
  } catch (e) {
    throw new ProofInvalid('PROOF_MALFORMED', (e as Error).message);
  }
}

/** The protected header of a proof, or PROOF_MALFORMED (RFC 9449 §4.3 check 2). */
export function readProofHeader(proof: string): ProtectedHeaderParameters {
  return readProof(proof).header;
}
