import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { base64url, type JWK, type JWSHeaderParameters } from 'jose';

const HASH_OF: Record<string, string> = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512' };

/**
 * An ECDSA JWS whose signature is ASN.1 DER-encoded rather than the fixed-width
 * R || S that RFC 7518 §3.4 requires: a signature a conforming verifier rejects.
 */
export function derSigned(header: JWSHeaderParameters, claims: object, jwk: JWK): string {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}`;
  const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
  const signature = nodeSign(HASH_OF[String(header.alg)] ?? 'sha256', Buffer.from(input), { key, dsaEncoding: 'der' });
  return `${input}.${base64url.encode(signature)}`;
}
