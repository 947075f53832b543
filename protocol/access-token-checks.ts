import { compactVerify, errors, type JWK } from 'jose';
import { defineCheck } from './check.js';
import { TokenInvalid } from './errors.js';
import { keyFor } from './sign.js';
import { shownValue } from './shown-value.js';

export interface TokenCheckContext {
  /** Public keys of trusted AS(s); matched by kid when the token has one. */
  trustedKeys: JWK[];
  issuer?: string;
  audience: string;
  now: number;
  /** Require typ at+jwt (RFC 9068 §4; DPoP-SK §9 lets an RS choose). */
  requireTyp?: boolean;
  /** Seconds of clock skew allowed on exp and nbf. */
  clockTolerance?: number;
}

/** What the access token checks read: the token, decoded but not yet trusted, and what the RS expects. */
export interface AccessTokenSubject {
  token: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  ctx: TokenCheckContext;
}

type Subject = AccessTokenSubject;

const TYPES = ['at+jwt', 'application/at+jwt'];
const tolerance = (ctx: TokenCheckContext) => ctx.clockTolerance ?? 0;

/** iat and nbf, when present, are NumericDates (RFC 7519 §2, §4.1.5, §4.1.6). */
export const tokenWellFormedCheck = defineCheck('well-formed', 'RFC 7519 §7.2', ({ claims }: AccessTokenSubject) => {
  for (const name of ['iat', 'nbf']) {
    if (claims[name] !== undefined && typeof claims[name] !== 'number') {
      throw new TokenInvalid('TOKEN_MALFORMED', `"${name}" claim must be a number`);
    }
  }
});

export const tokenTypCheck = defineCheck('typ', 'RFC 9068 §4', ({ header, ctx }: AccessTokenSubject) => {
  if ((ctx.requireTyp ?? true) && !(typeof header.typ === 'string' && TYPES.includes(header.typ.toLowerCase()))) {
    throw new TokenInvalid('TOKEN_BAD_TYP', `typ ${shownValue(header.typ)}`);
  }
});

/** The trusted keys by kid (RFC 7515 §4.1.4), built once per key list: a lookup, not a scan, per token. */
const byKid = new WeakMap<JWK[], Map<unknown, JWK[]>>();

function keysNamed(keys: JWK[], kid: unknown): JWK[] {
  if (kid === undefined) return keys;
  let index = byKid.get(keys);
  if (!index) {
    index = new Map();
    for (const k of keys) {
      const named = index.get(k.kid);
      if (named) named.push(k);
      else index.set(k.kid, [k]);
    }
    byKid.set(keys, index);
  }
  return index.get(kid) ?? [];
}

/** The signature verifies with a trusted AS key: the one the kid names, or any when there is no kid. */
export const tokenSignatureCheck = defineCheck('signature', 'RFC 9068 §4', async (s: AccessTokenSubject) => {
  if (typeof s.header.alg !== 'string')
    throw new TokenInvalid('TOKEN_BAD_SIGNATURE', `alg ${shownValue(s.header.alg)}`);
  const alg = s.header.alg;
  const candidates = keysNamed(s.ctx.trustedKeys, s.header.kid).filter((k) => (k.alg ?? alg) === alg);
  let failure = new TokenInvalid('TOKEN_BAD_SIGNATURE', 'no trusted key matches the token kid');
  for (const jwk of candidates) {
    try {
      await compactVerify(s.token, await keyFor(jwk, alg));
      return;
    } catch (e) {
      if (e instanceof errors.JWSSignatureVerificationFailed) failure = new TokenInvalid('TOKEN_BAD_SIGNATURE');
      else throw new TokenInvalid('TOKEN_MALFORMED', e instanceof Error ? e.message : String(e));
    }
  }
  throw failure;
});

/** iss is the trusted issuer, when the RS names one. */
export const tokenIssCheck = defineCheck('iss', 'RFC 9068 §4', ({ claims, ctx }: AccessTokenSubject) => {
  if (ctx.issuer !== undefined && claims.iss !== ctx.issuer) {
    throw new TokenInvalid('TOKEN_ISS_MISMATCH', `iss ${JSON.stringify(claims.iss)}`);
  }
});

/** aud names this RS (a string, or an array holding it). */
export const tokenAudCheck = defineCheck('aud', 'RFC 9068 §4', ({ claims, ctx }: AccessTokenSubject) => {
  const aud = claims.aud;
  if (!(aud === ctx.audience || (Array.isArray(aud) && aud.includes(ctx.audience)))) {
    throw new TokenInvalid('TOKEN_AUD_MISMATCH', `aud ${JSON.stringify(aud)}`);
  }
});

/** nbf, when present, is not in the future. */
export const tokenNbfCheck = defineCheck('nbf', 'RFC 7519 §4.1.5', ({ claims, ctx }: AccessTokenSubject) => {
  if (typeof claims.nbf === 'number' && claims.nbf > ctx.now + tolerance(ctx)) {
    throw new TokenInvalid('TOKEN_MALFORMED', `nbf ${claims.nbf}, now ${ctx.now}`);
  }
});

/** exp is present and in the future. */
export const tokenExpCheck = defineCheck('exp', 'RFC 9068 §4; RFC 7519 §4.1.4', ({ claims, ctx }: Subject) => {
  if (typeof claims.exp !== 'number') throw new TokenInvalid('TOKEN_EXPIRED', 'no numeric exp');
  if (claims.exp <= ctx.now - tolerance(ctx)) {
    throw new TokenInvalid('TOKEN_EXPIRED', `exp ${claims.exp}, now ${ctx.now}`);
  }
});

/** RS-side validation of a JWT access token (RFC 9068 §4; DPoP-SK §5 step 1: signature, exp, aud), in order. */
export const ACCESS_TOKEN_CHECKS = [
  tokenWellFormedCheck,
  tokenTypCheck,
  tokenSignatureCheck,
  tokenIssCheck,
  tokenAudCheck,
  tokenNbfCheck,
  tokenExpCheck,
] as const;
