import { decodeProtectedHeader } from 'jose';
import { runChecks } from '../../protocol/check.js';
import type { AccessTokenClaims } from '../../protocol/token-mint.js';
import { verifyAccessToken } from '../../protocol/token-verify.js';
import { TokenInvalid } from '../../protocol/errors.js';
import { deepFreeze, TOKEN_CACHE_MAX_TTL, type ValidatedToken } from './caches.js';
import type { RsState } from './state.js';

/**
 * The access token, validated by this RS's token checks (RFC 9068 §4; DPoP-SK §5 step 1).
 * A token seen before (same SHA-256, `tokenHash`) is taken from the cache: its signature
 * was verified then and cannot have changed; every other check (exp, nbf, aud, iss, typ)
 * runs again now.
 */
export async function validateAccessToken(
  token: string,
  tokenHash: string,
  s: RsState,
  now: number,
): Promise<ValidatedToken> {
  const { trustedKeys, trustedIssuer: issuer, audience } = s.config;
  const ctx = { trustedKeys, issuer, audience, now };
  const cached = s.caches.tokens.get(tokenHash, now);
  if (cached) {
    await runChecks(s.tokenChecksOnHit, { token, header: cached.header, claims: cached.claims, ctx });
    return cached;
  }
  const claims = await verifyAccessToken(token, ctx, s.checks['access-token']);
  const validated: ValidatedToken = deepFreeze({ header: decodeProtectedHeader(token), claims });
  const entry = { header: validated.header, claims: validated.claims };
  const exp = typeof claims.exp === 'number' ? claims.exp : 0;
  const until = exp > now ? Math.min(exp, now + TOKEN_CACHE_MAX_TTL) : now + TOKEN_CACHE_MAX_TTL;
  // Counted as the token's length (its decoded parts are smaller) and a derived SK.
  s.caches.tokens.set(tokenHash, entry, until, 2 * token.length + 64, now);
  return entry;
}

/** The key a DPoP request's token is bound to: its cnf.jkt (RFC 9449 §6.1, §7.1). */
export function boundJkt(claims: AccessTokenClaims, s: RsState): string | undefined {
  const jkt = claims.cnf?.jkt;
  if (!jkt && !s.fault('rs-accept-unbound-token')) throw new TokenInvalid('TOKEN_NOT_DPOP_BOUND');
  return jkt;
}
