import { compactVerify, decodeJwt, type JWK } from 'jose';
import { ASYMMETRIC_ALGS, PROOF_TYP } from './algorithms.js';
import { ProofInvalid } from './errors.js';
import { hasPrivateMembers, publicJwk } from './jwk.js';
import { fromJoseError } from './jose-errors.js';
import { checkProofClaims, type ProofCheck, type ProofCheckContext, type ProofClaims } from './proof-claims.js';
import { readProofHeader } from './proof-header.js';
import { keyFor } from './sign.js';
import { jwkThumbprint } from './thumbprint.js';

export interface VerifiedProof {
  header: Record<string, unknown>;
  claims: ProofClaims;
  jwk: JWK;
  /** RFC 7638 thumbprint of the proof key. */
  jkt: string;
}

export interface AsymmetricProofContext extends ProofCheckContext {
  /** cnf.jkt of the presented access token (RFC 9449 §7.1). */
  expectedJkt?: string;
  /** Allowed algorithms (default ASYMMETRIC_ALGS). */
  algorithms?: readonly string[];
}

/** Every RFC 9449 §4.3 check on an asymmetric proof, except replay (the caller's cache, §11.1). */
export async function verifyProof(proof: string, ctx: AsymmetricProofContext): Promise<VerifiedProof> {
  const header = readProofHeader(proof);
  const on = (check: ProofCheck) => !ctx.lax?.has(check);
  if (on('typ') && header.typ !== PROOF_TYP) throw new ProofInvalid('PROOF_BAD_TYP', `typ ${JSON.stringify(header.typ)}`);
  const algorithms = ctx.algorithms ?? ASYMMETRIC_ALGS;
  const asymmetric = typeof header.alg === 'string' && algorithms.includes(header.alg);
  if (on('alg') && !asymmetric) {
    throw new ProofInvalid('PROOF_ALG_NOT_ALLOWED', `alg ${JSON.stringify(header.alg)}`);
  }
  if (typeof header.jwk !== 'object' || header.jwk === null) throw new ProofInvalid('PROOF_JWK_MISSING');
  if (on('jwk-private') && hasPrivateMembers(header.jwk)) throw new ProofInvalid('PROOF_JWK_PRIVATE');
  // A server that does not check alg cannot check an unsecured or MAC'd "signature" either.
  if (on('signature') && asymmetric) {
    try {
      await compactVerify(proof, (h) => keyFor(publicJwk(h.jwk as JWK), String(h.alg)), { algorithms: [...algorithms] });
    } catch (e) {
      throw fromJoseError(e, (r, d) => new ProofInvalid(r, d), 'PROOF_BAD_SIGNATURE', 'PROOF_MALFORMED');
    }
  }
  const claims = checkProofClaims(decodeJwt(proof), ctx, false);
  const jkt = await jwkThumbprint(publicJwk(header.jwk));
  if (on('jkt') && ctx.expectedJkt !== undefined && jkt !== ctx.expectedJkt) {
    throw new ProofInvalid('PROOF_JKT_MISMATCH', `proof key ${jkt}, token cnf.jkt ${ctx.expectedJkt}`);
  }
  return { header: header as Record<string, unknown>, claims, jwk: header.jwk, jkt };
}
