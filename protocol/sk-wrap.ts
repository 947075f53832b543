import { base64url, CompactEncrypt, type CompactJWEHeaderParameters, type JWK } from 'jose';
import { KeyUnwrapFailed } from './errors.js';
import { publicJwk } from './jwk.js';
import { encryptPlainly } from './node-jwe.js';
import { keyFor } from './sign.js';
import { jwkThumbprint } from './thumbprint.js';

export const WRAP_ENC = 'A256GCM';
export const WRAP_CTY = 'jwk+json';

/** The key management alg DPoP-SK §3 step 4 fixes for a recipient key, or undefined (no dpop_sk for it). */
export function wrapAlgFor(jwk: JWK): string | undefined {
  if (jwk.kty === 'EC' && ['P-256', 'P-384', 'P-521'].includes(jwk.crv ?? '')) return 'ECDH-ES';
  if (jwk.kty === 'RSA' && base64url.decode(jwk.n ?? '').length * 8 >= 2048) return 'RSA-OAEP-256';
  return undefined;
}

/** The JWE protected header DPoP-SK §3 step 4 fixes for a recipient: its alg, A256GCM, kid = its jkt, cty jwk+json. */
export async function wrapHeaderFor(recipient: JWK): Promise<CompactJWEHeaderParameters> {
  const alg = wrapAlgFor(recipient);
  if (!alg) throw new KeyUnwrapFailed('WRAP_UNSUPPORTED_KEY', `kty ${recipient.kty} ${recipient.crv ?? ''}`.trim());
  return { alg, enc: WRAP_ENC, kid: await jwkThumbprint(publicJwk(recipient)), cty: WRAP_CTY };
}

/** The oct JWK of SK that a `dpop_sk` carries (DPoP-SK §3 step 3); Model B adds kid = the ticket (§6 step 3). */
export function skJwk(sk: Uint8Array, extra: object = {}): Record<string, unknown> {
  return { kty: 'oct', alg: 'HS256', k: base64url.encode(sk), ...extra };
}

/** A compact JWE of a JWK under any protected header, encrypted to a public key. */
export async function encryptJwk(
  header: CompactJWEHeaderParameters,
  plaintextJwk: object,
  recipientPublicJwk: JWK,
): Promise<string> {
  const plaintext = new TextEncoder().encode(JSON.stringify(plaintextJwk));
  const plain = encryptPlainly(header, plaintext, recipientPublicJwk);
  if (plain !== undefined) return plain;
  return new CompactEncrypt(plaintext)
    .setProtectedHeader(header)
    .encrypt(await keyFor(publicJwk(recipientPublicJwk), header.alg));
}

/** The `dpop_sk` JWE (DPoP-SK §3 steps 3–4): the oct JWK of SK, encrypted to the proof's key. */
export async function wrapSk(sk: Uint8Array, recipient: JWK, extra: Record<string, unknown> = {}): Promise<string> {
  return encryptJwk(await wrapHeaderFor(recipient), skJwk(sk, extra), recipient);
}
