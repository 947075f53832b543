import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { base64url, type JWK, type JWSHeaderParameters } from 'jose';

/** The hash an EC key's own algorithm uses (RFC 7518 §3.4), by curve. */
export const EC_HASH: Record<string, string> = { 'P-256': 'sha256', 'P-384': 'sha384', 'P-521': 'sha512' };

/**
 * A JWS whose header may name one algorithm while the signature is made with the
 * algorithm of the key itself (ECDSA with R || S, RFC 7518 §3.4): the "algorithm
 * confusion" a verifier that picks the algorithm from the key instead of the header
 * would accept, and a conforming one refuses (the signature does not verify under
 * the header's alg).
 */
export function signedWithKeyAlg(header: JWSHeaderParameters, claims: object, jwk: JWK): string {
  const hash = jwk.kty === 'EC' ? EC_HASH[String(jwk.crv)] : undefined;
  if (!hash) throw new TypeError('signedWithKeyAlg: an EC key (P-256, P-384, P-521) is required');
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}`;
  const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
  const signature = nodeSign(hash, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${base64url.encode(signature)}`;
}

/** The MAC key an algorithm-confused verifier derives from a jwk header: the UTF-8 of its JSON text. */
export function jwkAsMacKey(jwk: object): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(jwk));
}
