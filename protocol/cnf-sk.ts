import { base64url } from 'jose';
import { runSyncChecks, type SyncCheck } from './check.js';
import { CNF_SK_CHECKS, secretOf, type CnfSkSubject } from './cnf-sk-checks.js';
import { deriveSk } from './derive-sk.js';
import { ProofInvalid, TokenInvalid } from './errors.js';
import type { SharedSecret } from './shared-secret.js';
import type { AccessTokenClaims } from './token-mint.js';

export interface SkResolution {
  sk: Uint8Array;
  version: string;
}

/** The HKDF inputs a token's cnf.sk resolves to (DPoP-SK §2): the secret S_V and the salt R. */
export interface SkInputs {
  secret: SharedSecret;
  r: Uint8Array;
  version: string;
}

/** DPoP-SK §5 steps 2–4: runs `checks` on a validated token and returns the inputs SK is derived from. */
export function resolveTokenSecret(
  claims: AccessTokenClaims,
  secrets: readonly SharedSecret[],
  now: number,
  checks: readonly SyncCheck<CnfSkSubject>[] = CNF_SK_CHECKS,
): SkInputs {
  const subject: CnfSkSubject = { claims, secrets, now };
  runSyncChecks(checks, subject);
  // What SK is derived from; without these there is nothing to derive, whichever checks ran.
  const sk = claims.cnf?.sk;
  if (!sk) throw new ProofInvalid('TOKEN_NO_CNF_SK');
  const secret = secretOf(subject);
  if (!secret) throw new TokenInvalid('TOKEN_SK_UNKNOWN_VERSION', `cnf.sk.v ${JSON.stringify(sk.v)}`);
  return { secret, r: subject.r ?? base64url.decode(sk.r), version: sk.v };
}

/**
 * DPoP-SK §5 steps 2–4 and the derivation of step 5: from a validated access token to
 * the SK its symmetric proof is MACed with.
 */
export function resolveTokenSk(
  claims: AccessTokenClaims,
  secrets: readonly SharedSecret[],
  now: number,
  checks: readonly SyncCheck<CnfSkSubject>[] = CNF_SK_CHECKS,
): SkResolution {
  const { secret, r, version } = resolveTokenSecret(claims, secrets, now, checks);
  return { sk: deriveSk(base64url.decode(secret.secret), r), version };
}
