import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWK } from 'jose';
import { TokenInvalid } from './errors.js';
import { keyFor } from './sign.js';
import type { AccessTokenClaims } from './token-mint.js';

export interface TokenCheckContext {
  /** Public keys of trusted AS(s); matched by kid when the token has one. */
  trustedKeys: JWK[];
  issuer?: string;
  audience: string;
  now: number;
  /** Require typ at+jwt (RFC 9068 §4; DPoP-SK §9 lets an RS choose). */
  requireTyp?: boolean;
  clockTolerance?: number;
  /** Checks to skip: only the mocks' fault injection sets this. */
  skip?: { signature?: boolean; exp?: boolean; aud?: boolean };
}

function readToken(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  try {
    return { header: decodeProtectedHeader(token) as Record<string, unknown>, claims: decodeJwt(token) };
  } catch (e) {
    throw new TokenInvalid('TOKEN_MALFORMED', (e as Error).message);
  }
}

/** RS-side access token validation: signature by a trusted AS key, typ, exp, aud, iss (RFC 9068 §4; DPoP-SK §5 step 1). */
export async function verifyAccessToken(token: string, ctx: TokenCheckContext): Promise<AccessTokenClaims> {
  const { header, claims } = readToken(token);
  if (ctx.skip?.signature) return claims as AccessTokenClaims;
  if ((ctx.requireTyp ?? true) && String(header.typ).toLowerCase() !== 'at+jwt' && String(header.typ).toLowerCase() !== 'application/at+jwt') {
    throw new TokenInvalid('TOKEN_BAD_TYP', `typ ${String(header.typ)}`);
  }
  const candidates = ctx.trustedKeys.filter((k) => header.kid === undefined || k.kid === header.kid);
  const alg = String(header.alg);
  let lastError: unknown = new TokenInvalid('TOKEN_BAD_SIGNATURE', 'no trusted key matches the token kid');
  for (const jwk of candidates) {
    if (jwk.alg !== undefined && jwk.alg !== alg) continue;
    try {
      const { payload } = await jwtVerify(token, await keyFor(jwk, alg), {
        audience: ctx.skip?.aud ? undefined : ctx.audience,
        issuer: ctx.issuer,
        currentDate: new Date(ctx.now * 1000),
        clockTolerance: ctx.skip?.exp ? Number.MAX_SAFE_INTEGER : (ctx.clockTolerance ?? 0),
        requiredClaims: ['exp'],
      });
      return payload as AccessTokenClaims;
    } catch (e) {
      lastError = e;
      if (!(e instanceof errors.JWSSignatureVerificationFailed)) break;
    }
  }
  throw toTokenError(lastError);
}

function toTokenError(e: unknown): TokenInvalid {
  if (e instanceof TokenInvalid) return e;
  if (e instanceof errors.JWTExpired) return new TokenInvalid('TOKEN_EXPIRED', e.message);
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return new TokenInvalid('TOKEN_AUD_MISMATCH', e.message);
    if (e.claim === 'iss') return new TokenInvalid('TOKEN_ISS_MISMATCH', e.message);
    if (e.claim === 'exp') return new TokenInvalid('TOKEN_EXPIRED', e.message);
    return new TokenInvalid('TOKEN_MALFORMED', e.message);
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) return new TokenInvalid('TOKEN_BAD_SIGNATURE');
  return new TokenInvalid('TOKEN_MALFORMED', e instanceof Error ? e.message : String(e));
}
