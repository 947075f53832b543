import { base64url } from 'jose';
import { defineCheck } from './check.js';
import { ProofInvalid, TokenInvalid } from './errors.js';
import type { SharedSecret } from './shared-secret.js';
import type { AccessTokenClaims } from './token-mint.js';

/** What the cnf.sk checks read; `well-formed` fills in `r` and `version-known` `secret` for what comes after them. */
export interface CnfSkSubject {
  claims: AccessTokenClaims;
  /** The secrets S_V the RS shares with the AS. */
  secrets: readonly SharedSecret[];
  now: number;
  /** The secret cnf.sk.v names, once resolved. */
  secret?: SharedSecret;
  /** cnf.sk.r decoded, once `well-formed` has read it. */
  r?: Uint8Array;
}

/** cnf.sk of a token, typed as it may arrive (nothing about it is known yet). */
function cnfSk(s: CnfSkSubject): Record<string, unknown> | undefined {
  return s.claims.cnf?.sk as Record<string, unknown> | undefined;
}

/** The secret cnf.sk.v names: as resolved by an earlier check, else looked up by version. */
export function secretOf(s: CnfSkSubject): SharedSecret | undefined {
  return s.secret ?? s.secrets.find((x) => x.version === cnfSk(s)?.v);
}

/** A symmetric proof needs a token with cnf.sk. */
export const cnfSkPresentCheck = defineCheck('present', 'DPoP-SK §5 step 2', (s: CnfSkSubject) => {
  if (!cnfSk(s)) throw new ProofInvalid('TOKEN_NO_CNF_SK');
});

/** A present cnf.sk is {v: string, r: 32 bytes base64url, exp: NumericDate}. */
export const cnfSkWellFormedCheck = defineCheck('well-formed', 'DPoP-SK §3 step 2', (s: CnfSkSubject) => {
  const sk = cnfSk(s);
  if (sk === undefined) return;
  if (typeof sk.v !== 'string' || typeof sk.r !== 'string' || typeof sk.exp !== 'number') {
    throw new TokenInvalid('TOKEN_SK_MALFORMED');
  }
  let r: Uint8Array;
  try {
    r = base64url.decode(sk.r);
  } catch {
    throw new TokenInvalid('TOKEN_SK_MALFORMED', 'r is not base64url');
  }
  if (r.length !== 32) throw new TokenInvalid('TOKEN_SK_MALFORMED', `r is ${r.length} bytes`);
  s.r = r;
});

/** A present cnf.sk.v names a secret version the RS knows ("bad salt version"); resolves `secret`. */
export const cnfSkVersionKnownCheck = defineCheck('version-known', 'DPoP-SK §5 step 3', (s: CnfSkSubject) => {
  const sk = cnfSk(s);
  if (sk === undefined) return;
  const v = sk.v;
  s.secret = s.secrets.find((x) => x.version === v);
  if (!s.secret) throw new TokenInvalid('TOKEN_SK_UNKNOWN_VERSION', `cnf.sk.v ${JSON.stringify(v)}`);
});

/** The secret version cnf.sk.v names is not retired. */
export const cnfSkVersionActiveCheck = defineCheck('version-active', 'DPoP-SK §5 step 4', (s: CnfSkSubject) => {
  const secret = secretOf(s);
  if (secret && secret.status !== 'active') {
    throw new TokenInvalid('TOKEN_SK_RETIRED_VERSION', `cnf.sk.v ${secret.version} is ${secret.status}`);
  }
});

/** A present cnf.sk.exp is in the future ("expired key"). */
export const cnfSkNotExpiredCheck = defineCheck('not-expired', 'DPoP-SK §5 step 4', (s: CnfSkSubject) => {
  const exp = cnfSk(s)?.exp as number;
  if (exp <= s.now) throw new TokenInvalid('TOKEN_SK_EXPIRED', `cnf.sk.exp ${exp}, now ${s.now}`);
});

/** DPoP-SK §5 steps 2–4, in order: what must hold of a validated token before SK is derived from it. */
export const CNF_SK_CHECKS = [
  cnfSkPresentCheck,
  cnfSkWellFormedCheck,
  cnfSkVersionKnownCheck,
  cnfSkVersionActiveCheck,
  cnfSkNotExpiredCheck,
] as const;
