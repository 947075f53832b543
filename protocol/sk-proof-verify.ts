import { compactVerify, decodeJwt } from 'jose';
import { SK_PROOF_TYP, SYMMETRIC_ALG } from './algorithms.js';
import { ProofInvalid } from './errors.js';
import { fromJoseError } from './jose-errors.js';
import { checkProofClaims, type ProofCheck, type ProofCheckContext, type ProofClaims } from './proof-claims.js';
import { readProofHeader } from './proof-header.js';

const FORBIDDEN = ['jwk', 'jku', 'x5c', 'x5u'] as const;

export interface SymmetricProofContext extends ProofCheckContext {
  accessToken: string;
  /** 'A': no kid allowed (DPoP-SK §4); 'B': kid carries the ticket, checked by the caller (§6). */
  model: 'A' | 'B';
}

export interface VerifiedSkProof { header: Record<string, unknown>; claims: ProofClaims }

/** True when the proof claims to be a DPoP-SK symmetric proof (typ dpop-sk+jwt). */
export function isSymmetricProof(proof: string): boolean {
  try {
    return readProofHeader(proof).typ === SK_PROOF_TYP;
  } catch {
    return false;
  }
}

/** DPoP-SK §4 header rules, §5 step 5 MAC and §5 step 6 claim checks (replay left to the caller's cache). */
export async function verifySkProof(proof: string, sk: Uint8Array, ctx: SymmetricProofContext): Promise<VerifiedSkProof> {
  const header = readProofHeader(proof);
  const on = (check: ProofCheck) => !ctx.lax?.has(check);
  if (on('typ') && header.typ !== SK_PROOF_TYP) throw new ProofInvalid('PROOF_BAD_TYP', `typ ${JSON.stringify(header.typ)}`);
  if (on('alg') && header.alg !== SYMMETRIC_ALG) throw new ProofInvalid('PROOF_ALG_NOT_ALLOWED', `alg ${JSON.stringify(header.alg)}`);
  const forbidden = FORBIDDEN.filter((h) => h in header);
  if (on('sk-header') && forbidden.length > 0) throw new ProofInvalid('PROOF_FORBIDDEN_HEADER', forbidden.join(', '));
  if (on('sk-header') && ctx.model === 'A' && 'kid' in header) throw new ProofInvalid('PROOF_KID_UNEXPECTED');
  if (on('signature') && header.alg === SYMMETRIC_ALG) {
    try {
      await compactVerify(proof, sk, { algorithms: [SYMMETRIC_ALG] });
    } catch (e) {
      throw fromJoseError(e, (r, d) => new ProofInvalid(r, d), 'PROOF_BAD_MAC', 'PROOF_MALFORMED');
    }
  }
  const claims = checkProofClaims(decodeJwt(proof), ctx, true);
  return { header: header as Record<string, unknown>, claims };
}
