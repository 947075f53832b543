import type { AccessTokenSubject } from '../../protocol/access-token-checks.js';
import type { AsymmetricProofSubject } from '../../protocol/asymmetric-proof-checks.js';
import { defineCheck } from '../../protocol/check.js';
import { ProofInvalid, TokenInvalid } from '../../protocol/errors.js';
import { htuCheck, iatCheck, requiredClaimsCheck, type ClaimsSubject } from '../../protocol/proof-claims.js';
import { minimalCoordinatesThumbprint, noncanonicalThumbprint } from './noncanonical-thumbprint.js';
import { shownValue } from '../../protocol/shown-value.js';

/**
 * Checks stricter than RFC 9449 allows, each put in place of the protocol check of the
 * same name by an over-strict fault (mocks/faults.ts); positive cases catch them.
 */

const RFC9449_CLAIMS = new Set(['jti', 'htm', 'htu', 'iat', 'ath', 'nonce']);

/** Compares htu with the request URI including its query, which RFC 9449 §4.3 check 9 and DPoP-SK §9 rule out. */
export const htuWithQueryCheck = defineCheck('htu', 'stricter than RFC 9449 §4.3 check 9', (s: ClaimsSubject) => {
  htuCheck.run(s);
  if (new URL(s.ctx.htu).search && s.claims.htu !== s.ctx.htu) {
    throw new ProofInvalid('PROOF_HTU_MISMATCH', 'htu lacks the request query');
  }
});

/** Compares htu as an exact string, without the RFC 3986 normalisation RFC 9449 §4.3 check 9 recommends. */
export const htuExactStringCheck = defineCheck('htu', 'stricter than RFC 9449 §4.3 check 9', (s: ClaimsSubject) => {
  htuCheck.run(s);
  if (s.claims.htu !== undefined && s.claims.htu !== s.ctx.htu.split('?')[0]) {
    throw new ProofInvalid('PROOF_HTU_MISMATCH', 'htu is not the exact request URI string');
  }
});

/** Refuses claims beyond those RFC 9449 defines, which §4.2 lets a proof carry. */
export const noExtraClaimsCheck = defineCheck('required-claims', 'stricter than RFC 9449 §4.2', (s: ClaimsSubject) => {
  requiredClaimsCheck.run(s);
  const extra = Object.keys(s.claims).filter((k) => !RFC9449_CLAIMS.has(k));
  if (extra.length) throw new ProofInvalid('PROOF_MALFORMED', `unexpected claims ${extra.join(', ')}`);
});

/** Accepts ES256 only, where RFC 9449 §4.3 check 5 accepts any supported asymmetric algorithm. */
export const es256OnlyCheck = defineCheck('alg', 'stricter than RFC 9449 §4.3 check 5', (s: AsymmetricProofSubject) => {
  if (s.header.alg !== 'ES256') throw new ProofInvalid('PROOF_ALG_NOT_ALLOWED', `alg ${JSON.stringify(s.header.alg)}`);
});

/** Accepts iat within 5 seconds of now only: narrower than clock skew and latency allow (RFC 9449 §11.1). */
export const narrowIatCheck = defineCheck('iat', 'stricter than RFC 9449 §11.1', (s: ClaimsSubject) => {
  iatCheck.run({ ...s, ctx: { ...s.ctx, iatWindow: 5 } });
});

/** Refuses an iat ahead of the server's clock, which RFC 9449 §11.1 lets a server accept ("reasonably near future"). */
export const noFutureIatCheck = defineCheck('iat', 'stricter than RFC 9449 §11.1', (s: ClaimsSubject) => {
  iatCheck.run(s);
  const iat = s.claims.iat;
  if (typeof iat === 'number' && iat > s.ctx.now) {
    throw new ProofInvalid('PROOF_IAT_OUT_OF_WINDOW', `iat ${iat} is after now ${s.ctx.now}`);
  }
});

/** Compares cnf.jkt with a thumbprint over the jwk as sent, not the RFC 7638 §3 canonical form RFC 9449 §6.1 names. */
export const noncanonicalJktCheck = defineCheck('jkt', 'stricter than RFC 9449 §6.1', (s: AsymmetricProofSubject) => {
  const { expectedJkt } = s.ctx;
  if (expectedJkt !== undefined && s.header.jwk && noncanonicalThumbprint(s.header.jwk) !== expectedJkt) {
    throw new ProofInvalid('PROOF_JKT_MISMATCH', 'the thumbprint over the jwk as sent differs from cnf.jkt');
  }
});

/** Compares cnf.jkt with a thumbprint over EC coordinates stripped of leading zero bytes, not the members as sent (RFC 7638 §3). */
export const minimalCoordinatesJktCheck = defineCheck(
  'jkt',
  'stricter than RFC 9449 §6.1',
  (s: AsymmetricProofSubject) => {
    const { expectedJkt } = s.ctx;
    const jwk = s.header.jwk as Record<string, unknown> | undefined;
    if (expectedJkt !== undefined && jwk && minimalCoordinatesThumbprint(jwk) !== expectedJkt) {
      throw new ProofInvalid(
        'PROOF_JKT_MISMATCH',
        'the thumbprint over the re-encoded coordinates differs from cnf.jkt',
      );
    }
  },
);

/** Accepts an access token typ of "at+jwt" only, where RFC 9068 §4 accepts "application/at+jwt" too. */
export const shortTypOnlyCheck = defineCheck('typ', 'stricter than RFC 9068 §4', (s: AccessTokenSubject) => {
  if (s.header.typ !== 'at+jwt') throw new TokenInvalid('TOKEN_BAD_TYP', `typ ${shownValue(s.header.typ)}`);
});
