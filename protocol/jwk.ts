import type { JWK } from 'jose';

/** The members of a JWK that belong to the private key only (RFC 7517 §4, RFC 7518 §6). */
export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The public part of a JWK (drops every private member). */
export function publicJwk(jwk: JWK): JWK {
  const pub: Record<string, unknown> = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete pub[m];
  return pub;
}

/** True when a JWK carries any private key member (RFC 9449 §4.3 check 7 forbids it in a proof). */
export function hasPrivateMembers(jwk: object): boolean {
  return PRIVATE_MEMBERS.some((m) => m in jwk);
}
