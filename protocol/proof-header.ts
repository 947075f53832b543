import { decodeProtectedHeader, decodeJwt, type ProtectedHeaderParameters } from 'jose';
import { ProofInvalid } from './errors.js';

/** The protected header of a proof, or PROOF_MALFORMED (RFC 9449 §4.3 check 2). */
export function readProofHeader(proof: string): ProtectedHeaderParameters {
  if (typeof proof !== 'string' || proof.split('.').length !== 3) throw new ProofInvalid('PROOF_MALFORMED', 'not three dot-separated parts');
  try {
    const header = decodeProtectedHeader(proof);
    decodeJwt(proof);
    return header;
  } catch (e) {
    throw new ProofInvalid('PROOF_MALFORMED', (e as Error).message);
  }
}
