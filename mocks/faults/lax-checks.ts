import { defineCheck } from '../../protocol/check.js';
import type { CnfSkSubject } from '../../protocol/cnf-sk-checks.js';
import { ProofInvalid, TokenInvalid } from '../../protocol/errors.js';
import type { ClaimsSubject } from '../../protocol/proof-claims.js';

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
