import type { AccessTokenClaims } from '../../protocol/token-mint.js';
import { verifyAccessToken } from '../../protocol/token-verify.js';
import { TokenInvalid } from '../../protocol/errors.js';
import type { RsState } from './state.js';

/** The access token, validated by this RS's token checks (RFC 9068 §4; DPoP-SK §5 step 1). */
export function validateAccessToken(token: string, s: RsState, now: number): Promise<AccessTokenClaims> {
  const { trustedKeys, trustedIssuer: issuer, audience } = s.config;
  return verifyAccessToken(token, { trustedKeys, issuer, audience, now }, s.checks['access-token']);
}

/** The key a DPoP request's token is bound to: its cnf.jkt (RFC 9449 §6.1, §7.1). */
export function boundJkt(claims: AccessTokenClaims, s: RsState): string | undefined {
  const jkt = claims.cnf?.jkt;
  if (!jkt && !s.fault('rs-accept-unbound-token')) throw new TokenInvalid('TOKEN_NOT_DPOP_BOUND');
  return jkt;
}
