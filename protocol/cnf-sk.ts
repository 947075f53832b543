import { base64url } from 'jose';
import { deriveSk } from './derive-sk.js';
import { ProofInvalid, TokenInvalid } from './errors.js';
import type { SharedSecret } from './shared-secret.js';
import type { AccessTokenClaims } from './token-mint.js';

export interface SkResolution {
  sk: Uint8Array;
  version: string;
}

/**
 * DPoP-SK §5 steps 2–4 and the derivation of step 5: from a validated access
 * token to the SK its symmetric proof must be MACed with.
 */
export interface SkResolveFaults {
  acceptUnknownVersion?: boolean;
  acceptRetired?: boolean;
  ignoreExp?: boolean;
  info?: string;
}

export function resolveTokenSk(claims: AccessTokenClaims, secrets: readonly SharedSecret[], now: number, faults: SkResolveFaults = {}): SkResolution {
  const sk = claims.cnf?.sk;
  if (!sk) throw new ProofInvalid('TOKEN_NO_CNF_SK');
  if (typeof sk.v !== 'string' || typeof sk.r !== 'string' || typeof sk.exp !== 'number') throw new TokenInvalid('TOKEN_SK_MALFORMED');
  const secret = secrets.find((s) => s.version === sk.v) ?? (faults.acceptUnknownVersion ? secrets.find((s) => s.status === 'active') : undefined);
  if (!secret) throw new TokenInvalid('TOKEN_SK_UNKNOWN_VERSION', `cnf.sk.v ${JSON.stringify(sk.v)}`);
  if (secret.status !== 'active' && !faults.acceptRetired) throw new TokenInvalid('TOKEN_SK_RETIRED_VERSION', `cnf.sk.v ${sk.v} is ${secret.status}`);
  if (sk.exp <= now && !faults.ignoreExp) throw new TokenInvalid('TOKEN_SK_EXPIRED', `cnf.sk.exp ${sk.exp}, now ${now}`);
  const r = base64url.decode(sk.r);
  if (r.length !== 32) throw new TokenInvalid('TOKEN_SK_MALFORMED', `r is ${r.length} bytes`);
  return { sk: deriveSk(base64url.decode(secret.secret), r, faults.info), version: sk.v };
}
