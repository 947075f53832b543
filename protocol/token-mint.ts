import type { JWK, JWSHeaderParameters } from 'jose';
import { newJti, signCompact } from './sign.js';

export interface CnfSk {
  v: string;
  r: string;
  exp: number;
}

export interface AccessTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  client_id: string;
  iat: number;
  exp: number;
  jti?: string;
  scope?: string;
  cnf?: { jkt?: string; sk?: CnfSk };
  [claim: string]: unknown;
}

export const ACCESS_TOKEN_TYP = 'at+jwt';

/** The protected header of an access token signed with this key: its alg, typ at+jwt (RFC 9068 §2.1), its kid. */
export function accessTokenHeader(signingKey: JWK & { kid?: string }): JWSHeaderParameters {
  return { alg: signingKey.alg ?? 'ES256', typ: ACCESS_TOKEN_TYP, ...(signingKey.kid ? { kid: signingKey.kid } : {}) };
}

/** An RFC 9068 JWT access token (typ at+jwt) signed with the AS key; a fresh jti unless the claims carry one. */
export function mintAccessToken(signingKey: JWK & { kid?: string }, claims: AccessTokenClaims): Promise<string> {
  return signCompact(accessTokenHeader(signingKey), { jti: newJti(), ...claims }, signingKey);
}
