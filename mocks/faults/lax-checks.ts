import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { base64url, compactVerify } from 'jose';
import {
  proofAlgCheck,
  verifyProofSignature,
  type AsymmetricProofSubject,
} from '../../protocol/asymmetric-proof-checks.js';
import { EC_HASH, jwkAsMacKey } from '../../protocol/signed-as-key-alg.js';
import { tokenSignatureCheck, type AccessTokenSubject } from '../../protocol/access-token-checks.js';
import { defineCheck } from '../../protocol/check.js';
import { hasZeroSignature } from '../../protocol/zero-signature.js';
import { cnfSkWellFormedCheck, type CnfSkSubject } from '../../protocol/cnf-sk-checks.js';
import { ProofInvalid, TokenInvalid } from '../../protocol/errors.js';
import { nonceCheck, requiredClaimsCheck, type ClaimsSubject } from '../../protocol/proof-claims.js';

/**
 * Checks laxer than the protocol wants, each put in place of the protocol check of the
 * same name by a fault (mocks/faults.ts); negative cases catch them.
 */

/** Requires a nonce but accepts any value, stale or never issued (RFC 9449 §4.3 check 10 wants one it issued). */
export const anyNonceCheck = defineCheck('nonce', 'laxer than RFC 9449 §4.3 check 10', (s: ClaimsSubject) => {
  if (s.ctx.nonces !== undefined && typeof s.claims.nonce !== 'string') {
    throw new ProofInvalid('PROOF_NONCE_MISMATCH', 'no nonce');
  }
});

type Subject = CnfSkSubject;

/** Resolves an unknown cnf.sk.v to the active secret instead of refusing it (DPoP-SK §5 step 3). */
export const activeSecretFallbackCheck = defineCheck('version-known', 'laxer than DPoP-SK §5 step 3', (s: Subject) => {
  const v = s.claims.cnf?.sk?.v;
  if (v === undefined) return;
  s.secret = s.secrets.find((x) => x.version === v) ?? s.secrets.find((x) => x.status === 'active');
  if (!s.secret) throw new TokenInvalid('TOKEN_SK_UNKNOWN_VERSION', `cnf.sk.v ${JSON.stringify(v)}`);
});

/**
 * Checks a present cnf.sk as the protocol check does, but takes an R of any length once
 * decoded (docs/profile.md §2: a verifier refuses an R that is not exactly 32 bytes).
 */
export const anyRLengthCheck = defineCheck('well-formed', 'laxer than docs/profile.md §2', (s: Subject) => {
  const sk = s.claims.cnf?.sk;
  if (sk === undefined || typeof sk.r !== 'string') return cnfSkWellFormedCheck.run(s);
  // the same check on a stand-in 32-byte R: every other member is judged as before
  const standIn = base64url.encode(new Uint8Array(32));
  cnfSkWellFormedCheck.run({ ...s, claims: { ...s.claims, cnf: { ...s.claims.cnf, sk: { ...sk, r: standIn } } } });
  try {
    base64url.decode(sk.r);
  } catch {
    throw new TokenInvalid('TOKEN_SK_MALFORMED', 'r is not base64url');
  }
});

/**
 * Reads the claims as a lenient parser does, coercing each to the type RFC 9449 §4.2 gives it
 * (a numeric string iat becomes a number, a non-string jti/htm/htu becomes its String()),
 * then requires them as the protocol check does: claims of the wrong type get through.
 */
export const coercingClaimsCheck = defineCheck(
  'required-claims',
  'laxer than RFC 9449 §4.3 checks 2-3',
  (s: ClaimsSubject) => {
    const c = s.claims;
    for (const name of ['jti', 'htm', 'htu'] as const) {
      const v = c[name];
      if (v !== undefined && typeof v !== 'string') c[name] = Array.isArray(v) ? v.join(',') : JSON.stringify(v);
    }
    if (typeof c.iat === 'string' && /^\d+$/.test(c.iat)) c.iat = Number(c.iat);
    requiredClaimsCheck.run(s);
  },
);

/**
 * Verifies the signature as the protocol check does, but treats every extension header
 * parameter the proof lists in crit as understood (RFC 7515 §4.1.11 makes such a JWS invalid).
 */
export const ignoreCritCheck = defineCheck('signature', 'laxer than RFC 7515 §4.1.11', (s: AsymmetricProofSubject) => {
  const crit: unknown = s.header.crit;
  const listed = Array.isArray(crit) ? crit.map((name) => [String(name), true] as const) : [];
  return verifyProofSignature(s, Object.fromEntries(listed));
});

const isEcdsa = (alg: unknown) => typeof alg === 'string' && alg.startsWith('ES');

/** Accepts an ECDSA proof signature with r = s = 0 as valid, as Java 15-18 did (CVE-2022-21449). */
export const psychicProofSignatureCheck = defineCheck(
  'signature',
  'laxer than RFC 9449 §4.3 check 6 (CVE-2022-21449)',
  (s: AsymmetricProofSubject) => {
    if (isEcdsa(s.header.alg) && hasZeroSignature(s.proof)) return;
    return verifyProofSignature(s);
  },
);

/** Accepts an ECDSA access token signature with r = s = 0 as valid (CVE-2022-21449). */
export const psychicTokenSignatureCheck = defineCheck(
  'signature',
  'laxer than RFC 9068 §4 (CVE-2022-21449)',
  (s: AccessTokenSubject) => {
    if (isEcdsa(s.header.alg) && hasZeroSignature(s.token)) return;
    return tokenSignatureCheck.run(s);
  },
);

/**
 * Lets an HS256 proof through when its MAC verifies under the jwk header's JSON text, as a
 * verifier that hands "the key" to whatever algorithm the header names does (algorithm
 * confusion); any other alg is judged as the protocol check does. RFC 9449 §4.3 check 5
 * allows asymmetric algorithms only.
 */
export const jwkAsMacKeyAlgCheck = defineCheck(
  'alg',
  'laxer than RFC 9449 §4.3 check 5 (algorithm confusion)',
  async (s: AsymmetricProofSubject) => {
    const jwk: unknown = s.header.jwk;
    if (s.header.alg === 'HS256' && typeof jwk === 'object' && jwk !== null) {
      try {
        await compactVerify(s.proof, jwkAsMacKey(jwk), { algorithms: ['HS256'] });
        return;
      } catch {
        /* not MACed with the jwk: judged below */
      }
    }
    proofAlgCheck.run(s);
  },
);

/**
 * Verifies an EC proof with the key's own ECDSA algorithm whatever alg the header names, as
 * a verifier that picks the algorithm from the key does (algorithm confusion); RFC 9449
 * §4.3 check 6 wants the signature to verify under the header's alg.
 */
export const keyAlgSignatureCheck = defineCheck(
  'signature',
  'laxer than RFC 9449 §4.3 check 6 (algorithm confusion)',
  (s: AsymmetricProofSubject) => {
    const jwk = s.header.jwk;
    const hash =
      jwk?.kty === 'EC' && typeof jwk.crv === 'string' && Object.hasOwn(EC_HASH, jwk.crv)
        ? EC_HASH[jwk.crv]
        : undefined;
    if (!hash || s.header.alg === `ES${hash.slice(3)}`) return verifyProofSignature(s);
    const [h, p, sig] = s.proof.split('.');
    const key = createPublicKey({ key: jwk as never, format: 'jwk' });
    const ok = nodeVerify(hash, Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, base64url.decode(sig));
    if (!ok) return verifyProofSignature(s);
  },
);

/**
 * Judges a nonce only when the proof carries one: a proof without a nonce claim gets through
 * even after the server has provided a nonce, which RFC 9449 §11.3 forbids.
 */
export const nonceWhenPresentCheck = defineCheck('nonce', 'laxer than RFC 9449 §11.3', (s: ClaimsSubject) => {
  if (s.claims.nonce !== undefined) nonceCheck.run(s);
});
