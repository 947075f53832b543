import { accessTokenHash } from './ath.js';
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
  /** How far iat may lie from now, in seconds, either side (default 60). */
  iatWindow?: number;
  /** The presented access token: ath becomes required and must match it. */
  accessToken?: string;
  /** Nonces the server currently accepts; when given, the proof must carry one of them ('any': any value, a fault). */
  nonces?: readonly string[] | 'any';
  /** Checks to skip: only the mocks' fault injection sets this (mocks/faults.ts). */
  lax?: ReadonlySet<ProofCheck>;
}

/** The individually switchable proof checks (RFC 9449 §4.3, DPoP-SK §4-5). */
export type ProofCheck = 'typ' | 'alg' | 'signature' | 'jwk-private' | 'claims' | 'htm' | 'htu' | 'iat' | 'ath' | 'nonce' | 'jkt' | 'sk-header';

export interface ProofClaims {
  jti: string;
  htm: string;
  htu: string;
  iat: number;
  ath?: string;
  nonce?: string;
  [claim: string]: unknown;
}

export const DEFAULT_IAT_WINDOW = 60;

/** RFC 9449 §4.3 checks 3 and 8–12 on a verified claims set; DPoP-SK §5 step 6 reuses them. */
export function checkProofClaims(claims: Record<string, unknown>, ctx: ProofCheckContext, athRequired: boolean): ProofClaims {
  const lax = ctx.lax?.has('claims') ?? false;
  // With the 'claims' check off (a fault), a claim is only checked when present: the classic bug.
  const on = (check: ProofCheck, claim?: string) => !ctx.lax?.has(check) && !(lax && claim !== undefined && claims[claim] === undefined);
  if (!lax) checkRequiredClaims(claims, ctx, athRequired);
  const c = claims as ProofClaims;
  if (on('htm', 'htm') && c.htm !== ctx.htm) throw new ProofInvalid('PROOF_HTM_MISMATCH', `htm ${JSON.stringify(c.htm)}, request ${ctx.htm}`);
  if (on('htu', 'htu') && !htuMatches(c.htu, ctx.htu)) throw new ProofInvalid('PROOF_HTU_MISMATCH', `htu ${JSON.stringify(c.htu)}, request ${ctx.htu}`);
  if (on('nonce') && ctx.nonces !== undefined && (typeof c.nonce !== 'string' || (ctx.nonces !== 'any' && !ctx.nonces.includes(c.nonce)))) {
    throw new ProofInvalid('PROOF_NONCE_MISMATCH', c.nonce === undefined ? 'no nonce' : 'stale or unknown nonce');
  }
  const window = ctx.iatWindow ?? DEFAULT_IAT_WINDOW;
  if (on('iat', 'iat') && (!Number.isFinite(c.iat) || Math.abs(c.iat - ctx.now) > window)) {
    throw new ProofInvalid('PROOF_IAT_OUT_OF_WINDOW', `iat ${c.iat}, now ${ctx.now}, window +/-${window}s`);
  }
  if (on('ath', 'ath') && ctx.accessToken !== undefined && c.ath !== accessTokenHash(ctx.accessToken)) {
    throw new ProofInvalid('PROOF_ATH_MISMATCH');
  }
  return c;
}

function checkRequiredClaims(claims: Record<string, unknown>, ctx: ProofCheckContext, athRequired: boolean): void {
  for (const [name, type] of [['jti', 'string'], ['htm', 'string'], ['htu', 'string'], ['iat', 'number']] as const) {
    if (typeof claims[name] !== type) throw new ProofInvalid('PROOF_MISSING_CLAIM', name);
  }
  if ((athRequired || ctx.accessToken !== undefined) && typeof claims.ath !== 'string') {
    throw new ProofInvalid('PROOF_MISSING_CLAIM', 'ath');
  }
  if ((claims.jti as string).length === 0) throw new ProofInvalid('PROOF_MISSING_CLAIM', 'jti is empty');
}
