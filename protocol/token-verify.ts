import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ACCESS_TOKEN_CHECKS, type AccessTokenSubject, type TokenCheckContext } from './access-token-checks.js';
import { runChecks, type Check } from './check.js';
import { TokenInvalid } from './errors.js';
import type { AccessTokenClaims } from './token-mint.js';

export type { TokenCheckContext } from './access-token-checks.js';

function readToken(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  try {
    return { header: decodeProtectedHeader(token), claims: decodeJwt(token) };
  } catch (e) {
    throw new TokenInvalid('TOKEN_MALFORMED', (e as Error).message);
  }
}

/** RS-side access token validation by `checks`: by default typ, signature by a trusted AS key, iss, aud, exp. */
export async function verifyAccessToken(
  token: string,
  ctx: TokenCheckContext,
  checks: readonly Check<AccessTokenSubject>[] = ACCESS_TOKEN_CHECKS,
): Promise<AccessTokenClaims> {
  const { header, claims } = readToken(token);
  await runChecks(checks, { token, header, claims, ctx });
  return claims as AccessTokenClaims;
}
