import { accessTokenHash } from './ath.js';
import { defineCheck } from './check.js';
import { ProofInvalid } from './errors.js';
import { htuMatches } from './htu.js';

/** What a server knows about the request a proof arrives with (RFC 9449 §4.3). */
export interface ProofCheckContext {
  /** The request method. */
  htm: string;
  /** The request URI (its query and fragment are ignored). */
  htu: string;
  /** Current time, seconds since the epoch. */
  now: number;
  /** How far iat may lie from now, in seconds, either side (RFC 9449 §11.1 leaves it to the server). */
  iatWindow: number;
  /** The presented access token: ath becomes required and must match it. */
  accessToken?: string;
  /** base64url(SHA-256(accessToken)), when the caller has it already (the RS keys its token cache by it); else computed. */
  accessTokenHash?: string;
  /** Nonces the server currently accepts; when given, the proof must carry one of them (RFC 9449 §8, §9). */
  nonces?: readonly string[];
}

export interface ProofClaims {
  jti: string;
  htm: string;
  htu: string;
  iat: number;
  ath?: string;
  nonce?: string;
  [claim: string]: unknown;
}

/** What the claim checks read: the proof's claims set (not yet trusted to be complete) and the request. */
export interface ClaimsSubject {
  claims: Record<string, unknown>;
  ctx: ProofCheckContext;
}

const TYPED_CLAIMS = [
  ['jti', 'string'],
  ['htm', 'string'],
  ['htu', 'string'],
  ['iat', 'number'],
] as const;

/**
 * Every claim RFC 9449 §4.2 requires is present with its type: jti (non-empty), htm,
 * htu, iat, and ath when an access token is presented (DPoP-SK §4: always, for a
 * symmetric proof). The value checks below leave presence to this one.
 */
export const requiredClaimsCheck = defineCheck('required-claims', 'RFC 9449 §4.3 check 3, §4.2', (s: ClaimsSubject) => {
  for (const [name, type] of TYPED_CLAIMS) {
    if (typeof s.claims[name] !== type) throw new ProofInvalid('PROOF_MISSING_CLAIM', name);
  }
  if (s.ctx.accessToken !== undefined && typeof s.claims.ath !== 'string') {
    throw new ProofInvalid('PROOF_MISSING_CLAIM', 'ath');
  }
  if ((s.claims.jti as string).length === 0) throw new ProofInvalid('PROOF_MISSING_CLAIM', 'jti is empty');
});

/** htm, when present, is the request method. */
export const htmCheck = defineCheck('htm', 'RFC 9449 §4.3 check 8', ({ claims, ctx }: ClaimsSubject) => {
  if (claims.htm !== undefined && claims.htm !== ctx.htm) {
    throw new ProofInvalid('PROOF_HTM_MISMATCH', `htm ${JSON.stringify(claims.htm)}, request ${ctx.htm}`);
  }
});

/** htu, when present, is the request URI without query and fragment, after RFC 3986 normalisation. */
export const htuCheck = defineCheck('htu', 'RFC 9449 §4.3 check 9', ({ claims, ctx }: ClaimsSubject) => {
  if (claims.htu !== undefined && !htuMatches(claims.htu as string, ctx.htu)) {
    throw new ProofInvalid('PROOF_HTU_MISMATCH', `htu ${JSON.stringify(claims.htu)}, request ${ctx.htu}`);
  }
});

/** When the server demands a nonce, the proof carries one it currently accepts. */
export const nonceCheck = defineCheck('nonce', 'RFC 9449 §4.3 check 10, §8, §9', ({ claims, ctx }: ClaimsSubject) => {
  if (ctx.nonces === undefined) return;
  if (typeof claims.nonce !== 'string' || !ctx.nonces.includes(claims.nonce)) {
    throw new ProofInvalid('PROOF_NONCE_MISMATCH', claims.nonce === undefined ? 'no nonce' : 'stale or unknown nonce');
  }
});

/** iat, when present, lies within ±iatWindow seconds of now. */
export const iatCheck = defineCheck('iat', 'RFC 9449 §4.3 check 11, §11.1', ({ claims, ctx }: ClaimsSubject) => {
  const iat = claims.iat as number;
  if (iat !== undefined && (!Number.isFinite(iat) || Math.abs(iat - ctx.now) > ctx.iatWindow)) {
    throw new ProofInvalid('PROOF_IAT_OUT_OF_WINDOW', `iat ${iat}, now ${ctx.now}, window +/-${ctx.iatWindow}s`);
  }
});

/** ath, when present alongside an access token, is that token's hash. */
export const athCheck = defineCheck('ath', 'RFC 9449 §4.3 check 12', ({ claims, ctx }: ClaimsSubject) => {
  if (claims.ath === undefined || ctx.accessToken === undefined) return;
  if (claims.ath !== (ctx.accessTokenHash ?? accessTokenHash(ctx.accessToken))) {
    throw new ProofInvalid('PROOF_ATH_MISMATCH');
  }
});

/** The claim checks every proof gets, asymmetric or symmetric (DPoP-SK §5 step 6 reuses them), in order. */
export const PROOF_CLAIM_CHECKS = [requiredClaimsCheck, htmCheck, htuCheck, nonceCheck, iatCheck, athCheck] as const;
