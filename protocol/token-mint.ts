import type { JWK } from 'jose';
import { newJti, signCompact } from './sign.js';

export interface CnfSk { v: string; r: string; exp: number }

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

/** An RFC 9068 JWT access token (typ at+jwt) signed with the AS key; `typ` overridable for negative tests. */
export function mintAccessToken(signingKey: JWK & { kid?: string }, claims: AccessTokenClaims, typ = 'at+jwt'): Promise<string> {
  const header = { alg: signingKey.alg ?? 'ES256', typ, ...(signingKey.kid ? { kid: signingKey.kid } : {}) };
  return signCompact(header, { jti: newJti(), ...claims }, signingKey);
}
