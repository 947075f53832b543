import type { KeyObject } from 'node:crypto';
import { compactVerify, type JWK } from 'jose';
import { ASYMMETRIC_ALGS, PROOF_TYP } from './algorithms.js';
import { defineCheck } from './check.js';
import { ProofInvalid } from './errors.js';
import { fromJoseError } from './jose-errors.js';
import { hasPrivateMembers, publicJwk } from './jwk.js';
import { PROOF_CLAIM_CHECKS, type ClaimsSubject, type ProofCheckContext } from './proof-claims.js';
import type { DecodedProof } from './proof-header.js';
import { verifiesPlainly } from './node-jws.js';
import { keyFor } from './sign.js';
import { jwkThumbprint } from './thumbprint.js';

export interface AsymmetricProofContext extends ProofCheckContext {
  /** cnf.jkt of the presented access token (RFC 9449 §7.1). */
  expectedJkt?: string;
  /** Allowed algorithms (default ASYMMETRIC_ALGS). */
  algorithms?: readonly string[];
  /**
   * Imports the proof's (public) jwk for alg; default keyFor, a fresh import per proof.
   * A server passes its own bounded cache here (the key is the same for every proof of a
   * client, RFC 9449 §6.1); the signature is still verified on every proof.
   */
  importKey?: (jwk: JWK, alg: string) => Promise<CryptoKey | Uint8Array>;
  /** The same for node's synchronous verify (node-jws.ts): a public jwk as a KeyObject. */
  nodeKey?: (jwk: JWK) => KeyObject;
}

/** What the asymmetric proof checks read. */
export interface AsymmetricProofSubject extends DecodedProof, ClaimsSubject {
  proof: string;
  ctx: AsymmetricProofContext;
  /** The proof key's thumbprint, once computed (the jkt check and the verifier's result share it). */
  jkt?: Promise<string>;
}

type Subject = AsymmetricProofSubject;

/** True when alg names one of the asymmetric algorithms the verifier allows. */
export function allowsAlg(s: Subject): boolean {
  return typeof s.header.alg === 'string' && (s.ctx.algorithms ?? ASYMMETRIC_ALGS).includes(s.header.alg);
}

/** The jwk header, when there is one (jwk-present requires it; the checks that use it skip without it). */
function proofKey(s: Subject): JWK | undefined {
  return typeof s.header.jwk === 'object' && s.header.jwk !== null ? s.header.jwk : undefined;
}

export const proofTypCheck = defineCheck('typ', 'RFC 9449 §4.3 check 4', ({ header }: Subject) => {
  if (header.typ !== PROOF_TYP) throw new ProofInvalid('PROOF_BAD_TYP', `typ ${JSON.stringify(header.typ)}`);
});

/** alg is an asymmetric signature algorithm the verifier allows: not none, not a MAC. */
export const proofAlgCheck = defineCheck('alg', 'RFC 9449 §4.3 check 5', (s: Subject) => {
  if (!allowsAlg(s)) throw new ProofInvalid('PROOF_ALG_NOT_ALLOWED', `alg ${JSON.stringify(s.header.alg)}`);
});

export const jwkPresentCheck = defineCheck('jwk-present', 'RFC 9449 §4.2', (s: Subject) => {
  if (!proofKey(s)) throw new ProofInvalid('PROOF_JWK_MISSING');
});

export const jwkPublicCheck = defineCheck('jwk-public', 'RFC 9449 §4.3 check 7', (s: Subject) => {
  const jwk = proofKey(s);
  if (jwk && hasPrivateMembers(jwk)) throw new ProofInvalid('PROOF_JWK_PRIVATE');
});

/**
 * The signature verifies with the jwk header key. It is judged for an allowed alg and a
 * present key only: an unsecured or MAC'd proof has no signature to check (the alg check
 * refuses it), a keyless one no key to check it with (jwk-present refuses it).
 */
export const proofSignatureCheck = defineCheck('signature', 'RFC 9449 §4.3 check 6', (s: Subject) =>
  verifyProofSignature(s),
);

/**
 * The signature check's work. `understood` names the extension header parameters the
 * verifier understands (RFC 7515 §4.1.11): none, so a proof listing any in crit is refused.
 */
/** The header parameters a proof may have for its signature to be judged without jose (node-jws.ts). */
const PLAIN_PROOF_HEADER = new Set(['typ', 'alg', 'jwk']);

export async function verifyProofSignature(s: Subject, understood: Record<string, boolean> = {}): Promise<void> {
  const jwk = proofKey(s);
  if (!allowsAlg(s) || !jwk) return;
  try {
    const algorithms = [...(s.ctx.algorithms ?? ASYMMETRIC_ALGS)];
    if (verifiesPlainly(s.proof, s.header, publicJwk(jwk), algorithms, PLAIN_PROOF_HEADER, s.ctx.nodeKey)) return;
    const key = await (s.ctx.importKey ?? keyFor)(publicJwk(jwk), String(s.header.alg));
    await compactVerify(s.proof, key, { algorithms, crit: understood });
  } catch (e) {
    throw fromJoseError(e, (r, d) => new ProofInvalid(r, d), 'PROOF_BAD_SIGNATURE', 'PROOF_MALFORMED');
  }
}

/** RFC 7638 thumbprint of the proof key, computed once per subject. */
export function proofJkt(s: Subject, jwk: JWK): Promise<string> {
  return (s.jkt ??= jwkThumbprint(publicJwk(jwk)));
}

/** The proof key is the key the presented access token is bound to (cnf.jkt), when one is presented. */
export const proofJktCheck = defineCheck('jkt', 'RFC 9449 §4.3 check 12, §7.1', async (s: Subject) => {
  const jwk = proofKey(s);
  const expected = s.ctx.expectedJkt;
  if (expected === undefined || !jwk) return;
  const jkt = await proofJkt(s, jwk);
  if (jkt !== expected) {
    throw new ProofInvalid('PROOF_JKT_MISMATCH', `proof key ${jkt}, token cnf.jkt ${expected}`);
  }
});

/** Every RFC 9449 §4.3 check on an asymmetric proof, in order, except replay (the caller's cache, §11.1). */
export const ASYMMETRIC_PROOF_CHECKS = [
  proofTypCheck,
  proofAlgCheck,
  jwkPresentCheck,
  jwkPublicCheck,
  proofSignatureCheck,
  ...PROOF_CLAIM_CHECKS,
  proofJktCheck,
] as const;
