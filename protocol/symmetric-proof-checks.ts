import { createHmac, timingSafeEqual } from 'node:crypto';
import { compactVerify } from 'jose';
import { SK_PROOF_TYP, SYMMETRIC_ALG } from './algorithms.js';
import { defineCheck } from './check.js';
import { ProofInvalid } from './errors.js';
import { fromJoseError } from './jose-errors.js';
import { PROOF_CLAIM_CHECKS, type ClaimsSubject, type ProofCheckContext } from './proof-claims.js';
import type { DecodedProof } from './proof-header.js';

/** Header parameters that name an asymmetric key, which a symmetric proof must not carry (DPoP-SK §4). */
const FORBIDDEN = ['jwk', 'jku', 'x5c', 'x5u'] as const;

export interface SymmetricProofContext extends ProofCheckContext {
  accessToken: string;
  /** 'A': no kid allowed (DPoP-SK §4); 'B': kid carries the ticket, checked by the caller (§6). */
  model: 'A' | 'B';
}

/** What the symmetric proof checks read. */
export interface SymmetricProofSubject extends DecodedProof, ClaimsSubject {
  proof: string;
  /** The SK the proof must be MACed with. */
  sk: Uint8Array;
  ctx: SymmetricProofContext;
}

type Subject = SymmetricProofSubject;

export const skProofTypCheck = defineCheck('typ', 'DPoP-SK §4', ({ header }: Subject) => {
  if (header.typ !== SK_PROOF_TYP) throw new ProofInvalid('PROOF_BAD_TYP', `typ ${JSON.stringify(header.typ)}`);
});

export const skProofAlgCheck = defineCheck('alg', 'DPoP-SK §4', ({ header }: Subject) => {
  if (header.alg !== SYMMETRIC_ALG) {
    throw new ProofInvalid('PROOF_ALG_NOT_ALLOWED', `alg ${JSON.stringify(header.alg)}`);
  }
});

/** No jwk, jku, x5c or x5u; and no kid in Model A (Model B's kid is the ticket). */
export const skHeaderRulesCheck = defineCheck('sk-header-rules', 'DPoP-SK §4', ({ header, ctx }: Subject) => {
  const forbidden = FORBIDDEN.filter((h) => h in header);
  if (forbidden.length > 0) throw new ProofInvalid('PROOF_FORBIDDEN_HEADER', forbidden.join(', '));
  if (ctx.model === 'A' && 'kid' in header) throw new ProofInvalid('PROOF_KID_UNEXPECTED');
});

/** The HS256 MAC verifies with SK. Judged for alg HS256 only: the alg check refuses any other. */
export const skProofMacCheck = defineCheck('signature', 'DPoP-SK §5 step 5', async ({ proof, header, sk }: Subject) => {
  if (header.alg !== SYMMETRIC_ALG) return;
  if (macMatchesPlainly(proof, header, sk)) return;
  try {
    await compactVerify(proof, sk, { algorithms: [SYMMETRIC_ALG] });
  } catch (e) {
    throw fromJoseError(e, (r, d) => new ProofInvalid(r, d), 'PROOF_BAD_MAC', 'PROOF_MALFORMED');
  }
});

/** The header parameters a proof may have for the MAC to be judged without jose (no crit, no b64). */
const PLAIN_HEADER = new Set(['typ', 'alg', 'kid']);

/**
 * True when the proof's third part is exactly the base64url HMAC-SHA256 of its first two
 * under SK and its header holds nothing but typ, alg and kid: then jose would accept the
 * MAC too (RFC 7515 §5.2), and node's synchronous HMAC (compared in constant time) spares a WebCrypto key import and a
 * thread-pool round trip per proof. Anything else (a wrong MAC included) goes to jose,
 * which decides it and names the failure.
 */
function macMatchesPlainly(proof: string, header: object, sk: Uint8Array): boolean {
  for (const name of Object.keys(header)) if (!PLAIN_HEADER.has(name)) return false;
  const end = proof.lastIndexOf('.');
  const expected = Buffer.from(createHmac('sha256', sk).update(proof.slice(0, end)).digest('base64url'));
  const given = Buffer.from(proof.slice(end + 1));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** DPoP-SK §4 header rules, the §5 step 5 MAC and the §5 step 6 claim checks, in order (replay left to the caller). */
export const SYMMETRIC_PROOF_CHECKS = [
  skProofTypCheck,
  skProofAlgCheck,
  skHeaderRulesCheck,
  skProofMacCheck,
  ...PROOF_CLAIM_CHECKS,
] as const;
